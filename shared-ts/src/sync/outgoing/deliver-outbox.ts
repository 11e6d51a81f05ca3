import { messagesOfSend } from './carry-maybe-received';
import { retryOnConflict, saveLink } from '../model/conditional-write';
import { describeRef } from '../model/entity-ref';
import type { Link } from '../model/link';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { recordQueueFailure } from '../queue/record-queue-failure';
import { rebuildDueOutbox } from './rebuild-due-outbox';
import { hasRoom, itemBytes, type RunBudget } from '../queue/run-budget';
import {
  appendLog,
  countSyncEvent,
  isoNow,
  unexpectedFailure,
  type SyncContext,
} from '../engine/sync-context';
import type { SyncFailure } from '../model/sync-failure';

/** One outbox item and what sending it came to. */
export interface OutboxDelivery {
  item: QueueItem;
  sent: { ok: true } | { ok: false; error: SyncFailure };
}

/** The first phase of an outbox run: what was sent, and how many due items were left for later. */
export interface OutboxDeliveryPlan {
  deliveries: OutboxDelivery[];
  remaining: number;
}

/**
 * Phase one of an outbox run (callouts, and no write but the offers): takes the due items of
 * the connection within the budget, records each one's offer with a compare-and-set (an item
 * replaced since it was read is left for the next run) and hands it to the transport. Apex
 * cannot call out after uncommitted DML, so it sets `offerBeforeSend: false` and holds the
 * outbox rows `FOR UPDATE` instead; every other write happens in `commitOutboxDelivery`
 * (docs/sync-semantics.md, "Run budgets and the two phases").
 */
export async function planOutboxDelivery(
  ctx: SyncContext,
  budget: RunBudget = {},
): Promise<OutboxDeliveryPlan> {
  const { deps, config } = ctx;
  const transport = deps.transport;
  if (!transport) return { deliveries: [], remaining: 0 };
  const maxItems = budget.maxItems ?? config.batchSize;
  const items = await deps.outbox.due(config.connectionId, isoNow(ctx), maxItems + 1);
  const deliveries: OutboxDelivery[] = [];
  let bytes = 0;
  let taken = 0;
  for (const item of items) {
    if (!hasRoom({ ...budget, maxItems }, { taken, bytes, next: item, now: deps.clock.now() })) break;
    taken++;
    if (!item.message) continue;
    const offered = config.offerBeforeSend === false ? item : await recordOffer(ctx, item);
    // Replaced or changed since it was read: its newer content is due for the next run.
    if (!offered) continue;
    bytes += itemBytes(offered);
    let sent: OutboxDelivery['sent'];
    try {
      // The replicas it carries in `replaced` go first: the remote gets them whenever it gets it.
      sent = { ok: true };
      for (const send of messagesOfSend(offered)) {
        sent = await transport.send(send);
        if (!sent.ok) break;
      }
    } catch (error) {
      sent = { ok: false, error: unexpectedFailure(error) };
    }
    deliveries.push({ item: offered, sent });
  }
  return { deliveries, remaining: items.length - taken };
}

/**
 * The item as stored once its offer is recorded (`offers` + 1, `lastOfferedAt` now), by a
 * compare-and-set against the copy read; null when another operation wrote the key since (a
 * person's edit replaced the content) or the queue is down: then nothing is sent.
 *
 * Why before the send: a person's edit that replaces the item while it is on its way must know
 * that this content may reach the remote, or it forgets its snapshot (`forgetUnsentSnapshot`) and
 * the remote's reply acknowledging it looks like a remote change (docs/sync-semantics.md, 6.1).
 */
async function recordOffer(ctx: SyncContext, item: QueueItem): Promise<QueueItem | null> {
  const offered = { ...item, offers: item.offers + 1, lastOfferedAt: isoNow(ctx) };
  try {
    const stored = await ctx.deps.outbox.put(offered);
    return stored.ok ? { ...offered, version: stored.version } : null;
  } catch {
    return null;
  }
}

/**
 * Phase two of an outbox run (writes only): a delivered item leaves the outbox (unless a newer
 * one replaced it meanwhile) and stamps the link's last sync and the newest seq known delivered; a failed one is retried with
 * backoff or goes to the error list. Each item is booked on its own; a store that is down leaves
 * the item as it was, due again next run.
 */
export async function commitOutboxDelivery(
  ctx: SyncContext,
  plan: OutboxDeliveryPlan,
): Promise<QueueRunSummary> {
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0, remaining: plan.remaining };
  for (const { item, sent } of plan.deliveries) {
    try {
      if (sent.ok) await bookDelivered(ctx, item, summary);
      else await recordQueueFailure(ctx, 'outbox', item, sent.error, summary);
    } catch {
      summary.retrying++;
    }
  }
  return summary;
}

/**
 * Builds the due rebuild items again (`rebuildDueOutbox`: entities whose read failed), sends the
 * due outbox items within the budget (`planOutboxDelivery`), then books what came of each
 * (`commitOutboxDelivery`). Items the budget left stay due; `remaining` says how many. A rebuild
 * that failed again counts as `retrying` (or `failed`, when it went to the error list); `done`
 * counts the deliveries.
 */
export async function deliverOutbox(ctx: SyncContext, budget: RunBudget = {}): Promise<QueueRunSummary> {
  let rebuilt: QueueRunSummary;
  try {
    rebuilt = await rebuildDueOutbox(ctx, budget.maxItems ?? ctx.config.batchSize);
  } catch {
    // The outbox is down: the rebuild items stay due for the next run.
    rebuilt = { done: 0, retrying: 1, failed: 0, remaining: 0 };
  }
  // No transport: the peer pulls this outbox through the rendezvous; nothing is sent or touched.
  if (!ctx.deps.transport) return rebuilt;
  const sent = await commitOutboxDelivery(ctx, await planOutboxDelivery(ctx, budget));
  return {
    done: sent.done,
    retrying: sent.retrying + rebuilt.retrying,
    failed: sent.failed + rebuilt.failed,
    remaining: sent.remaining,
  };
}

/**
 * Books a delivered outbox item, however it travelled (a send here, a batch or a push at the
 * rendezvous): it leaves the outbox (unless newer content replaced it), the link records the seq
 * as delivered and the last sync, and it is counted and logged.
 */
export async function bookDelivered(
  ctx: SyncContext,
  item: QueueItem,
  summary: QueueRunSummary,
): Promise<void> {
  const { deps, config } = ctx;
  await deps.outbox.remove(item.key, item.id);
  // Only the stamp changes, on the link as stored now: a link read before an apply that ran
  // meanwhile must not be written back over it. After five refusals the stamp is left out.
  const link = await retryOnConflict<Link | null>(
    async () => {
      const current = await deps.links.get(config.connectionId, item.entity);
      if (!current) return null;
      // A delivered replica is known to have reached the remote (Link v2, `outgoing.delivered`).
      const seq = item.message?.kind === 'replica' ? item.message.replica.seq : 0;
      const delivered = Math.max(current.outgoing.delivered, seq);
      return saveLink(ctx, {
        ...current,
        outgoing: { ...current.outgoing, delivered },
        lastSyncAt: isoNow(ctx),
      });
    },
    () => null,
  );
  await countSyncEvent(ctx, { outcome: 'synced', latencyMs: deps.clock.now() - Date.parse(item.queuedAt) });
  const message = item.message;
  const what = message?.kind === 'replica' ? `replica seq ${message.replica.seq}` : 'unlink';
  await appendLog(
    ctx,
    'delivered',
    { local: item.entity, remote: link?.remote },
    `Delivered ${what} of ${describeRef(item.entity)}.`,
  );
  summary.done++;
}
