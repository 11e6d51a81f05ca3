import type { EntityRef } from '../../replica';
import type { ReplicaContent } from './build-outgoing-replica';
import type { QueueItem } from '../model/queue-item';
import { withMessageTrim, type ReplicaTrim } from './replica-budget';
import { sameEntity } from '../model/entity-ref';

/** The entity's outgoing state after an apply whose echo is not sent. */
export interface StateAfterApply {
  /** The outgoing replica rebuilt after the apply, and its content hash. */
  content: ReplicaContent;
  hash: string;
  /** The remote seq just applied. */
  applied: number;
  /** The remote entity, now known to the link. */
  target: EntityRef | null;
  /** What the rebuilt replica left out to fit its budget, or null (absent: nothing). */
  trimmed?: ReplicaTrim | null;
}

/**
 * A replica still waiting in the outbox, brought up to the state after an apply: the rebuilt
 * content, the newest remote seq applied, the link's remote as target. It keeps its seq. Null
 * when nothing waits or nothing would change. New content gets a new item id (`newId`) and a new
 * message id (`newMessageId`), never offered yet, as a coalesced item does; a re-stamp alone keeps
 * both (a peer that already holds the old message id has the same content).
 *
 * Why: `applied` tells the receiver which of its own values the replica has seen, and a waiting
 * replica was built before the apply. Sent as it is, its values from before the apply meet the
 * remote's newer ones as concurrent edits: both sides then settle a conflict that only one of
 * them sees, and can end swapped (found by the convergence property tests; see
 * regressions.test.ts). Re-stamping alone is wrong as soon as the apply changed the entity: the
 * replica would then present its stale values as edits made after the apply.
 *
 * Keeping the seq is safe: the content differs from the old only by what the apply wrote (a
 * local change since would have queued a higher seq), which the remote already has; if it did
 * get the old copy, it drops this one as stale and loses nothing. The link's snapshot for the
 * seq need not change either: every field the apply settled has a baseline entry recorded at
 * this seq, which outranks the snapshot when the remote acknowledges it.
 */
export function refreshPendingReplica(
  item: QueueItem | null,
  state: StateAfterApply,
  newId: () => string,
  newMessageId: () => string,
): QueueItem | null {
  if (!item || item.message?.kind !== 'replica') return null;
  const message = item.message;
  const sameContent = message.replica.hash === state.hash;
  const applied = Math.max(message.applied, state.applied);
  // Null only when neither names the remote.
  const target = state.target ?? message.target;
  const sameTarget = target === null || (message.target !== null && sameEntity(target, message.target));
  if (sameContent && sameTarget && applied === message.applied) return null;
  return {
    ...item,
    ...(sameContent ? {} : { id: newId(), messageId: newMessageId(), offers: 0, lastOfferedAt: null }),
    message: {
      ...(sameContent ? message : withMessageTrim(message, state.trimmed ?? null)),
      replica: sameContent
        ? message.replica
        : { ...state.content, seq: message.replica.seq, hash: state.hash },
      applied,
      target,
    },
  };
}
