import { describeRef } from '../model/entity-ref';
import { queueNamed, type QueueName } from './queue-name';
import { appendLog, isoNow, type SyncContext } from '../engine/sync-context';
import { syncLocalChange } from '../outgoing/sync-local-change';

/** What became of an admin's retry. */
export type RetryResult = { kind: 'retrying' } | { kind: 'not-found' };

/**
 * An admin retries an item of the error list: it is due again at once with a fresh attempt
 * count. An outgoing item whose replica could not be built is rebuilt from the entity as it is now.
 */
export async function retryQueueItem(ctx: SyncContext, queue: QueueName, key: string): Promise<RetryResult> {
  const store = queueNamed(ctx, queue);
  const item = await store.get(key);
  if (!item || item.state !== 'error') return { kind: 'not-found' };
  await appendLog(
    ctx,
    'retried',
    queue === 'outbox' ? { local: item.entity } : { remote: item.entity },
    `An admin retried ${describeRef(item.entity)}.`,
  );
  if (!item.message && !item.attachment) {
    await store.remove(item.key, item.id);
    await syncLocalChange(ctx, item.entity);
    return { kind: 'retrying' };
  }
  const fresh = {
    ...item,
    ...(item.attachment ? { attachment: { ...item.attachment, from: 0 } } : {}),
    state: 'pending' as const,
    attempts: 0,
    nextAttemptAt: isoNow(ctx),
    lastError: null,
  };
  // Refused only when the item changed since it was read (a newer change replaced it, or a run
  // booked it): what is stored now is newer than the admin's retry, and stands.
  const stored = await store.put(fresh);
  return stored.ok ? { kind: 'retrying' } : { kind: 'not-found' };
}
