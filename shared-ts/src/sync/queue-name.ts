import type { WorkQueue } from './ports';
import type { SyncContext } from './sync-context';

/** Which queue an admin action is about. */
export type QueueName = 'outbox' | 'inbox';

/** The queue of that name. */
export function queueNamed(ctx: SyncContext, name: QueueName): WorkQueue {
  return name === 'outbox' ? ctx.deps.outbox : ctx.deps.inbox;
}
