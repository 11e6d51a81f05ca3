import type { Replica } from '../replica';
import { coalesceQueueItem } from './coalesce-queue-item';
import type { Link } from './link';
import { newQueueItem } from './new-queue-item';
import { appendLog, type SyncContext } from './sync-context';
import { describeRef } from './describe-ref';
import { forgetUnsentSnapshot } from './forget-unsent-snapshot';
import type { SyncMessage } from './sync-message';

/**
 * Puts a message for our entity into the outbox, coalesced with what waits there, then stores
 * the link (with the replica just applied as `previous`, after an apply; without the snapshot of
 * a replica replaced before it was ever sent): in that order, so a crash in between re-sends
 * rather than loses.
 */
export async function enqueueOutgoing(
  ctx: SyncContext,
  link: Link,
  message: SyncMessage,
  previous?: Replica,
): Promise<void> {
  const item = newQueueItem(ctx, link.local, message);
  const waiting = await ctx.deps.outbox.get(item.key);
  const kept = coalesceQueueItem(waiting, item);
  await ctx.deps.outbox.put(kept);
  const saved = forgetUnsentSnapshot(link, waiting, kept);
  await (previous ? ctx.deps.links.save(saved, previous) : ctx.deps.links.save(saved));
  const what = message.kind === 'replica' ? `replica seq ${message.replica.seq}` : 'unlink';
  await appendLog(
    ctx,
    'enqueued',
    { local: link.local, remote: link.remote },
    `Queued ${what} of ${describeRef(link.local)}.`,
  );
}
