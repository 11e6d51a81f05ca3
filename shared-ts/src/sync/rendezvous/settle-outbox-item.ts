import { bookDelivered } from '../outgoing/deliver-outbox';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { recordQueueFailure } from '../queue/record-queue-failure';
import type { SyncContext } from '../engine/sync-context';
import type { SyncFailure } from '../model/sync-failure';

/**
 * Books what became of an outbox item that travelled in a batch or a push: delivered, it leaves
 * the outbox (unless newer content replaced it meanwhile), records the seq as delivered and the
 * last sync on the link, and is counted and logged, exactly as `deliverOutbox` books a single send
 * (`bookDelivered`); failed, it is retried with
 * backoff or goes to the error list with the reason (`recordQueueFailure`). Ports may throw: the
 * caller decides what a throw means (the rendezvous answers `unavailable`).
 */
export async function settleOutboxItem(
  ctx: SyncContext,
  item: QueueItem,
  outcome: { ok: true } | { ok: false; error: SyncFailure },
  summary: QueueRunSummary,
): Promise<void> {
  if (!outcome.ok) {
    await recordQueueFailure(ctx, 'outbox', item, outcome.error, summary);
    return;
  }
  await bookDelivered(ctx, item, summary);
}
