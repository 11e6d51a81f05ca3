/**
 * A local entity that could not be read to build its replica (Jira answered 429 or 503, the
 * platform was down): the outbox keeps a rebuild item for it (no message), booked through the
 * retry policy, so the build is tried again when it is due (never sooner than the server's
 * Retry-After), and lands in the error list after the last attempt.
 */
import type { EntityRef } from '../../replica';
import { putItem } from '../model/conditional-write';
import { describeRef } from '../model/entity-ref';
import type { QueueItem } from '../model/queue-item';
import type { SyncFailure } from '../model/sync-failure';
import { newQueueItem } from '../queue/new-queue-item';
import { recordAttemptFailure } from '../queue/record-attempt-failure';
import { appendLog, countSyncEvent, type SyncContext } from '../engine/sync-context';

/** Whether an outbox item asks for its entity's replica to be built again when due (no message, pending). */
export function isRebuildItem(item: QueueItem | null): item is QueueItem {
  return item !== null && item.message === null && !item.attachment && item.state === 'pending';
}

/**
 * Books a failed read of `ref` on its rebuild item (compare-and-set against `waiting`, the
 * outbox item as the caller read it): a new one, or the one waiting with one more attempt. An
 * item carrying content is left as it is (that content still goes; the next change builds
 * again), and so is one in the error list (an admin's retry rebuilds it). Raises `WriteConflict`
 * when the item changed since it was read.
 */
export async function bookReadFailure(
  ctx: SyncContext,
  ref: EntityRef,
  waiting: QueueItem | null,
  failure: SyncFailure,
): Promise<void> {
  const { deps, config } = ctx;
  if (waiting !== null && !isRebuildItem(waiting)) return;
  const base = waiting ?? newQueueItem(ctx, ref, null);
  const booked = recordAttemptFailure(base, failure, config.retry, deps.clock.now(), deps.random);
  await putItem(deps.outbox, booked);
  if (booked.state === 'error') {
    await appendLog(
      ctx,
      'error',
      { local: ref },
      `Could not read ${describeRef(ref)}: ${booked.lastError?.message}`,
      {
        code: failure.code,
      },
    );
    await countSyncEvent(ctx, { outcome: 'error' });
    return;
  }
  await appendLog(
    ctx,
    'retry-scheduled',
    { local: ref },
    `Will read ${describeRef(ref)} again at ${booked.nextAttemptAt}: ${failure.message}`,
  );
}
