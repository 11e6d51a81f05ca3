import type { QueueItem } from '../model/queue-item';
import type { ReplicaMessage } from '../model/sync-message';

/**
 * Most replicas an inbox item keeps besides its own (`QueueItem.replaced`): as many as the
 * sender keeps snapshots of unacknowledged replicas (8 in all), past which the sender no longer
 * tells how the remote judges its oldest ones either.
 */
export const MAX_REPLACED_REPLICAS = 7;

/**
 * The inbox item to store when `incoming` arrived while `existing` waited, given `kept`, the item
 * `coalesceQueueItem` chose: the replicas of the entity that reached the inbox and were not
 * applied, other than the kept item's own, go with it in `replaced` (oldest seq first, one per
 * seq, at most `MAX_REPLACED_REPLICAS`, the newest kept), so that `processInbox` applies each in
 * turn before the kept one.
 *
 * Why: the sender judges each of its replicas that reached us as the one we will judge against
 * the one before (docs/sync-semantics.md, section 4.3). When the inbox kept only the newest, a
 * value the sender changed and changed back (New, then Closed again) looked unchanged here while
 * the sender counted its New as seen: the pair ended apart for good (found by the forced long
 * scenarios from seed 7). An item in the error list carries nothing on (its replica failed for
 * good; the sender's newer one replaces it, as before), nor does an unlink, which ends the pair.
 */
export function carryReplacedReplicas(
  existing: QueueItem | null,
  incoming: QueueItem,
  kept: QueueItem,
): QueueItem {
  if (!existing || existing.state === 'error' || kept.message?.kind !== 'replica') return kept;
  const keptSeq = kept.message.replica.seq;
  const candidates: ReplicaMessage[] = [...(existing.replaced ?? [])];
  for (const item of [existing, incoming]) {
    if (item.message?.kind === 'replica') candidates.push(item.message);
  }
  const bySeq = new Map<number, ReplicaMessage>();
  for (const message of candidates) {
    const seq = message.replica.seq;
    if (seq < keptSeq && !bySeq.has(seq)) bySeq.set(seq, message);
  }
  const replaced = [...bySeq.values()]
    .sort((a, b) => a.replica.seq - b.replica.seq)
    .slice(-MAX_REPLACED_REPLICAS);
  const same =
    replaced.length === (kept.replaced?.length ?? 0) &&
    replaced.every((message, index) => kept.replaced?.[index]?.replica.seq === message.replica.seq);
  if (same) return kept;
  if (replaced.length === 0) {
    const rest = { ...kept };
    delete rest.replaced;
    return rest;
  }
  return { ...kept, replaced };
}
