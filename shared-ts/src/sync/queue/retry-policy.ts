/** When failed deliveries and applies are tried again. */

/**
 * Exponential backoff with full jitter: the n-th failed attempt waits a uniformly random time in
 * [0, min(capMs, baseMs * 2^(n-1))), or at least the server's Retry-After. After `maxAttempts`
 * attempts the item becomes an error an admin can retry or discard.
 */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Total attempts, the first one included. */
  maxAttempts: number;
}

/** 5 s base, 15 min cap (the longest retry a Forge event may ask for), 8 attempts. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, capMs: 900_000, maxAttempts: 8 };
