import { applyIncomingReplica } from './apply-incoming-replica';
import { applyIncomingUnlink } from './apply-incoming-unlink';
import type { IncomingResult } from './incoming-result';
import type { QueueItem } from './queue-item';
import type { QueueRunSummary } from './queue-run-summary';
import { recordQueueFailure } from './record-queue-failure';
import { countSyncEvent, isoNow, unexpectedFailure, type SyncContext } from './sync-context';

/**
 * Applies the inbox items that are due, each on its own: a failure schedules a retry (or puts the
 * item in the error list) and the run goes on with the next item, so one failing entity never
 * blocks the others.
 */
export async function processInbox(ctx: SyncContext): Promise<QueueRunSummary> {
  const { deps, config } = ctx;
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0 };
  const items = await deps.inbox.due(isoNow(ctx), config.batchSize);
  for (const item of items) {
    let result: IncomingResult;
    try {
      result = await applyItem(ctx, item);
    } catch (error) {
      result = { kind: 'failed', failure: unexpectedFailure(error) };
    }
    try {
      if (result.kind !== 'failed') {
        await deps.inbox.remove(item.key, item.id);
        if (result.kind === 'applied') {
          await countSyncEvent(ctx, {
            outcome: 'synced',
            latencyMs: deps.clock.now() - Date.parse(item.queuedAt),
          });
        }
        summary.done++;
        continue;
      }
      await recordQueueFailure(ctx, 'inbox', item, result.failure, summary);
    } catch {
      // The queue or the log is down: the item stays as it was and is due again next run.
      summary.retrying++;
    }
  }
  return summary;
}

function applyItem(ctx: SyncContext, item: QueueItem): Promise<IncomingResult> {
  const message = item.message;
  if (message?.kind === 'unlink') return applyIncomingUnlink(ctx, message);
  if (message?.kind === 'replica') return applyIncomingReplica(ctx, message);
  return Promise.resolve({
    kind: 'dropped',
    reason: 'unknown',
    message: 'An inbox item without a message was dropped.',
  });
}
