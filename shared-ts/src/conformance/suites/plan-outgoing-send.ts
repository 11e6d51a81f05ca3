/** Vectors of `planOutgoingSend`: whether a built replica is sent, and the link that remembers it. */
import type { JsonValue } from '../../replica';
import type { ReplicaContent } from '../../sync/outgoing/build-outgoing-replica';
import type { Link } from '../../sync/model/link';
import { planOutgoingSend } from '../../sync/outgoing/plan-outgoing-send';
import type { ConflictPolicy } from '../../sync/model/sync-policy';
import type { VectorSuite } from '../vector-suite';
import { contentOf, linkOf, snapshotOf } from './sync-fixtures';

/** The input of one vector: the arguments of `planOutgoingSend`, `snapshotKeys` as a list or null. */
export interface OutgoingSendInput {
  link: Link;
  content: ReplicaContent;
  hash: string;
  localView: Record<string, JsonValue>;
  policy: ConflictPolicy;
  snapshotKeys: string[] | null;
}

const view = { Subject: 'Printer on fire', Status: 'New', Region__c: 'EMEA' };

function input(overrides: Partial<OutgoingSendInput> = {}): OutgoingSendInput {
  return {
    link: linkOf(),
    content: contentOf(),
    hash: 'hash-b',
    localView: view,
    policy: 'remote-wins',
    snapshotKeys: null,
    ...overrides,
  };
}

const eight = [1, 2, 3, 4, 5, 6, 7, 8].map((seq) => snapshotOf(seq, { Subject: `v${seq}` }, 0));

/** The plan-outgoing-send vector set. */
export const planOutgoingSendSuite: VectorSuite<OutgoingSendInput> = {
  folder: 'plan-outgoing-send',
  run: (i) =>
    planOutgoingSend(
      i.link,
      i.content,
      i.hash,
      i.localView,
      i.policy,
      i.snapshotKeys ? new Set(i.snapshotKeys) : null,
    ) as unknown as JsonValue,
  cases: [
    {
      name: 'unchanged-when-the-hash-equals-the-last-sent',
      description: 'A replica whose hash equals the last one sent is not sent again.',
      input: input({ link: linkOf({ seq: 4, lastSentHash: 'hash-b' }) }),
    },
    {
      name: 'first-send-takes-seq-1',
      description: 'A link that never sent takes seq 1, targets the known remote and snapshots every field.',
      input: input(),
    },
    {
      name: 'first-send-before-the-remote-is-known-targets-null',
      description: 'Before the pair is known the message targets null.',
      input: input({ link: linkOf({}, {}, null) }),
    },
    {
      name: 'next-send-increments-the-seq',
      description: 'The next seq is the last sent seq plus one, and the last sent hash becomes this one.',
      input: input({
        link: linkOf({ seq: 4, lastSentHash: 'hash-a', delivered: 4, unacked: [snapshotOf(4, view)] }),
      }),
    },
    {
      name: 'applied-is-the-last-remote-seq-applied',
      description: 'The message and the snapshot carry the last remote seq this side applied.',
      input: input({ link: linkOf({ seq: 2, lastSentHash: 'hash-a' }, { seq: 7, acked: 2 }) }),
    },
    {
      name: 'snapshot-keeps-only-the-snapshot-keys',
      description: 'With snapshot keys, the snapshot keeps only those top-level fields of the view.',
      input: input({ snapshotKeys: ['Subject', 'Status'] }),
    },
    {
      name: 'snapshot-leaves-out-collections',
      description: 'Comments and attachments of the view never enter a snapshot.',
      input: input({ localView: { ...view, comments: [{ id: 'c1' }], attachments: [] } }),
    },
    {
      name: 'snapshot-of-a-large-value-is-its-digest',
      description:
        'A value whose canonical JSON exceeds 1,024 UTF-8 bytes is kept as {"$digest": SHA-256 of its canonical JSON}.',
      input: input({ localView: { ...view, Description: 'é'.repeat(600) } }),
    },
    {
      name: 'keeps-at-most-eight-snapshots',
      description: 'With eight unacknowledged snapshots, the oldest is dropped for the new one.',
      input: input({ link: linkOf({ seq: 8, lastSentHash: 'hash-a', unacked: eight }) }),
    },
    {
      name: 'stamps-the-policy-on-the-message',
      description: "The message carries this side's conflict policy.",
      input: input({ policy: 'newest-wins' }),
    },
    {
      name: 'stamps-every-timed-field',
      description:
        'The link keeps a stamp (SHA-256 of canonical JSON, and the fieldTimes time or null) for every timed field and custom field.',
      input: input({ content: contentOf({ custom: { Region: 'EMEA', Tier: 2 }, fieldTimes: {} }) }),
    },
  ],
};
