/** Vectors of `forgetUnsentSnapshot`: the link forgets the snapshot of a replica replaced in the outbox before it was sent. */
import type { JsonValue } from '../../replica';
import { forgetUnsentSnapshot } from '../../sync/outgoing/forget-unsent-snapshot';
import type { Link } from '../../sync/model/link';
import type { QueueItem } from '../../sync/model/queue-item';
import type { VectorSuite } from '../vector-suite';
import { itemOf, linkOf, replicaMessageOf, snapshotOf, unlinkMessageOf } from './sync-fixtures';

/**
 * The input of one vector: `replacedIsKept` says that the item replaced is the very item kept
 * (the queue kept what it had), which the code tells by identity.
 */
export interface ForgetInput {
  link: Link;
  replaced: QueueItem | null;
  kept: QueueItem;
  replacedIsKept: boolean;
}

const link = linkOf({
  seq: 5,
  lastSentHash: 'hash-5',
  delivered: 3,
  unacked: [
    snapshotOf(3, { Subject: 'three' }),
    snapshotOf(4, { Subject: 'four' }),
    snapshotOf(5, { Subject: 'five' }),
  ],
});
const kept = itemOf(replicaMessageOf(5, 'hash-5'), { id: 'item-5' });

function input(replaced: QueueItem | null, overrides: Partial<ForgetInput> = {}): ForgetInput {
  return { link, replaced, kept, replacedIsKept: false, ...overrides };
}

/** The forget-unsent-snapshot vector set. */
export const forgetUnsentSnapshotSuite: VectorSuite<ForgetInput> = {
  folder: 'forget-unsent-snapshot',
  run: (i) =>
    forgetUnsentSnapshot(i.link, i.replacedIsKept ? i.kept : i.replaced, i.kept) as unknown as JsonValue,
  cases: [
    {
      name: 'forgets-the-snapshot-of-a-replica-never-tried',
      description: 'Seq 4 was replaced by seq 5 before any attempt or offer: its snapshot goes.',
      input: input(itemOf(replicaMessageOf(4, 'hash-4'), { id: 'item-4' })),
    },
    {
      name: 'nothing-replaced',
      description: 'The outbox held nothing for the entity: the link is unchanged.',
      input: input(null),
    },
    {
      name: 'the-queue-kept-the-old-item',
      description: 'The kept item is the one that was there: the link is unchanged.',
      input: input(kept, { replacedIsKept: true }),
    },
    {
      name: 'a-replica-tried-once-may-have-arrived',
      description: 'The replaced replica had an attempt (its answer may be lost): its snapshot stays.',
      input: input(itemOf(replicaMessageOf(4, 'hash-4'), { id: 'item-4', attempts: 1 })),
    },
    {
      name: 'a-replica-offered-in-a-batch-may-be-held',
      description:
        'The rendezvous offered the replaced replica: the puller may hold it, so its snapshot stays.',
      input: input(
        itemOf(replicaMessageOf(4, 'hash-4'), {
          id: 'item-4',
          offers: 1,
          lastOfferedAt: '2026-11-20T10:01:00.000Z',
        }),
      ),
    },
    {
      name: 'a-replaced-unlink-has-no-snapshot',
      description: 'The replaced item was an unlink: the link is unchanged.',
      input: input(itemOf(unlinkMessageOf(), { id: 'item-u' })),
    },
    {
      name: 'a-replaced-item-without-a-message',
      description: 'The replaced item held no message: the link is unchanged.',
      input: input(itemOf(null, { id: 'item-n' })),
    },
    {
      name: 'a-seq-with-no-snapshot-changes-nothing',
      description: 'The replaced seq has no snapshot (already pushed out): the link is unchanged.',
      input: input(itemOf(replicaMessageOf(2, 'hash-2'), { id: 'item-2' })),
    },
  ],
};
