import { describeRef } from './describe-ref';
import type { QueueRunSummary } from './queue-run-summary';
import { recordQueueFailure } from './record-queue-failure';
import { appendLog, countSyncEvent, isoNow, unexpectedFailure, type SyncContext } from './sync-context';
import type { SyncFailure } from './sync-failure';

/**
 * Sends the outbox items that are due through the transport, each on its own: a delivered item
 * leaves the outbox (unless a newer one replaced it meanwhile) and stamps the link's last sync
 * and the newest seq known delivered;
 * a failed one is retried with backoff or goes to the error list; the run goes on either way.
 */
export async function deliverOutbox(ctx: SyncContext): Promise<QueueRunSummary> {
  const { deps, config } = ctx;
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0 };
  const items = await deps.outbox.due(isoNow(ctx), config.batchSize);
  for (const item of items) {
    if (!item.message) continue;
    let sent: { ok: true } | { ok: false; failure: SyncFailure };
    try {
      sent = await deps.transport.send(item);
    } catch (error) {
      sent = { ok: false, failure: unexpectedFailure(error) };
    }
    try {
      if (sent.ok) {
        await deps.outbox.remove(item.key, item.id);
        const link = await deps.links.get(config.connectionId, item.entity);
        const seq = item.message.kind === 'replica' ? item.message.replica.seq : 0;
        if (link) {
          const delivered = Math.max(link.outgoing.delivered, seq);
          await deps.links.save({
            ...link,
            outgoing: { ...link.outgoing, delivered },
            lastSyncAt: isoNow(ctx),
          });
        }
        await countSyncEvent(ctx, {
          outcome: 'synced',
          latencyMs: deps.clock.now() - Date.parse(item.queuedAt),
        });
        await appendLog(
          ctx,
          'delivered',
          { local: item.entity, remote: link?.remote },
          `Delivered ${describeItem(item.message)} of ${describeRef(item.entity)}.`,
        );
        summary.done++;
        continue;
      }
      await recordQueueFailure(ctx, 'outbox', item, sent.failure, summary);
    } catch {
      // The outbox or the log is down: the item stays as it was and is due again next run.
      summary.retrying++;
    }
  }
  return summary;
}

function describeItem(message: { kind: 'replica'; replica: { seq: number } } | { kind: 'unlink' }): string {
  return message.kind === 'replica' ? `replica seq ${message.replica.seq}` : 'unlink';
}
