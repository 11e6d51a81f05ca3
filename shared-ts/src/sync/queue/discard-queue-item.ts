import { describeRef } from '../model/entity-ref';
import { queueNamed, type QueueName } from './queue-name';
import { appendLog, type SyncContext } from '../engine/sync-context';

/** What became of an admin's discard. */
export type DiscardResult = { kind: 'discarded' } | { kind: 'not-found' };

/**
 * An admin discards an item of the error list: it leaves the queue and the log says so. The
 * entity's next change sends its whole state again, so nothing stays out of step for good.
 */
export async function discardQueueItem(
  ctx: SyncContext,
  queue: QueueName,
  key: string,
): Promise<DiscardResult> {
  const store = queueNamed(ctx, queue);
  const item = await store.get(key);
  if (!item || item.state !== 'error') return { kind: 'not-found' };
  await store.remove(item.key, item.id);
  await appendLog(
    ctx,
    'discarded',
    queue === 'outbox' ? { local: item.entity } : { remote: item.entity },
    `An admin discarded the failed ${queue === 'outbox' ? 'send' : 'apply'} of ${describeRef(item.entity)}: ${item.lastError?.message ?? ''}`.trimEnd(),
  );
  return { kind: 'discarded' };
}
