/** Vectors of `planOutgoingAfterApply`: after an apply, whether the rebuilt replica is an echo to keep or a change to send. */
import type { JsonValue } from '../../replica';
import {
  planOutgoingAfterApply,
  type OutgoingAfterApplyInput,
} from '../../sync/outgoing/plan-outgoing-after-apply';
import type { VectorSuite } from '../vector-suite';
import { contentOf, linkOf, snapshotOf } from './sync-fixtures';

/** The input of one vector: `OutgoingAfterApplyInput` with `snapshotKeys` as a list or null (JSON has no sets). */
export type AfterApplyInput = Omit<OutgoingAfterApplyInput, 'snapshotKeys'> & {
  snapshotKeys: string[] | null;
};

const view = { Subject: 'Printer on fire', Status: 'Working' };

function input(overrides: Partial<AfterApplyInput> = {}): AfterApplyInput {
  return {
    link: linkOf(
      { seq: 3, lastSentHash: 'hash-a', delivered: 3, unacked: [snapshotOf(3, view, 5)] },
      { seq: 6 },
    ),
    unsentBefore: false,
    senderKnewUs: true,
    content: contentOf({ status: { name: 'Working', category: 'indeterminate' } }),
    hash: 'hash-b',
    localView: view,
    policy: 'remote-wins',
    snapshotKeys: null,
    ...overrides,
  };
}

/** The plan-outgoing-after-apply vector set. */
export const planOutgoingAfterApplySuite: VectorSuite<AfterApplyInput> = {
  folder: 'plan-outgoing-after-apply',
  run: (i) =>
    planOutgoingAfterApply({
      ...i,
      snapshotKeys: i.snapshotKeys ? new Set(i.snapshotKeys) : null,
    }) as unknown as JsonValue,
  cases: [
    {
      name: 'unchanged-when-the-apply-changed-nothing-sent',
      description: 'The rebuilt replica has the last sent hash: nothing to do.',
      input: input({ hash: 'hash-a' }),
    },
    {
      name: 'unchanged-wins-over-unsent-changes',
      description: 'An equal hash is unchanged even when the entity had unsent changes before the apply.',
      input: input({ hash: 'hash-a', unsentBefore: true, senderKnewUs: false }),
    },
    {
      name: 'echo-is-suppressed-and-becomes-the-last-sent',
      description:
        'Only the apply changed the replica and the sender knew us: the hash and the stamps are kept, the seq stays, nothing is sent.',
      input: input(),
    },
    {
      name: 'unsent-local-changes-are-sent',
      description:
        'The entity had changes not yet sent before the apply: the replica is sent with the next seq.',
      input: input({ unsentBefore: true }),
    },
    {
      name: 'sender-that-did-not-know-us-gets-a-replica',
      description: 'The sender did not name our entity: a replica is sent so that it learns the pair.',
      input: input({ senderKnewUs: false }),
    },
    {
      name: 'sent-replica-carries-the-applied-seq',
      description: 'A replica sent after an apply acknowledges the remote seq just applied.',
      input: input({ unsentBefore: true, link: linkOf({ seq: 3, lastSentHash: 'hash-a' }, { seq: 9 }) }),
    },
    {
      name: 'sent-replica-keeps-only-the-snapshot-keys',
      description: 'The snapshot of a replica sent after an apply keeps only the snapshot keys.',
      input: input({ unsentBefore: true, snapshotKeys: ['Status'] }),
    },
    {
      name: 'first-reply-to-a-new-pair-is-sent-with-seq-1',
      description: 'On first contact (nothing sent yet) the reply takes seq 1.',
      input: input({ senderKnewUs: false, link: linkOf({}, { seq: 1 }) }),
    },
  ],
};
