import type { EntityRef } from '../../replica';
import type { QueueItem } from '../model/queue-item';
import { refreshPendingReplica, type StateAfterApply } from './refresh-pending-replica';
import { JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

function queuedReplica(applied: number, target: EntityRef | null = JIRA_ISSUE): QueueItem {
  return {
    format: 2,
    id: 'item-1',
    key: 'conn-1:Case:500A',
    connectionId: 'conn-1',
    entity: SALESFORCE_CASE,
    message: {
      kind: 'replica',
      replica: replicaOf({ seq: 4, hash: 'h1', summary: 'Printer on fire' }),
      target,
      applied,
      policy: 'remote-wins',
    },
    messageId: '01M7W6C3800000000000000001',
    offers: 3,
    lastOfferedAt: '2026-11-20T10:04:00.000Z',
    queuedAt: '2026-11-20T10:00:00.000Z',
    attempts: 2,
    nextAttemptAt: '2026-11-20T10:05:00.000Z',
    state: 'pending',
    lastError: null,
    version: 0,
  };
}

function stateAfter(hash: string, applied: number, summary = 'Printer on fire'): StateAfterApply {
  const { seq: _seq, hash: _hash, ...content } = replicaOf({ summary });
  return { content, hash, applied, target: JIRA_ISSUE };
}

const newId = (): string => 'item-2';
const newMessageId = (): string => '01M7W6C3800000000000000002';

describe('refreshPendingReplica', () => {
  it('claims the newer applied seq and keeps the item id when the content is unchanged', () => {
    const item = queuedReplica(1);

    expect(refreshPendingReplica(item, stateAfter('h1', 3), newId, newMessageId)).toEqual({
      ...item,
      message: { ...item.message, applied: 3 },
    });
  });

  it('takes the state after the apply, keeping its seq, with a new id and message id, never offered', () => {
    // Queued before an apply whose echo was not sent: sent as it is, its old summary would meet
    // the remote's newer one as a concurrent edit.
    const item = queuedReplica(1);

    const refreshed = refreshPendingReplica(item, stateAfter('h2', 3, 'Printer fixed'), newId, newMessageId);

    expect(refreshed).toEqual({
      ...item,
      id: 'item-2',
      messageId: '01M7W6C3800000000000000002',
      offers: 0,
      lastOfferedAt: null,
      message: {
        kind: 'replica',
        replica: { ...replicaOf({ summary: 'Printer fixed' }), seq: 4, hash: 'h2' },
        target: JIRA_ISSUE,
        applied: 3,
        policy: 'remote-wins',
      },
    });
  });

  it('names the remote the link has learned since the replica was queued', () => {
    const item = queuedReplica(0, null);

    expect(refreshPendingReplica(item, stateAfter('h1', 1), newId, newMessageId)?.message).toMatchObject({
      target: JIRA_ISSUE,
      applied: 1,
    });
  });

  it('never lowers the applied seq the replica already claims', () => {
    expect(
      refreshPendingReplica(queuedReplica(5), stateAfter('h2', 3, 'Printer fixed'), newId, newMessageId)
        ?.message,
    ).toMatchObject({
      applied: 5,
    });
  });

  it('leaves an item that is already the state after the apply', () => {
    expect(refreshPendingReplica(queuedReplica(3), stateAfter('h1', 3), newId, newMessageId)).toBeNull();
    expect(refreshPendingReplica(queuedReplica(5), stateAfter('h1', 3), newId, newMessageId)).toBeNull();
  });

  it('has nothing to do without a queued replica', () => {
    expect(refreshPendingReplica(null, stateAfter('h1', 3), newId, newMessageId)).toBeNull();
    const unlink: QueueItem = {
      ...queuedReplica(0),
      message: { kind: 'unlink', entity: SALESFORCE_CASE, target: null, reason: null },
    };
    expect(refreshPendingReplica(unlink, stateAfter('h1', 3), newId, newMessageId)).toBeNull();
  });
});
