import type { QueueItem } from './queue-item';
import type { QueueName } from './queue-name';
import type { SyncContext } from './sync-context';

/** An item of the error list, with the queue it sits in (for retry and discard). */
export interface SyncErrorItem {
  queue: QueueName;
  item: QueueItem;
}

/** The connection's error list: failed sends, then failed applies. */
export async function listSyncErrors(ctx: SyncContext): Promise<SyncErrorItem[]> {
  const [outbox, inbox] = await Promise.all([
    ctx.deps.outbox.errors(ctx.config.connectionId),
    ctx.deps.inbox.errors(ctx.config.connectionId),
  ]);
  return [
    ...outbox.map((item) => ({ queue: 'outbox' as const, item })),
    ...inbox.map((item) => ({ queue: 'inbox' as const, item })),
  ];
}
