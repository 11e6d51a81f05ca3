/** Vectors of `refreshPendingReplica`: a replica waiting in the outbox brought up to the state after an apply. */
import type { EntityRef, JsonValue } from '../../replica';
import type { ReplicaContent } from '../../sync/outgoing/build-outgoing-replica';
import type { QueueItem } from '../../sync/model/queue-item';
import { refreshPendingReplica } from '../../sync/outgoing/refresh-pending-replica';
import type { VectorSuite } from '../vector-suite';
import { contentOf, ISSUE, itemOf, replicaMessageOf, unlinkMessageOf } from './sync-fixtures';

/** The input of one vector: the arguments, with the two id generators as the one id each returns. */
export interface RefreshInput {
  item: QueueItem | null;
  state: { content: ReplicaContent; hash: string; applied: number; target: EntityRef | null };
  newId: string;
  newMessageId: string;
}

const after = contentOf({ status: { name: 'Working', category: 'indeterminate' } });

function input(overrides: Partial<RefreshInput> = {}): RefreshInput {
  return {
    item: itemOf(replicaMessageOf(4, 'hash-a', { applied: 6 }), {
      offers: 1,
      lastOfferedAt: '2026-11-20T10:01:00.000Z',
    }),
    state: { content: contentOf(), hash: 'hash-a', applied: 6, target: ISSUE },
    newId: 'item-2',
    newMessageId: '01JD0000000000000000000002',
    ...overrides,
  };
}

/** The refresh-pending-replica vector set. */
export const refreshPendingReplicaSuite: VectorSuite<RefreshInput> = {
  folder: 'refresh-pending-replica',
  run: (i) =>
    refreshPendingReplica(
      i.item,
      i.state,
      () => i.newId,
      () => i.newMessageId,
    ) as unknown as JsonValue,
  cases: [
    {
      name: 'nothing-waits',
      description: 'No item waits in the outbox: null.',
      input: input({ item: null }),
    },
    {
      name: 'a-waiting-unlink-is-left-alone',
      description: 'An unlink waiting in the outbox is not a replica: null.',
      input: input({ item: itemOf(unlinkMessageOf()) }),
    },
    {
      name: 'an-item-without-a-message-is-left-alone',
      description: 'An item with no message (a failed build) is left alone: null.',
      input: input({ item: itemOf(null) }),
    },
    {
      name: 'same-content-target-and-applied-changes-nothing',
      description: 'Nothing would change: null.',
      input: input(),
    },
    {
      name: 'newer-applied-restamps-and-keeps-the-ids',
      description: 'Only the applied seq is newer: the item keeps its id, message id and offers.',
      input: input({ state: { content: contentOf(), hash: 'hash-a', applied: 7, target: ISSUE } }),
    },
    {
      name: 'older-applied-never-lowers-the-message',
      description: 'The applied seq is the larger of the two: an older state changes nothing.',
      input: input({ state: { content: contentOf(), hash: 'hash-a', applied: 5, target: ISSUE } }),
    },
    {
      name: 'learns-the-target',
      description: 'A replica queued before the pair was known takes the link remote as its target.',
      input: input({ item: itemOf(replicaMessageOf(1, 'hash-a', { applied: 6, target: null })) }),
    },
    {
      name: 'no-target-on-either-side-stays-null',
      description: 'When neither the state nor the message names the remote, the target stays null.',
      input: input({
        item: itemOf(replicaMessageOf(1, 'hash-a', { applied: 6, target: null })),
        state: { content: contentOf(), hash: 'hash-a', applied: 6, target: null },
      }),
    },
    {
      name: 'a-different-target-is-replaced',
      description: 'A message naming another entity than the link remote takes the link remote.',
      input: input({
        item: itemOf(
          replicaMessageOf(4, 'hash-a', {
            applied: 6,
            target: { platform: 'jira', type: 'issue', id: '10002' },
          }),
        ),
      }),
    },
    {
      name: 'new-content-keeps-the-seq-and-gets-new-ids',
      description:
        'The apply changed the entity: the rebuilt content and hash keep the seq, with a new item id and message id, never offered.',
      input: input({ state: { content: after, hash: 'hash-b', applied: 7, target: ISSUE } }),
    },
  ],
};
