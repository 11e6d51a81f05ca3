import type { ReplicaMessage, SyncMessage } from './sync-message';
import { receiveMessage } from './receive-message';
import { replicaOf, SALESFORCE_CASE } from './testing/fixtures';
import { createTestNode } from './testing/test-node';

function fromCase(seq: number): ReplicaMessage {
  return { kind: 'replica', replica: replicaOf({ entity: SALESFORCE_CASE, seq }), target: null, applied: 0 };
}

describe('receiveMessage', () => {
  it('persists a replica in the inbox under the sender entity, due at once', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    expect(await receiveMessage(node.engine.context, fromCase(1))).toEqual({ ok: true });
    expect(await node.inbox.get('conn-1:Case:500A')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-11-20T10:00:00.000Z',
      message: { replica: { seq: 1 } },
    });
  });

  it('keeps only the newest replica of an entity waiting', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    await receiveMessage(node.engine.context, fromCase(2));
    await receiveMessage(node.engine.context, fromCase(3));
    await receiveMessage(node.engine.context, fromCase(1));
    expect(node.inbox.items.size).toBe(1);
    expect((await node.inbox.get('conn-1:Case:500A'))?.message).toMatchObject({ replica: { seq: 3 } });
    expect(node.log.entries.at(-1)?.message).toBe(
      'Dropped replica seq 1 of salesforce Case 500A: seq 3 is already waiting.',
    );
  });

  it('lets an unlink replace a waiting replica', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    await receiveMessage(node.engine.context, fromCase(2));
    await receiveMessage(node.engine.context, {
      kind: 'unlink',
      entity: SALESFORCE_CASE,
      target: null,
      reason: null,
    });
    expect((await node.inbox.get('conn-1:Case:500A'))?.message?.kind).toBe('unlink');
  });

  it.each([
    ['a replica without an entity', { kind: 'replica', replica: { seq: 1 }, target: null, applied: 0 }],
    ['a replica with seq 0', { kind: 'replica', replica: replicaOf({ seq: 0 }), target: null, applied: 0 }],
    ['a replica message without applied', { kind: 'replica', replica: replicaOf(), target: null }],
    [
      'a replica message with an unknown policy',
      { kind: 'replica', replica: replicaOf(), target: null, applied: 0, policy: 'first-wins' },
    ],
    ['an unknown kind', { kind: 'hello' }],
    ['an unlink without entity', { kind: 'unlink', target: null, reason: null }],
    [
      'an unlink with a reason that is not text',
      { kind: 'unlink', entity: SALESFORCE_CASE, target: null, reason: 7 },
    ],
  ])('refuses %s with a schema failure and stores nothing', async (_name, message) => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    const result = await receiveMessage(node.engine.context, message as unknown as SyncMessage);
    expect(result).toMatchObject({ ok: false, failure: { code: 'schema' } });
    expect(node.inbox.items.size).toBe(0);
  });

  it('reports a failing inbox store instead of acknowledging', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    node.inbox.put = () => Promise.reject(new Error('KVS unavailable'));
    expect(await receiveMessage(node.engine.context, fromCase(1))).toEqual({
      ok: false,
      failure: { code: 'unexpected', message: 'KVS unavailable' },
    });
  });
});
