import type { QueueItem } from './queue-item';

/**
 * A queued replica whose content is still this side's current state, re-stamped with the newest
 * remote seq applied since it was queued; null when there is nothing to re-stamp.
 *
 * Why: `applied` tells the receiver which of its own values the replica has seen. A replica
 * queued before an apply that changed nothing in our outgoing state says the same thing as one
 * built after it, so it may claim the apply. Left at the old seq, a value both sides reached
 * independently looks to the receiver like a concurrent remote edit, and it can revert a newer
 * local edit there while this side has already taken that edit (found by the convergence
 * property tests; see regressions.test.ts). The item keeps its id: its content is unchanged.
 */
export function restampPendingReplica(item: QueueItem | null, applied: number): QueueItem | null {
  if (!item || item.message?.kind !== 'replica') return null;
  if (item.message.applied >= applied) return null;
  return { ...item, message: { ...item.message, applied } };
}
