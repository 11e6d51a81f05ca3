import { coalesceQueueItem } from './coalesce-queue-item';
import type { QueueItem } from '../model/queue-item';
import { syncFailure } from '../model/sync-failure';
import { replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

function replicaItem(id: string, seq: number, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    format: 2,
    id,
    key: 'conn-1:Case:500A',
    connectionId: 'conn-1',
    entity: SALESFORCE_CASE,
    message: { kind: 'replica', replica: replicaOf({ seq }), target: null, applied: 0 },
    messageId: '01M7W6C3800000000000000001',
    offers: 0,
    lastOfferedAt: null,
    queuedAt: '2026-11-20T10:00:00.000Z',
    attempts: 0,
    nextAttemptAt: '2026-11-20T10:00:00.000Z',
    state: 'pending',
    lastError: null,
    version: 0,
    ...overrides,
  };
}

const unlink: QueueItem = {
  ...replicaItem('u', 0),
  message: { kind: 'unlink', entity: SALESFORCE_CASE, target: null, reason: null },
};

describe('coalesceQueueItem', () => {
  it('queues the new item when there is none', () => {
    const item = replicaItem('a', 1);
    expect(coalesceQueueItem(null, item)).toBe(item);
  });

  it('replaces a pending replica with a newer one', () => {
    const newer = replicaItem('b', 2, {
      queuedAt: '2026-11-20T10:05:00.000Z',
      nextAttemptAt: '2026-11-20T10:05:00.000Z',
    });
    const result = coalesceQueueItem(replicaItem('a', 1), newer);
    expect(result.id).toBe('b');
    expect(result.message).toBe(newer.message);
  });

  it("gives newer content the newcomer's message id, not yet offered, so an ack for the old content leaves it queued", () => {
    const offered = replicaItem('a', 1, { offers: 2, lastOfferedAt: '2026-11-20T10:01:00.000Z' });
    const newer = replicaItem('b', 2, { messageId: '01M7W6C3800000000000000009' });
    expect(coalesceQueueItem(offered, newer)).toMatchObject({
      messageId: '01M7W6C3800000000000000009',
      offers: 0,
      lastOfferedAt: null,
    });
  });

  it('keeps the pending replica when the newcomer is not newer', () => {
    const existing = replicaItem('a', 3);
    expect(coalesceQueueItem(existing, replicaItem('b', 3))).toBe(existing);
    expect(coalesceQueueItem(existing, replicaItem('c', 2))).toBe(existing);
  });

  it('keeps the older queue time, so latency counts from the first unsent change', () => {
    const newer = replicaItem('b', 2, { queuedAt: '2026-11-20T10:05:00.000Z' });
    expect(coalesceQueueItem(replicaItem('a', 1), newer).queuedAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('keeps a backoff the older item still owes, and starts the attempt count afresh', () => {
    const backingOff = replicaItem('a', 1, { attempts: 3, nextAttemptAt: '2026-11-20T10:30:00.000Z' });
    const result = coalesceQueueItem(
      backingOff,
      replicaItem('b', 2, { nextAttemptAt: '2026-11-20T10:05:00.000Z' }),
    );
    expect(result).toMatchObject({ attempts: 0, nextAttemptAt: '2026-11-20T10:30:00.000Z' });
  });

  it('takes a newer replica out of the error list: the new state deserves a fresh try', () => {
    const failed = replicaItem('a', 1, {
      state: 'error',
      attempts: 8,
      lastError: syncFailure('network', 'down'),
    });
    const newer = replicaItem('b', 2, { queuedAt: '2026-11-20T11:00:00.000Z' });
    expect(coalesceQueueItem(failed, newer)).toEqual(newer);
  });

  it('takes the newcomer of the same seq when its content differs: the later of two racing writers read the entity later', () => {
    const existing = replicaItem('a', 3);
    const racing = replicaItem('b', 3);
    if (racing.message?.kind !== 'replica') throw new Error('fixture');
    racing.message.replica.hash = 'sha256:other';
    expect(coalesceQueueItem(existing, racing).id).toBe('b');
  });

  it('carries the stored version on whatever it keeps, so the put is a compare-and-set against it', () => {
    const stored = replicaItem('a', 1, { version: 4 });
    expect(coalesceQueueItem(stored, replicaItem('b', 2)).version).toBe(4);
    expect(coalesceQueueItem(stored, replicaItem('c', 1)).version).toBe(4);
    expect(coalesceQueueItem({ ...stored, state: 'error' }, replicaItem('d', 2)).version).toBe(4);
  });

  it('lets an unlink replace a pending replica, and no replica replace an unlink', () => {
    expect(coalesceQueueItem(replicaItem('a', 1), unlink).message?.kind).toBe('unlink');
    expect(coalesceQueueItem(unlink, replicaItem('b', 9))).toBe(unlink);
  });
});
