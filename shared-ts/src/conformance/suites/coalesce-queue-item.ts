/** Vectors of `coalesceQueueItem`: the one item a queue keeps for an entity when a new one arrives. */
import type { JsonValue } from '../../replica';
import { coalesceQueueItem } from '../../sync/queue/coalesce-queue-item';
import type { QueueItem } from '../../sync/model/queue-item';
import type { VectorSuite } from '../vector-suite';
import { itemOf, replicaMessageOf, unlinkMessageOf } from './sync-fixtures';

/** The input of one vector: the stored item (or null) and the newcomer. */
export interface CoalesceInput {
  existing: QueueItem | null;
  incoming: QueueItem;
}

const later = {
  id: 'item-2',
  messageId: '01JD0000000000000000000002',
  queuedAt: '2026-11-20T10:05:00.000Z',
  nextAttemptAt: '2026-11-20T10:05:00.000Z',
  version: 0,
};
const replica4 = itemOf(replicaMessageOf(4, 'hash-4'), { version: 3 });
const incoming5 = itemOf(replicaMessageOf(5, 'hash-5'), later);

/** The coalesce-queue-item vector set. */
export const coalesceQueueItemSuite: VectorSuite<CoalesceInput> = {
  folder: 'coalesce-queue-item',
  run: (i) => coalesceQueueItem(i.existing, i.incoming) as unknown as JsonValue,
  cases: [
    {
      name: 'nothing-stored-keeps-the-newcomer',
      description: 'An empty queue keeps the newcomer as it is.',
      input: { existing: null, incoming: incoming5 },
    },
    {
      name: 'higher-seq-wins-and-keeps-the-queue-time',
      description: 'A newer seq replaces the stored replica, keeping its earlier queue time and its version.',
      input: { existing: replica4, incoming: incoming5 },
    },
    {
      name: 'lower-seq-keeps-the-stored-item',
      description: 'A newcomer with an older seq than the stored one is dropped.',
      input: { existing: itemOf(replicaMessageOf(6, 'hash-6'), { version: 3 }), incoming: incoming5 },
    },
    {
      name: 'same-seq-same-hash-keeps-the-stored-item',
      description: 'The same replica again is dropped (the stored item keeps its attempts).',
      input: {
        existing: itemOf(replicaMessageOf(5, 'hash-5'), { attempts: 2, version: 3 }),
        incoming: incoming5,
      },
    },
    {
      name: 'same-seq-different-hash-takes-the-newcomer',
      description: 'Two builds raced for one seq: the newcomer (it read the entity later) wins.',
      input: { existing: itemOf(replicaMessageOf(5, 'hash-x'), { version: 3 }), incoming: incoming5 },
    },
    {
      name: 'winner-keeps-the-backoff-still-owed',
      description: 'A stored item waiting for its retry passes the later due time on to the newcomer.',
      input: {
        existing: itemOf(replicaMessageOf(4, 'hash-4'), {
          attempts: 2,
          nextAttemptAt: '2026-11-20T10:20:00.000Z',
          version: 3,
        }),
        incoming: incoming5,
      },
    },
    {
      name: 'newcomer-queued-earlier-keeps-its-own-time',
      description: 'The queue time kept is the earlier of the two, whichever item holds it.',
      input: {
        existing: itemOf(replicaMessageOf(4, 'hash-4'), { queuedAt: '2026-11-20T10:09:00.000Z', version: 3 }),
        incoming: incoming5,
      },
    },
    {
      name: 'newcomer-replaces-an-item-in-the-error-list',
      description: 'A stored error is replaced by the fresh newcomer whole: only the stored version is kept.',
      input: {
        existing: itemOf(replicaMessageOf(4, 'hash-4'), {
          state: 'error',
          attempts: 8,
          lastError: { code: 'network', message: 'Gave up after 8 attempts: connection reset' },
          version: 3,
        }),
        incoming: incoming5,
      },
    },
    {
      name: 'stored-unlink-beats-a-replica',
      description: 'An unlink in the queue is never replaced by a replica.',
      input: { existing: itemOf(unlinkMessageOf(), { version: 3 }), incoming: incoming5 },
    },
    {
      name: 'unlink-replaces-a-replica',
      description: 'An unlink replaces a waiting replica.',
      input: { existing: replica4, incoming: itemOf(unlinkMessageOf(), later) },
    },
    {
      name: 'unlink-replaces-an-unlink',
      description: 'A second unlink replaces the first, keeping its queue time.',
      input: {
        existing: itemOf(unlinkMessageOf(), { version: 3 }),
        incoming: itemOf(unlinkMessageOf(), later),
      },
    },
    {
      name: 'replica-replaces-an-item-without-a-message',
      description: 'A stored item with no message (its build failed) is replaced by a replica.',
      input: { existing: itemOf(null, { state: 'error', version: 3 }), incoming: incoming5 },
    },
  ],
};
