import type { ConditionalWrite, WorkQueue } from '../model/ports';
import type { QueueItem } from '../model/queue-item';
import type { SyncContext } from '../engine/sync-context';

/** Which queue an admin action is about: the outbox, the inbox, or the attachments (one item per file). */
export type QueueName = 'outbox' | 'inbox' | 'attachments';

/** The queue of that name; a side without attachment ports has an empty attachments queue. */
export function queueNamed(ctx: SyncContext, name: QueueName): WorkQueue {
  if (name === 'attachments') return ctx.deps.attachments?.queue ?? NO_QUEUE;
  return name === 'outbox' ? ctx.deps.outbox : ctx.deps.inbox;
}

const NO_QUEUE: WorkQueue = {
  get: (): Promise<QueueItem | null> => Promise.resolve(null),
  put: (): Promise<ConditionalWrite> => Promise.resolve({ ok: false, conflict: true }),
  remove: (): Promise<void> => Promise.resolve(),
  due: (): Promise<QueueItem[]> => Promise.resolve([]),
  errors: (): Promise<QueueItem[]> => Promise.resolve([]),
  depth: (): Promise<{ pending: number; error: number }> => Promise.resolve({ pending: 0, error: 0 }),
};
