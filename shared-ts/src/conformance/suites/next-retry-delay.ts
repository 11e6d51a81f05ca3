/** Vectors of `nextRetryDelay`: exponential backoff with full jitter and the server's Retry-After. */
import type { JsonValue } from '../../replica';
import { nextRetryDelay } from '../../sync/queue/next-retry-delay';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../sync/queue/retry-policy';
import type { VectorSuite } from '../vector-suite';

/** The input of one vector: the random source as the one number in [0, 1) it returns; `retryAfterSeconds` null when absent. */
export interface RetryDelayInput {
  attempts: number;
  policy: RetryPolicy;
  random: number;
  retryAfterSeconds: number | null;
}

function input(attempts: number, random: number, retryAfterSeconds: number | null = null): RetryDelayInput {
  return { attempts, policy: DEFAULT_RETRY_POLICY, random, retryAfterSeconds };
}

/** The next-retry-delay vector set: `expected` is the delay in ms. */
export const nextRetryDelaySuite: VectorSuite<RetryDelayInput> = {
  folder: 'next-retry-delay',
  run: (i) =>
    nextRetryDelay(i.attempts, i.policy, () => i.random, i.retryAfterSeconds ?? undefined) as JsonValue,
  cases: [
    {
      name: 'first-attempt-at-half',
      description: 'After the first failure the ceiling is the base (5 s): half of it.',
      input: input(1, 0.5),
    },
    { name: 'random-zero-waits-nothing', description: 'A random 0 waits 0 ms.', input: input(1, 0) },
    {
      name: 'random-just-below-one-stays-below-the-ceiling',
      description: 'The wait is floor(random * ceiling): always below the ceiling.',
      input: input(1, 0.9999999999),
    },
    {
      name: 'third-attempt-doubles-twice',
      description: 'After the third failure the ceiling is base * 2^2 = 20 s.',
      input: input(3, 0.5),
    },
    {
      name: 'ceiling-is-capped',
      description: 'After the ninth failure base * 2^8 = 1,280 s exceeds the 900 s cap.',
      input: input(9, 0.5),
    },
    {
      name: 'huge-attempt-count-stays-capped',
      description: 'A very large attempt count gives the cap, not an overflow.',
      input: input(2000, 0.25),
    },
    {
      name: 'zero-attempts-counts-as-the-first',
      description: 'Attempts below 1 use the base ceiling.',
      input: input(0, 0.5),
    },
    {
      name: 'floors-an-odd-product',
      description: 'The product is rounded down to whole ms.',
      input: input(2, 0.123456789),
    },
    {
      name: 'retry-after-raises-a-shorter-wait',
      description: "The server's Retry-After (30 s) is a floor above the jittered wait.",
      input: input(1, 0.5, 30),
    },
    {
      name: 'retry-after-below-the-wait-changes-nothing',
      description: 'A Retry-After below the jittered wait is no floor.',
      input: input(4, 0.5, 1),
    },
    {
      name: 'fractional-retry-after-rounds-up',
      description: 'A Retry-After of 1.2345 s waits at least 1,235 ms (rounded up).',
      input: input(1, 0, 1.2345),
    },
    {
      name: 'zero-retry-after-is-no-floor',
      description: 'A Retry-After of 0 is ignored.',
      input: input(1, 0.1, 0),
    },
    {
      name: 'custom-policy',
      description: 'Another policy: base 1 s, cap 4 s, fourth attempt capped at 4 s.',
      input: {
        attempts: 4,
        policy: { baseMs: 1000, capMs: 4000, maxAttempts: 5 },
        random: 0.75,
        retryAfterSeconds: null,
      },
    },
  ],
};
