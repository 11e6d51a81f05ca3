import type { EntityRef } from '../../replica';
import { QUEUE_ITEM_FORMAT, queueKey, type QueueItem } from '../model/queue-item';
import { isoNow, nextMessageId, type SyncContext } from '../engine/sync-context';
import type { SyncFailure } from '../model/sync-failure';
import type { SyncMessage } from '../model/sync-message';

/** A fresh queue item for an entity, due now; in the error list at once when a failure is given. */
export function newQueueItem(
  ctx: SyncContext,
  entity: EntityRef,
  message: SyncMessage | null,
  failure: SyncFailure | null = null,
): QueueItem {
  const now = isoNow(ctx);
  return {
    format: QUEUE_ITEM_FORMAT,
    id: ctx.deps.ids.next(),
    key: queueKey(ctx.config.connectionId, entity),
    connectionId: ctx.config.connectionId,
    entity,
    message,
    messageId: nextMessageId(ctx),
    offers: 0,
    lastOfferedAt: null,
    queuedAt: now,
    attempts: 0,
    nextAttemptAt: now,
    state: failure ? 'error' : 'pending',
    lastError: failure,
    version: 0,
  };
}
