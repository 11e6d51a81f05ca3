import type { Link } from './link';
import { newQueueItem } from './new-queue-item';
import { appendLog, countSyncEvent, type SyncContext } from './sync-context';
import type { SyncFailure } from './sync-failure';

/**
 * Puts an outgoing failure that retrying cannot fix (the outgoing rules failed) into the error
 * list, in place of whatever waited for the entity: the admin fixes the rules and retries, which
 * rebuilds the replica from the entity as it is then.
 */
export async function enqueueOutgoingError(
  ctx: SyncContext,
  link: Link,
  failure: SyncFailure,
): Promise<void> {
  await ctx.deps.outbox.put(newQueueItem(ctx, link.local, null, failure));
  await appendLog(ctx, 'error', { local: link.local, remote: link.remote }, failure.message, {
    code: failure.code,
  });
  await countSyncEvent(ctx, { outcome: 'error' });
}
