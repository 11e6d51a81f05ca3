/**
 * Compare-and-set writes for the engine's operations. Forge runs handlers for one issue at the
 * same time, with no shared memory: two operations can read the same link (or queue item) and
 * each write back what it decided from that copy. `LinkStore.save` and `WorkQueue.put` store only
 * if the stored version is still the one read; an operation whose write is refused reads again
 * and decides again, up to `MAX_WRITE_TRIES` times, and then fails this once with the transient
 * `conflict` failure (its caller retries later). docs/sync-semantics.md, "Concurrency".
 */
import type { Replica } from '../../replica';
import type { Link } from './link';
import type { QueueItem } from './queue-item';
import type { WorkQueue } from './ports';
import type { SyncContext } from '../engine/sync-context';
import { syncFailure, type SyncFailure } from './sync-failure';

/** How many times an operation decides and writes before it gives up with a `conflict` failure. */
export const MAX_WRITE_TRIES = 5;

/**
 * Raised inside an operation when a conditional write is refused; `retryOnConflict` catches it
 * and runs the operation again. It never leaves the engine: every operation that writes runs
 * under `retryOnConflict`.
 */
export class WriteConflict extends Error {
  constructor(what: string) {
    super(`Another operation wrote ${what} first.`);
    this.name = 'WriteConflict';
  }
}

/** Saves a link if nobody wrote it since it was read; the saved link (with its new version) otherwise a `WriteConflict`. */
export async function saveLink(ctx: SyncContext, link: Link, previous?: Replica): Promise<Link> {
  const saved = await (previous ? ctx.deps.links.save(link, previous) : ctx.deps.links.save(link));
  if (!saved.ok) throw new WriteConflict(`the link of ${link.local.type} ${link.local.id}`);
  return { ...link, version: saved.version };
}

/** Puts a queue item if nobody wrote its key since it was read; the stored item otherwise a `WriteConflict`. */
export async function putItem(queue: WorkQueue, item: QueueItem): Promise<QueueItem> {
  const stored = await queue.put(item);
  if (!stored.ok) throw new WriteConflict(`the queue item ${item.key}`);
  return { ...item, version: stored.version };
}

/**
 * Runs `attempt` until it finishes without a refused write, at most `MAX_WRITE_TRIES` times;
 * then `giveUp` turns a `conflict` failure into the operation's result. Other errors pass through.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  giveUp: (failure: SyncFailure) => T,
): Promise<T> {
  let last = '';
  for (let tries = 0; tries < MAX_WRITE_TRIES; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      last = error.message;
    }
  }
  return giveUp(
    syncFailure(
      'conflict',
      `Gave up after ${MAX_WRITE_TRIES} tries, each time another operation wrote first (${last}); it is tried again later.`,
    ),
  );
}
