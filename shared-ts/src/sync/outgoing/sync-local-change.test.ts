import { classifyFailure } from '../queue/classify-failure';
import { syncLocalChange } from './sync-local-change';
import { fakeRulesEngine } from '../testing/fake-rules-engine';
import { createTestNode, seedEntity } from '../testing/test-node';

function salesforce() {
  return createTestNode({ platform: 'salesforce', type: 'Case' });
}

describe('syncLocalChange', () => {
  it('queues the first replica of an entity with seq 1 and creates its link', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'Printer on fire', state: 'New' });
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'enqueued', seq: 1 });
    const item = await node.outbox.get('conn-1:Case:500A');
    expect(item?.message).toMatchObject({
      kind: 'replica',
      target: null,
      applied: 0,
      replica: { seq: 1, summary: 'Printer on fire' },
    });
    const link = await node.links.get('conn-1', ref);
    expect(link?.outgoing).toMatchObject({
      seq: 1,
      lastSentHash: item?.message?.kind === 'replica' && item.message.replica.hash,
    });
  });

  it("stamps this side's conflict policy on the replica message", async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'Printer on fire' });
    await syncLocalChange(node.engine.context, ref);
    expect((await node.outbox.get('conn-1:Case:500A'))?.message).toMatchObject({
      kind: 'replica',
      policy: node.engine.context.config.policy.conflict,
    });
  });

  it('queues nothing when the replica equals the last one sent', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'Printer on fire' });
    await syncLocalChange(node.engine.context, ref);
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'unchanged' });
  });

  it('queues nothing for a change the outgoing rules do not map', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'Printer on fire' });
    await syncLocalChange(node.engine.context, ref);
    node.entities.edit(ref, { internalNote: 'not synced' });
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'unchanged' });
  });

  it('coalesces changes waiting in the outbox to the newest, with a monotonic seq', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    node.entities.edit(ref, { title: 'two' });
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'enqueued', seq: 2 });
    expect(node.outbox.items.size).toBe(1);
    expect((await node.outbox.get('conn-1:Case:500A'))?.message).toMatchObject({
      replica: { seq: 2, summary: 'two' },
    });
  });

  it('skips an unlinked pair', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    await node.engine.unlink(ref);
    node.entities.edit(ref, { title: 'two' });
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'skipped', reason: 'unlinked' });
  });

  it('skips an entity that no longer exists', async () => {
    const node = salesforce();
    expect(
      await syncLocalChange(node.engine.context, { platform: 'salesforce', type: 'Case', id: 'gone' }),
    ).toEqual({
      kind: 'skipped',
      reason: 'missing',
    });
  });

  it('puts a failure of the outgoing rules straight into the error list', async () => {
    const failing = fakeRulesEngine({
      outgoing: () => ({ error: { code: 'type-error', message: 'no such field', line: 1, column: 9 } }),
    });
    const node = createTestNode({ platform: 'salesforce', type: 'Case', runRules: failing });
    const ref = seedEntity(node, '500A', { title: 'x' });
    const result = await syncLocalChange(node.engine.context, ref);
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'rule-error' } });
    expect(await node.outbox.get('conn-1:Case:500A')).toMatchObject({
      state: 'error',
      message: null,
      lastError: { code: 'rule-error' },
    });
  });

  it('puts a replica that breaks the replica schema into the error list, saying where', async () => {
    const broken = fakeRulesEngine({ outgoing: () => ({ summary: 42 }) });
    const node = createTestNode({ platform: 'salesforce', type: 'Case', runRules: broken });
    const ref = seedEntity(node, '500A', { title: 'x' });
    const result = await syncLocalChange(node.engine.context, ref);
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'schema' } });
    expect((await node.outbox.get('conn-1:Case:500A'))?.lastError?.message).toMatch(/\/summary/);
    expect((await node.links.get('conn-1', ref))?.outgoing.lastSentHash ?? null).toBeNull();
  });

  it('puts a replica the outgoing rules built 3,000 levels deep into the error list as a permanent schema failure, not a transient unexpected one retried for ever', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 3000; i++) deep = { inner: deep };
    const deepRules = fakeRulesEngine({ outgoing: () => ({ custom: { Tier: deep } }) });
    const node = createTestNode({ platform: 'salesforce', type: 'Case', runRules: deepRules });
    const ref = seedEntity(node, '500A', { title: 'x' });
    const result = await syncLocalChange(node.engine.context, ref);
    expect(result).toMatchObject({
      kind: 'failed',
      error: { code: 'schema', message: expect.stringContaining('is nested more than 256 levels deep') },
    });
    expect(result.kind === 'failed' && classifyFailure(result.error)).toBe('permanent');
    expect(await node.outbox.get('conn-1:Case:500A')).toMatchObject({ state: 'error', message: null });
  });

  it('reports a throwing port as an unexpected failure instead of throwing', async () => {
    const node = salesforce();
    node.entities.read = () => Promise.reject(new Error('SOQL timeout'));
    expect(
      await syncLocalChange(node.engine.context, { platform: 'salesforce', type: 'Case', id: '500A' }),
    ).toEqual({
      kind: 'failed',
      error: { code: 'unexpected', message: 'SOQL timeout' },
    });
  });
});
