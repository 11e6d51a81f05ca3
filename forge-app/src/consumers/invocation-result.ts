import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { WorkJobOutcome } from './run-work-job';

/**
 * What the consumer function returns to Forge: an `InvocationError` with `retryAfter` (seconds,
 * at most 900) when the job should run again, otherwise nothing.
 */
export function invocationResult(outcome: WorkJobOutcome): InvocationError | undefined {
  if (outcome.kind !== 'retry') return undefined;
  return new InvocationError({
    retryAfter: Math.max(1, Math.min(900, Math.round(outcome.retryAfterSeconds))),
    retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { reason: outcome.reason.slice(0, 200) },
  });
}
