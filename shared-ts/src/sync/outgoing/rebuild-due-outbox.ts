import { isRebuildItem } from './book-read-failure';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { classifyFailure } from '../queue/classify-failure';
import { isoNow, type SyncContext } from '../engine/sync-context';
import { syncLocalChange } from './sync-local-change';

/**
 * Builds again the replicas of the due rebuild items of the outbox (entities whose read failed,
 * `bookReadFailure`), at most `maxItems`: each is read and built as a fresh local change, which
 * replaces the item with its replica, drops it when there is nothing to send, or books the read's
 * failure on it again. Runs before an outbox run takes its items, on every node (the rendezvous
 * side too, whose peer pulls the replicas built here).
 */
export async function rebuildDueOutbox(ctx: SyncContext, maxItems: number): Promise<QueueRunSummary> {
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0, remaining: 0 };
  const due = await ctx.deps.outbox.due(ctx.config.connectionId, isoNow(ctx), maxItems);
  for (const item of due) {
    if (!isRebuildItem(item)) continue;
    const result = await syncLocalChange(ctx, item.entity);
    if (result.kind !== 'failed') summary.done++;
    else if (classifyFailure(result.error) === 'transient') summary.retrying++;
    else summary.failed++;
  }
  return summary;
}
