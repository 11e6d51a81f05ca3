import { putItem } from '../model/conditional-write';
import type { Link } from '../model/link';
import { newQueueItem } from '../queue/new-queue-item';
import { queueKey, type QueueItem } from '../model/queue-item';
import { appendLog, countSyncEvent, type SyncContext } from '../engine/sync-context';
import type { SyncFailure } from '../model/sync-failure';

/**
 * Puts an outgoing failure that retrying cannot fix (the outgoing rules failed) into the error
 * list, in place of whatever waited for the entity: the admin fixes the rules and retries, which
 * rebuilds the replica from the entity as it is then. The put is a compare-and-set against
 * `read` (the item as the caller read it; read here when not given).
 */
export async function enqueueOutgoingError(
  ctx: SyncContext,
  link: Link,
  failure: SyncFailure,
  read?: QueueItem | null,
): Promise<void> {
  const waiting =
    read === undefined ? await ctx.deps.outbox.get(queueKey(ctx.config.connectionId, link.local)) : read;
  await putItem(ctx.deps.outbox, {
    ...newQueueItem(ctx, link.local, null, failure),
    version: waiting?.version ?? 0,
  });
  await appendLog(ctx, 'error', { local: link.local, remote: link.remote }, failure.message, {
    code: failure.code,
  });
  await countSyncEvent(ctx, { outcome: 'error' });
}
