import type { JsonValue } from '../../replica';
import type { ReplicaContent } from './build-outgoing-replica';
import type { Link } from '../model/link';
import { planOutgoingSend } from './plan-outgoing-send';
import { stampsOf } from './stamp-fields';
import type { ReplicaMessage } from '../model/sync-message';
import type { ConflictPolicy } from '../model/sync-policy';

/** What `planOutgoingAfterApply` weighs. */
export interface OutgoingAfterApplyInput {
  /** The link after the apply. */
  link: Link;
  /** Whether the local entity had changes not yet sent before the apply (its replica hash differed from the last sent). */
  unsentBefore: boolean;
  /** Whether the sender named our entity as its target (it knows the pair). */
  senderKnewUs: boolean;
  /** The outgoing replica of the entity after the apply. */
  content: ReplicaContent;
  hash: string;
  localView: Record<string, JsonValue>;
  /** This side's conflict policy, stamped on a replica it sends. */
  policy: ConflictPolicy;
  /** The top-level fields the incoming rules write: what a snapshot keeps (all when absent). */
  snapshotKeys?: ReadonlySet<string> | null;
}

/** Nothing to do, an echo to remember without sending, or a replica to send. */
export type OutgoingAfterApply =
  | { kind: 'unchanged' }
  | { kind: 'suppress'; link: Link }
  | { kind: 'send'; message: ReplicaMessage; link: Link };

/**
 * After an apply, the entity's outgoing replica has usually changed only by what the apply
 * wrote: that echo is stored as the last-sent baseline and not sent. It is sent after all when
 * the entity had unsent local changes before the apply (they must not be swallowed) or when the
 * sender did not know our entity yet (so it learns the pair).
 */
export function planOutgoingAfterApply(input: OutgoingAfterApplyInput): OutgoingAfterApply {
  const { link, hash } = input;
  if (hash === link.outgoing.lastSentHash) return { kind: 'unchanged' };
  if (!input.unsentBefore && input.senderKnewUs) {
    return {
      kind: 'suppress',
      link: { ...link, outgoing: { ...link.outgoing, lastSentHash: hash, fields: stampsOf(input.content) } },
    };
  }
  const decision = planOutgoingSend(
    link,
    input.content,
    hash,
    input.localView,
    input.policy,
    input.snapshotKeys ?? null,
  );
  return decision.kind === 'send' ? decision : { kind: 'unchanged' };
}
