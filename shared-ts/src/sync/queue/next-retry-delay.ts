import type { RandomSource } from '../model/ports';
import type { RetryPolicy } from './retry-policy';

/**
 * Milliseconds to wait after the `attempts`-th failed attempt (1 = the first): full jitter, a
 * uniformly random wait in [0, min(cap, base * 2^(attempts-1))), so that many items failing
 * together do not retry together; never less than the server's Retry-After.
 */
export function nextRetryDelay(
  attempts: number,
  policy: RetryPolicy,
  random: RandomSource,
  retryAfterSeconds?: number,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.floor(random() * ceiling);
  const floor =
    retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? Math.ceil(retryAfterSeconds * 1000) : 0;
  return Math.max(jittered, floor);
}
