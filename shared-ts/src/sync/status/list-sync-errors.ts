import type { QueueItem } from '../model/queue-item';
import { queueNamed, type QueueName } from '../queue/queue-name';
import type { SyncContext } from '../engine/sync-context';

/** An item of the error list, with the queue it sits in (for retry and discard). */
export interface SyncErrorItem {
  queue: QueueName;
  item: QueueItem;
}

/** The connection's error list: failed sends, then failed applies, then files that could not be fetched. */
export async function listSyncErrors(ctx: SyncContext): Promise<SyncErrorItem[]> {
  const [outbox, inbox, attachments] = await Promise.all([
    ctx.deps.outbox.errors(ctx.config.connectionId),
    ctx.deps.inbox.errors(ctx.config.connectionId),
    queueNamed(ctx, 'attachments').errors(ctx.config.connectionId),
  ]);
  return [
    ...outbox.map((item) => ({ queue: 'outbox' as const, item })),
    ...inbox.map((item) => ({ queue: 'inbox' as const, item })),
    ...attachments.map((item) => ({ queue: 'attachments' as const, item })),
  ];
}
