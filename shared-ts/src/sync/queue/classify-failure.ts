import type { SyncFailure } from '../model/sync-failure';

/** Transient failures are retried with backoff; permanent ones go straight to the error list. */
export type FailureClass = 'transient' | 'permanent';

/**
 * Sorts a failure: network trouble, timeouts, unavailability, unexpected throws, write conflicts and HTTP 408,
 * 429 and 5xx are transient; every other HTTP status, schema and rule failures, refusals and
 * broken links are permanent (retrying cannot fix them).
 */
export function classifyFailure(failure: SyncFailure): FailureClass {
  switch (failure.code) {
    case 'network':
    case 'timeout':
    case 'unavailable':
    case 'unexpected':
    case 'conflict':
      return 'transient';
    case 'http': {
      const status = failure.status ?? 0;
      return status === 408 || status === 429 || status >= 500 ? 'transient' : 'permanent';
    }
    default:
      return 'permanent';
  }
}
