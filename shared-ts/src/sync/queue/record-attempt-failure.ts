import { classifyFailure } from './classify-failure';
import { nextRetryDelay } from './next-retry-delay';
import type { RandomSource } from '../model/ports';
import type { QueueItem } from '../model/queue-item';
import type { RetryPolicy } from './retry-policy';
import type { SyncFailure } from '../model/sync-failure';

/**
 * The item after a failed attempt: due again after the backoff when the failure is transient
 * and attempts remain; otherwise in the error list, with a message that says why.
 */
export function recordAttemptFailure(
  item: QueueItem,
  failure: SyncFailure,
  policy: RetryPolicy,
  nowMs: number,
  random: RandomSource,
): QueueItem {
  const attempts = item.attempts + 1;
  if (classifyFailure(failure) === 'permanent') {
    return { ...item, attempts, state: 'error', lastError: failure };
  }
  if (attempts >= policy.maxAttempts) {
    return {
      ...item,
      attempts,
      state: 'error',
      lastError: { ...failure, message: `Gave up after ${attempts} attempts: ${failure.message}` },
    };
  }
  const delay = nextRetryDelay(attempts, policy, random, failure.retryAfterSeconds);
  return {
    ...item,
    attempts,
    state: 'pending',
    nextAttemptAt: new Date(nowMs + delay).toISOString(),
    lastError: failure,
  };
}
