import type { QueueItem } from '../model/queue-item';

/**
 * The one item a queue keeps for an entity when a new one arrives: an unlink beats any replica;
 * of two replicas the higher seq wins, and of two with the same seq but different content the
 * newcomer (two operations that raced for one seq: the one writing later read the entity later,
 * see docs/sync-semantics.md, "Concurrency"). A winning newcomer starts fresh (new id, no
 * attempts, out of the error list) but keeps the older item's queue time, for latency, and any
 * backoff it still owes the other side. The kept item carries the stored item's version, so
 * that putting it back is a compare-and-set against what was read.
 */
export function coalesceQueueItem(existing: QueueItem | null, incoming: QueueItem): QueueItem {
  if (!existing) return incoming;
  const old = existing.message;
  const next = incoming.message;
  if (old?.kind === 'unlink' && next?.kind !== 'unlink') return existing;
  if (old?.kind === 'replica' && next?.kind === 'replica') {
    if (old.replica.seq > next.replica.seq) return existing;
    if (old.replica.seq === next.replica.seq && old.replica.hash === next.replica.hash) return existing;
  }
  if (existing.state === 'error') return { ...incoming, version: existing.version };
  return {
    ...incoming,
    queuedAt: existing.queuedAt < incoming.queuedAt ? existing.queuedAt : incoming.queuedAt,
    nextAttemptAt:
      existing.nextAttemptAt > incoming.nextAttemptAt ? existing.nextAttemptAt : incoming.nextAttemptAt,
    version: existing.version,
  };
}
