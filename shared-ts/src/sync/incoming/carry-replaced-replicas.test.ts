import { carryReplacedReplicas, MAX_REPLACED_REPLICAS } from './carry-replaced-replicas';
import { coalesceQueueItem } from '../queue/coalesce-queue-item';
import type { QueueItem } from '../model/queue-item';
import { replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

function replicaItem(id: string, seq: number, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    format: 2,
    id,
    key: 'conn-1:Case:500A',
    connectionId: 'conn-1',
    entity: SALESFORCE_CASE,
    message: { kind: 'replica', replica: replicaOf({ seq }), target: null, applied: 0 },
    messageId: `01M7W6C38000000000000000${String(seq).padStart(2, '0')}`,
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

/** What the inbox stores when `incoming` arrives while `existing` waits. */
function store(existing: QueueItem | null, incoming: QueueItem): QueueItem {
  return carryReplacedReplicas(existing, incoming, coalesceQueueItem(existing, incoming));
}

function replacedSeqs(item: QueueItem): number[] {
  return (item.replaced ?? []).map((message) => message.replica.seq);
}

describe('carryReplacedReplicas', () => {
  it('keeps the waiting replica that a newer one replaces, to be applied first', () => {
    const waiting = replicaItem('a', 1);
    const kept = store(waiting, replicaItem('b', 2));
    expect(kept.id).toBe('b');
    expect(kept.replaced).toEqual([waiting.message]);
  });

  it('keeps every replica replaced in turn, oldest seq first', () => {
    const kept = store(store(replicaItem('a', 1), replicaItem('b', 2)), replicaItem('c', 3));
    expect(replacedSeqs(kept)).toEqual([1, 2]);
  });

  it('slots an older replica that arrives after a newer one in before it', () => {
    const kept = store(store(replicaItem('a', 1), replicaItem('c', 3)), replicaItem('b', 2));
    expect(kept.id).toBe('c');
    expect(replacedSeqs(kept)).toEqual([1, 2]);
  });

  it('stores nothing new for a replica already waiting', () => {
    const waiting = store(replicaItem('a', 1), replicaItem('b', 2));
    expect(store(waiting, replicaItem('c', 2))).toBe(waiting);
    expect(store(waiting, replicaItem('d', 1))).toBe(waiting);
  });

  it(`keeps at most ${MAX_REPLACED_REPLICAS} replaced replicas, the newest`, () => {
    let item = replicaItem('a', 1);
    for (let seq = 2; seq <= MAX_REPLACED_REPLICAS + 3; seq++)
      item = store(item, replicaItem(`i${seq}`, seq));
    expect(replacedSeqs(item)).toEqual(
      Array.from({ length: MAX_REPLACED_REPLICAS }, (_, index) => index + 3),
    );
  });

  it('carries nothing on from an item in the error list', () => {
    const failed = store(replicaItem('a', 1), replicaItem('b', 2));
    const kept = store({ ...failed, state: 'error' }, replicaItem('c', 3));
    expect(kept.id).toBe('c');
    expect(kept.replaced).toBeUndefined();
  });

  it('carries no replica past an unlink, which ends the pair', () => {
    const unlink: QueueItem = {
      ...replicaItem('u', 0),
      message: { kind: 'unlink', entity: SALESFORCE_CASE, target: null, reason: null },
    };
    const kept = store(store(replicaItem('a', 1), replicaItem('b', 2)), unlink);
    expect(kept.message).toBe(unlink.message);
    expect(kept.replaced).toBeUndefined();
    expect(store(unlink, replicaItem('c', 3)).replaced).toBeUndefined();
  });
});
