import type { QueueItem } from './queue-item';

/**
 * The one item a queue keeps for an entity when a new one arrives: an unlink beats any replica;
 * of two replicas the higher seq wins. A winning newcomer starts fresh (new id, no attempts, out
 * of the error list) but keeps the older item's queue time, for latency, and any backoff it
 * still owes the other side.
 */
export function coalesceQueueItem(existing: QueueItem | null, incoming: QueueItem): QueueItem {
  if (!existing) return incoming;
  const old = existing.message;
  const next = incoming.message;
  if (old?.kind === 'unlink' && next?.kind !== 'unlink') return existing;
  if (old?.kind === 'replica' && next?.kind === 'replica' && old.replica.seq >= next.replica.seq)
    return existing;
  if (existing.state === 'error') return incoming;
  return {
    ...incoming,
    queuedAt: existing.queuedAt < incoming.queuedAt ? existing.queuedAt : incoming.queuedAt,
    nextAttemptAt:
      existing.nextAttemptAt > incoming.nextAttemptAt ? existing.nextAttemptAt : incoming.nextAttemptAt,
  };
}
