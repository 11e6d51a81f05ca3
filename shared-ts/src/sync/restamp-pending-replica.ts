import type { QueueItem } from './queue-item';

/**
 * A queued replica whose content is still this side's current state (its hash equals
 * `currentHash`, the content hash of the entity's outgoing replica after the apply), re-stamped
 * with the newest remote seq applied since it was queued; null when there is nothing to re-stamp.
 *
 * Why: `applied` tells the receiver which of its own values the replica has seen. A replica
 * queued before an apply that changed nothing in our outgoing state says the same thing as one
 * built after it, so it may claim the apply. Left at the old seq, a value both sides reached
 * independently looks to the receiver like a concurrent remote edit, and it can revert a newer
 * local edit there while this side has already taken that edit (found by the convergence
 * property tests; see regressions.test.ts). The item keeps its id: its content is unchanged.
 *
 * The queued replica's own hash is what decides, not the link's `lastSentHash`: echo
 * suppression moves that baseline to the applied state without queuing anything, so a replica
 * queued before such an apply is older than the baseline, and claiming the apply would present
 * its stale values as edits made after it (also found by the property tests).
 */
export function restampPendingReplica(
  item: QueueItem | null,
  applied: number,
  currentHash: string,
): QueueItem | null {
  if (!item || item.message?.kind !== 'replica') return null;
  if (item.message.applied >= applied) return null;
  if (item.message.replica.hash !== currentHash) return null;
  return { ...item, message: { ...item.message, applied } };
}
