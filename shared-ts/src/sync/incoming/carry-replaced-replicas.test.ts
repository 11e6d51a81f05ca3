import { carryReplacedReplicas, MAX_REPLACED_REPLICAS } from './carry-replaced-replicas';
import { createMessageIdGenerator } from '../../protocol';
import { carryMaybeReceived, messagesOfSend, replacedMessageId } from '../outgoing/carry-maybe-received';
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

describe('carryMaybeReceived (the outbox)', () => {
  const outbox = (existing: QueueItem | null, incoming: QueueItem) =>
    carryMaybeReceived(existing, coalesceQueueItem(existing, incoming));

  it('carries a replaced replica that was tried or offered, with those it carried, oldest first', () => {
    const tried = replicaItem('a', 1, { attempts: 1 });
    const second = outbox(tried, replicaItem('b', 2, { offers: 1 }));
    expect([second.id, replacedSeqs(second)]).toEqual(['b', [1]]);
    const third = outbox(second, replicaItem('c', 3));
    expect([third.id, replacedSeqs(third)]).toEqual(['c', [1, 2]]);
  });

  it('carries nothing of a replica never sent, but keeps what that one carried', () => {
    expect(outbox(replicaItem('a', 1), replicaItem('b', 2)).replaced).toBeUndefined();
    const carrying = { ...replicaItem('b', 2), replaced: [replicaItem('a', 1).message] } as QueueItem;
    expect(replacedSeqs(outbox(carrying, replicaItem('c', 3)))).toEqual([1]);
  });

  it('carries nothing of an item in the error list, nor when the waiting item is kept', () => {
    expect(
      outbox(replicaItem('a', 1, { attempts: 3, state: 'error' }), replicaItem('b', 2)).replaced,
    ).toBeUndefined();
    const newer = replicaItem('b', 5, { attempts: 1 });
    expect(outbox(newer, replicaItem('c', 4))).toBe(newer);
  });

  it('sends the carried replicas first, each under its own ULID, then the item', () => {
    const item = {
      ...replicaItem('c', 3),
      replaced: [1, 2].map((seq) => replicaItem('x', seq).message),
    } as QueueItem;
    const sends = messagesOfSend(item);
    expect(sends.map((send) => (send.message?.kind === 'replica' ? send.message.replica.seq : 0))).toEqual([
      1, 2, 3,
    ]);
    const ids = sends.map((send) => send.messageId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect(sends.slice(0, -1).every((send) => send.replaced === undefined)).toBe(true);
    expect(replacedMessageId('01M7W6C380Z00000000000000Z', 0)).toBe('01M7W6C380000000000000000Z');
  });

  it('never gives a carried copy the id of the next item made in the same millisecond', () => {
    const ids = createMessageIdGenerator({ clock: { now: () => 1_700_000_000_000 } });
    const first = ids();
    const next = Array.from({ length: 40 }, () => ids());
    const carried = Array.from({ length: 31 }, (_, index) => replacedMessageId(first, index));
    expect(carried.filter((id) => id === first || next.includes(id))).toEqual([]);
    expect(new Set(carried).size).toBe(31);
  });
});
