import type { QueueItem } from './queue-item';
import { restampPendingReplica } from './restamp-pending-replica';
import { replicaOf, SALESFORCE_CASE } from './testing/fixtures';

function queuedReplica(applied: number): QueueItem {
  return {
    id: 'item-1',
    key: 'conn-1:Case:500A',
    connectionId: 'conn-1',
    entity: SALESFORCE_CASE,
    message: { kind: 'replica', replica: replicaOf({ seq: 4 }), target: null, applied },
    queuedAt: '2026-11-20T10:00:00.000Z',
    attempts: 0,
    nextAttemptAt: '2026-11-20T10:00:00.000Z',
    state: 'pending',
    lastError: null,
  };
}

describe('restampPendingReplica', () => {
  it('claims the newer applied seq and keeps the item id and content', () => {
    const item = queuedReplica(1);
    expect(restampPendingReplica(item, 3, 'h1')).toEqual({
      ...item,
      message: { ...item.message, applied: 3 },
    });
  });

  it('leaves a replica whose content is not the state after the apply', () => {
    // Queued before an apply whose echo was suppressed: its values are older than the apply.
    expect(restampPendingReplica(queuedReplica(1), 3, 'h2')).toBeNull();
  });

  it('leaves an item that already claims that seq or a newer one', () => {
    expect(restampPendingReplica(queuedReplica(3), 3, 'h1')).toBeNull();
    expect(restampPendingReplica(queuedReplica(5), 3, 'h1')).toBeNull();
  });

  it('has nothing to do without a queued replica', () => {
    expect(restampPendingReplica(null, 3, 'h1')).toBeNull();
    const unlink: QueueItem = {
      ...queuedReplica(0),
      message: { kind: 'unlink', entity: SALESFORCE_CASE, target: null, reason: null },
    };
    expect(restampPendingReplica(unlink, 3, 'h1')).toBeNull();
  });
});
