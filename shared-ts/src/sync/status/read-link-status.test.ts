import { applyIncomingReplica } from '../incoming/apply-incoming-replica';
import { readLinkStatus } from './read-link-status';
import { receiveMessage } from '../incoming/receive-message';
import { hashedReplicaOf, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode } from '../testing/test-node';

const ISSUE = { platform: 'jira', type: 'issue', id: 'issue-1' };

describe('readLinkStatus', () => {
  it('says not-linked for an entity that never synced', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    expect((await readLinkStatus(node.engine.context, ISSUE)).state).toBe('not-linked');
  });

  it('says pending while our reply waits in the outbox, then synced', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    await applyIncomingReplica(node.engine.context, {
      kind: 'replica',
      replica: replicaOf({ entity: SALESFORCE_CASE }),
      target: null,
      applied: 0,
    });
    expect(await readLinkStatus(node.engine.context, ISSUE)).toMatchObject({
      state: 'pending',
      remote: SALESFORCE_CASE,
    });
    await node.engine.deliverOutbox();
    expect(await readLinkStatus(node.engine.context, ISSUE)).toMatchObject({
      state: 'synced',
      lastSyncAt: '2026-11-20T10:00:00.000Z',
    });
  });

  it('says pending while a replica from the remote entity waits in the inbox', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    await applyIncomingReplica(node.engine.context, {
      kind: 'replica',
      replica: replicaOf({ entity: SALESFORCE_CASE }),
      target: null,
      applied: 0,
    });
    await node.engine.deliverOutbox();
    await receiveMessage(node.engine.context, {
      kind: 'replica',
      replica: await hashedReplicaOf({ entity: SALESFORCE_CASE, seq: 2 }),
      target: ISSUE,
      applied: 1,
    });
    expect(await readLinkStatus(node.engine.context, ISSUE)).toMatchObject({
      state: 'pending',
      message: 'Waiting to apply.',
    });
  });
});
