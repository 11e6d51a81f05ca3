import type { Replica } from '../../replica';
import { applyIncomingReplica } from './apply-incoming-replica';
import { queueAttachmentWants } from '../attachments/queue-attachment-wants';
import { applyIncomingUnlink } from './apply-incoming-unlink';
import { classifyFailure } from '../queue/classify-failure';
import { retryOnConflict } from '../model/conditional-write';
import { describeRef } from '../model/entity-ref';
import type { IncomingResult } from '../model/incoming-result';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { recordQueueFailure } from '../queue/record-queue-failure';
import { hasRoom, itemBytes, type RunBudget } from '../queue/run-budget';
import {
  appendLog,
  countSyncEvent,
  isoNow,
  unexpectedFailure,
  type SyncContext,
} from '../engine/sync-context';
import type { SyncMessage } from '../model/sync-message';

/**
 * Applies the inbox items that are due, each on its own: a failure schedules a retry (or puts the
 * item in the error list) and the run goes on with the next item, so one failing entity never
 * blocks the others. The run takes the connection's due items within the budget (deadline,
 * items, bytes), checked before each item, and leaves the rest due (`remaining`). On Salesforce
 * an apply is DML only (the callouts of a pull happen before, in `pullOnce`), so one phase is
 * enough here. After an apply, each attachment whose file this side lacks gets a queue item of
 * its own in the attachments queue (`queueAttachmentWants`), fetched by the transport's side.
 */
export async function processInbox(ctx: SyncContext, budget: RunBudget = {}): Promise<QueueRunSummary> {
  const { deps, config } = ctx;
  const maxItems = budget.maxItems ?? config.batchSize;
  const items = await deps.inbox.due(config.connectionId, isoNow(ctx), maxItems + 1);
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0, remaining: 0 };
  let bytes = 0;
  let taken = 0;
  for (const item of items) {
    if (!hasRoom({ ...budget, maxItems }, { taken, bytes, next: item, now: deps.clock.now() })) break;
    taken++;
    bytes += itemBytes(item);
    let result: IncomingResult;
    try {
      result = await applyItem(ctx, item);
    } catch (error) {
      result = { kind: 'failed', error: unexpectedFailure(error) };
    }
    try {
      if (result.kind !== 'failed') {
        await deps.inbox.remove(item.key, item.id);
        if (result.kind === 'applied') {
          if (item.message?.kind === 'replica') await queueWantsQuietly(ctx, item.message.replica);
          await countSyncEvent(ctx, {
            outcome: 'synced',
            latencyMs: deps.clock.now() - Date.parse(item.queuedAt),
          });
        }
        summary.done++;
        continue;
      }
      await recordQueueFailure(ctx, 'inbox', item, result.error, summary);
    } catch {
      // The queue or the log is down: the item stays as it was and is due again next run.
      summary.retrying++;
    }
  }
  summary.remaining = items.length - taken;
  return summary;
}

/**
 * Queues the files the apply found missing (one item each). A failing port costs the files
 * nothing lasting: the next replica of the entity plans them again.
 */
async function queueWantsQuietly(ctx: SyncContext, replica: Replica): Promise<void> {
  try {
    await queueAttachmentWants(ctx, replica);
  } catch {
    // The attachments queue is down: the fields and comments are applied; the files wait for the next replica.
  }
}

/**
 * Applies one item: first the replicas it replaced before they were applied (`QueueItem.replaced`,
 * oldest first), then its own message. A write refused by a concurrent operation re-reads and
 * applies again (bounded). A transient failure of a replaced replica fails the item (the retry
 * drops what was applied as stale); a permanent one is logged and passed over, as the newer
 * replica would have replaced it in the error list.
 */
async function applyItem(ctx: SyncContext, item: QueueItem): Promise<IncomingResult> {
  for (const replaced of item.replaced ?? []) {
    const result = await applyOnce(ctx, replaced);
    if (result.kind !== 'failed') continue;
    if (classifyFailure(result.error) === 'transient') return result;
    await appendLog(
      ctx,
      'error',
      { remote: replaced.replica.entity },
      `Replica seq ${replaced.replica.seq} of ${describeRef(replaced.replica.entity)}, replaced in the inbox by a newer one, could not be applied: ${result.error.message}`,
    );
  }
  return applyOnce(ctx, item.message);
}

function applyOnce(ctx: SyncContext, message: SyncMessage | null): Promise<IncomingResult> {
  return retryOnConflict<IncomingResult>(
    () => {
      if (message?.kind === 'unlink') return applyIncomingUnlink(ctx, message);
      if (message?.kind === 'replica') return applyIncomingReplica(ctx, message);
      return Promise.resolve({
        kind: 'dropped',
        reason: 'unknown',
        message: 'An inbox item without a message was dropped.',
      });
    },
    (failure) => ({ kind: 'failed', error: failure }),
  );
}
