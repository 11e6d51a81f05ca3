import type { Replica } from '../../replica';
import { carryMaybeReceived } from './carry-maybe-received';
import { coalesceQueueItem } from '../queue/coalesce-queue-item';
import { putItem, saveLink } from '../model/conditional-write';
import type { Link } from '../model/link';
import { newQueueItem } from '../queue/new-queue-item';
import type { QueueItem } from '../model/queue-item';
import { appendLog, type SyncContext } from '../engine/sync-context';
import { describeRef } from '../model/entity-ref';
import { forgetUnsentSnapshot } from './forget-unsent-snapshot';
import type { SyncMessage } from '../model/sync-message';

/**
 * Puts a message for our entity into the outbox, coalesced with what waits there (carrying in
 * `replaced` a replaced replica that may have reached the remote, `carryMaybeReceived`), then stores
 * the link (with the replica just applied as `previous`, after an apply; without the snapshot of
 * a replica replaced before it was ever sent): in that order, so a crash in between re-sends
 * rather than loses. Both writes are compare-and-set, against `waiting` (the outbox item as the
 * caller read it, read here when not given) and the link's version: a refused one raises
 * `WriteConflict` for the operation to decide again.
 */
export async function enqueueOutgoing(
  ctx: SyncContext,
  link: Link,
  message: SyncMessage,
  previous?: Replica,
  read?: QueueItem | null,
): Promise<void> {
  const item = newQueueItem(ctx, link.local, message);
  const waiting = read === undefined ? await ctx.deps.outbox.get(item.key) : read;
  const kept = carryMaybeReceived(waiting, coalesceQueueItem(waiting, item));
  await putItem(ctx.deps.outbox, kept);
  const saved = forgetUnsentSnapshot(link, waiting, kept);
  await saveLink(ctx, saved, previous);
  const what = message.kind === 'replica' ? `replica seq ${message.replica.seq}` : 'unlink';
  await appendLog(
    ctx,
    'enqueued',
    { local: link.local, remote: link.remote },
    `Queued ${what} of ${describeRef(link.local)}.`,
  );
}
