/**
 * Vectors of the outbox's "every replica the remote may hold is judged" (docs/sync-semantics.md,
 * section 6): `carryMaybeReceived`, the item stored when a newer outbox item replaces one that was
 * tried or offered, and `messagesOfSend`, the messages one send of it carries, in order, with their
 * message ids (`replacedMessageId`).
 */
import type { JsonValue } from '../../replica';
import type { QueueItem } from '../../sync/model/queue-item';
import type { ReplicaMessage } from '../../sync/model/sync-message';
import { carryMaybeReceived, messagesOfSend } from '../../sync/outgoing/carry-maybe-received';
import type { VectorSuite } from '../vector-suite';
import { itemOf, replicaMessageOf, unlinkMessageOf } from './sync-fixtures';

/** The input of one vector: the stored outbox item (or null) and the item coalescing kept. */
export interface CarryInput {
  existing: QueueItem | null;
  kept: QueueItem;
}

/** A replica message of `seq`, typed as the `replaced` list holds it. */
function carried(seq: number): ReplicaMessage {
  return replicaMessageOf(seq, `hash-${seq}`) as ReplicaMessage;
}

const newer = {
  id: 'item-2',
  messageId: '01JD0000000000000000000002',
  queuedAt: '2026-11-20T10:05:00.000Z',
  nextAttemptAt: '2026-11-20T10:05:00.000Z',
};
const kept6 = itemOf(replicaMessageOf(6, 'hash-6'), newer);

/** What a send of the stored item carries: each message's id and what it is (seq, or `unlink`). */
function sendsOf(item: QueueItem): JsonValue {
  return messagesOfSend(item).map((send) => ({
    messageId: send.messageId,
    carries: send.message?.kind === 'replica' ? send.message.replica.seq : (send.message?.kind ?? null),
  }));
}

/** The carry-maybe-received vector set. */
export const carryMaybeReceivedSuite: VectorSuite<CarryInput> = {
  folder: 'carry-maybe-received',
  run: (i) => {
    const stored = carryMaybeReceived(i.existing, i.kept);
    return { stored: stored as unknown as JsonValue, sends: sendsOf(stored) };
  },
  cases: [
    {
      name: 'nothing-stored-keeps-the-item',
      description: 'An empty outbox: the kept item is stored as it is and sends only itself.',
      input: { existing: null, kept: kept6 },
    },
    {
      name: 'never-sent-carries-nothing',
      description:
        'A replaced item never tried nor offered cannot have reached the remote: nothing is carried.',
      input: { existing: itemOf(replicaMessageOf(5, 'hash-5')), kept: kept6 },
    },
    {
      name: 'tried-is-carried-and-sent-first',
      description:
        'A replaced item that was tried may have reached the remote: its replica rides in `replaced` and every send carries it first, under a derived message id.',
      input: { existing: itemOf(replicaMessageOf(5, 'hash-5'), { attempts: 1 }), kept: kept6 },
    },
    {
      name: 'offered-is-carried-and-sent-first',
      description: 'A replaced item offered in a batch counts as possibly received, as a tried one does.',
      input: {
        existing: itemOf(replicaMessageOf(5, 'hash-5'), {
          offers: 2,
          lastOfferedAt: '2026-11-20T10:01:00.000Z',
        }),
        kept: kept6,
      },
    },
    {
      name: 'carried-replicas-pass-on-oldest-first',
      description: 'The replicas a tried item carried pass on with its own, oldest seq first.',
      input: {
        existing: itemOf(replicaMessageOf(5, 'hash-5'), {
          attempts: 1,
          replaced: [carried(3), carried(4)],
        }),
        kept: kept6,
      },
    },
    {
      name: 'never-sent-keeps-what-it-carried',
      description:
        'A never-sent item passes on the replicas it carried (they may have reached the remote), not its own.',
      input: {
        existing: itemOf(replicaMessageOf(5, 'hash-5'), { replaced: [carried(4)] }),
        kept: kept6,
      },
    },
    {
      name: 'at-most-seven-newest-kept',
      description: 'At most 7 replicas are carried: the 7 highest seqs below the kept one.',
      input: {
        existing: itemOf(replicaMessageOf(9, 'hash-9'), {
          attempts: 3,
          replaced: [1, 2, 3, 4, 5, 6, 7, 8].map(carried),
        }),
        kept: itemOf(replicaMessageOf(10, 'hash-10'), newer),
      },
    },
    {
      name: 'error-list-item-carries-nothing',
      description:
        'An item in the error list failed for good: the newer item replaces it and carries nothing.',
      input: {
        existing: itemOf(replicaMessageOf(5, 'hash-5'), { attempts: 5, state: 'error' }),
        kept: kept6,
      },
    },
    {
      name: 'unlink-kept-carries-nothing',
      description: 'An unlink ends the pair: it carries no replica before it.',
      input: {
        existing: itemOf(replicaMessageOf(5, 'hash-5'), { attempts: 1 }),
        kept: itemOf(unlinkMessageOf(), newer),
      },
    },
    {
      name: 'same-item-is-kept-as-it-is',
      description: 'When coalescing kept the stored item itself, nothing changes.',
      input: {
        existing: itemOf(replicaMessageOf(6, 'hash-6'), { attempts: 1 }),
        kept: itemOf(replicaMessageOf(6, 'hash-6'), { attempts: 1 }),
      },
    },
  ],
};
