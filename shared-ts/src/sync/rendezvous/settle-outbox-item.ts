import { describeRef } from '../describe-ref';
import type { QueueItem } from '../queue-item';
import type { QueueRunSummary } from '../queue-run-summary';
import { recordQueueFailure } from '../record-queue-failure';
import { appendLog, countSyncEvent, isoNow, type SyncContext } from '../sync-context';
import type { SyncFailure } from '../sync-failure';

/**
 * Books what became of an outbox item that travelled in a batch or a push: delivered, it leaves
 * the outbox (unless newer content replaced it meanwhile), stamps the link's last sync, and is
 * counted and logged, as `deliverOutbox` does for a single send; failed, it is retried with
 * backoff or goes to the error list with the reason (`recordQueueFailure`). Ports may throw: the
 * caller decides what a throw means (the rendezvous answers `unavailable`).
 */
export async function settleOutboxItem(
  ctx: SyncContext,
  item: QueueItem,
  outcome: { ok: true } | { ok: false; failure: SyncFailure },
  summary: QueueRunSummary,
): Promise<void> {
  const { deps, config } = ctx;
  if (!outcome.ok) {
    await recordQueueFailure(ctx, 'outbox', item, outcome.failure, summary);
    return;
  }
  await deps.outbox.remove(item.key, item.id);
  const link = await deps.links.get(config.connectionId, item.entity);
  if (link) await deps.links.save({ ...link, lastSyncAt: isoNow(ctx) });
  await countSyncEvent(ctx, { outcome: 'synced', latencyMs: deps.clock.now() - Date.parse(item.queuedAt) });
  const what = item.message?.kind === 'replica' ? `replica seq ${item.message.replica.seq}` : 'unlink';
  await appendLog(
    ctx,
    'delivered',
    { local: item.entity, remote: link?.remote },
    `Delivered ${what} of ${describeRef(item.entity)}.`,
  );
  summary.done++;
}
