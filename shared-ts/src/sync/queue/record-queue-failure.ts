import { putItem, retryOnConflict } from '../model/conditional-write';
import { describeRef } from '../model/entity-ref';
import type { QueueItem } from '../model/queue-item';
import { queueNamed, type QueueName } from './queue-name';
import type { QueueRunSummary } from './queue-run-summary';
import { recordAttemptFailure } from './record-attempt-failure';
import { appendLog, countSyncEvent, type SyncContext } from '../engine/sync-context';
import type { SyncFailure } from '../model/sync-failure';

/**
 * Books a failed attempt at a queue item: schedules its retry with backoff, or moves it to the
 * error list after the last attempt (logged and counted), unless a newer item replaced it
 * meanwhile. Counts the outcome in `summary`. Shared by the outbox (sending) and the inbox
 * (applying), which differ only in their words and in which side's ref the log names.
 */
export async function recordQueueFailure(
  ctx: SyncContext,
  queue: QueueName,
  item: QueueItem,
  failure: SyncFailure,
  summary: QueueRunSummary,
): Promise<void> {
  const { deps, config } = ctx;
  const [verb, refs] =
    queue === 'outbox'
      ? ['send', { local: item.entity }]
      : queue === 'attachments'
        ? [`fetch ${item.attachment?.remote.filename ?? 'an attachment'} of`, { remote: item.entity }]
        : ['apply', { remote: item.entity }];
  const store = queueNamed(ctx, queue);
  // Booked on the item as stored now (same id: the same content), compare-and-set; a newer item
  // that replaced it meanwhile is left alone.
  const next = await retryOnConflict<QueueItem>(
    async () => {
      const current = await store.get(item.key);
      const base = current?.id === item.id ? current : item;
      const booked = recordAttemptFailure(base, failure, config.retry, deps.clock.now(), deps.random);
      if (current?.id === item.id) await putItem(store, booked);
      return booked;
    },
    () => recordAttemptFailure(item, failure, config.retry, deps.clock.now(), deps.random),
  );
  if (next.state === 'error') {
    summary.failed++;
    await appendLog(
      ctx,
      'error',
      refs,
      `Could not ${verb} ${describeRef(item.entity)}: ${next.lastError?.message}`,
      { code: failure.code },
    );
    await countSyncEvent(ctx, { outcome: 'error' });
  } else {
    summary.retrying++;
    await appendLog(
      ctx,
      'retry-scheduled',
      refs,
      `Will retry ${verb === 'send' ? 'sending' : verb === 'apply' ? 'applying' : 'fetching a file of'} ${describeRef(item.entity)} at ${next.nextAttemptAt}: ${failure.message}`,
    );
  }
}
