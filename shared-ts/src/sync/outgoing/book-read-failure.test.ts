import { createTestNode, seedEntity, type TestNode } from '../testing/test-node';
import { hashedReplicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { failingReads } from '../testing/failing-reads';
import type { SyncContext } from '../engine/sync-context';
import { syncFailure } from '../model/sync-failure';
import { queueKey } from '../model/queue-item';
import { processInbox } from '../incoming/process-inbox';
import { deliverOutbox } from './deliver-outbox';
import { syncLocalChange } from './sync-local-change';

/** Jira's answer to a read it throttled: 429 with Retry-After: 120. */
const THROTTLED = syncFailure('http', 'Jira answered 429 to read-issue', {
  status: 429,
  retryAfterSeconds: 120,
});

/** The node's context with its entity store answering `failures` to its next reads. */
function failingContext(node: TestNode, failures = [THROTTLED], reject = false): SyncContext {
  const { config, deps } = node.engine.context;
  return { config, deps: { ...deps, entities: failingReads(node.entities, 'read', failures, { reject }) } };
}

function waitOf(node: TestNode, dueAt: string): number {
  return Date.parse(dueAt) - node.clock.now();
}

describe('a read the entity store answers with a failure', () => {
  it('leaves the outgoing build a rebuild item due no earlier than the Retry-After, then builds and sends it', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    const ref = seedEntity(node, '10001', { title: 'Printer on fire', state: 'Open' });
    const ctx = failingContext(node);
    expect(await syncLocalChange(ctx, ref)).toEqual({ kind: 'failed', error: THROTTLED });
    const item = await node.outbox.get(queueKey('conn-1', ref));
    expect(item).toMatchObject({ message: null, state: 'pending', attempts: 1, lastError: THROTTLED });
    expect(waitOf(node, item?.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(120_000);

    node.clock.advance(119_000);
    await deliverOutbox(ctx);
    expect(node.transport.sent).toEqual([]);

    node.clock.advance(Date.parse(item?.nextAttemptAt ?? '') - node.clock.now());
    await deliverOutbox(ctx);
    expect(node.transport.sent.map((sent) => sent.message?.kind)).toEqual(['replica']);
    expect(node.outbox.items.size).toBe(0);
  });

  it('books each failed rebuild as one more attempt and drops the rebuild item when the build has nothing new to send', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    const ref = seedEntity(node, '10001', { title: 'Printer on fire', state: 'Open' });
    await syncLocalChange(node.engine.context, ref);
    await deliverOutbox(node.engine.context);
    const ctx = failingContext(node, [THROTTLED, THROTTLED]);
    await syncLocalChange(ctx, ref);
    node.clock.advance(600_000);
    await deliverOutbox(ctx);
    expect(await node.outbox.get(queueKey('conn-1', ref))).toMatchObject({ message: null, attempts: 2 });
    node.clock.advance(3_600_000);
    await deliverOutbox(ctx);
    expect(node.outbox.items.size).toBe(0);
    expect(node.transport.sent).toHaveLength(1);
  });

  it('keeps a rejection working as an unexpected failure, retried on the plain backoff', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    const ref = seedEntity(node, '10001', { title: 'Printer on fire', state: 'Open' });
    const result = await syncLocalChange(failingContext(node, [THROTTLED], true), ref);
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'unexpected' } });
    expect(await node.outbox.get(queueKey('conn-1', ref))).toMatchObject({
      state: 'pending',
      lastError: { code: 'unexpected' },
    });
  });

  it('holds an incoming apply whose read was throttled in the inbox no earlier than the Retry-After', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    node.entities.put({ ref: SALESFORCE_CASE, view: { title: 'Old', comments: [] }, modifiedAt: null });
    const ctx = failingContext(node);
    const replica = await hashedReplicaOf();
    expect(
      await node.engine.receive({ kind: 'replica', replica, target: SALESFORCE_CASE, applied: 0 }),
    ).toEqual({
      ok: true,
    });
    const summary = await processInbox(ctx);
    expect(summary).toMatchObject({ done: 0, retrying: 1 });
    const [item] = [...node.inbox.items.values()];
    expect(item).toMatchObject({ state: 'pending', attempts: 1, lastError: THROTTLED });
    expect(waitOf(node, item?.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(120_000);

    node.clock.advance(119_000);
    expect(await processInbox(ctx)).toMatchObject({ done: 0, retrying: 0 });
    node.clock.advance(1_000);
    expect(await processInbox(ctx)).toMatchObject({ done: 1 });
    expect((await node.entities.read(SALESFORCE_CASE))?.view.title).toBe('Printer on fire');
  });
});
