/**
 * Failures are values: a stable code a program can branch on, and a message a person can act on.
 * Adapters translate platform errors (HTTP statuses, DML exceptions) into these; the engine
 * decides from the code (and HTTP status) whether to retry.
 */

/** Every way a sync step can fail. */
export type SyncFailureCode =
  /** The other side could not be reached (DNS, connection reset, no response). Transient. */
  | 'network'
  /** The request or the platform call took too long. Transient. */
  | 'timeout'
  /** An HTTP error; `status` decides: 408, 429 and 5xx are transient, other statuses permanent. */
  | 'http'
  /** The platform is briefly unable to serve (row lock, rate limit without a status). Transient. */
  | 'unavailable'
  /** The platform refused the write for good (validation rule, missing permission). Permanent. */
  | 'rejected'
  /** A replica or message does not match its schema. Permanent. */
  | 'schema'
  /** A rule script failed while running (its message says where). Permanent. */
  | 'rule-error'
  /** A rule script produced something the engine cannot use (a comment list without ids). Permanent. */
  | 'rule-output'
  /** The local entity of a link no longer exists. Permanent. */
  | 'local-missing'
  /** A replica names a local entity that is linked to a different remote entity. Permanent. */
  | 'link-mismatch'
  /** A port threw instead of returning a failure (an adapter bug or an outage). Transient. */
  | 'unexpected';

/** Why a sync step failed. */
export interface SyncFailure {
  code: SyncFailureCode;
  message: string;
  /** HTTP status, for `http` failures. */
  status?: number;
  /** The server's Retry-After, in seconds, when it sent one (429, 503). */
  retryAfterSeconds?: number;
}

/** Builds a failure value. */
export function syncFailure(
  code: SyncFailureCode,
  message: string,
  extra: Pick<SyncFailure, 'status' | 'retryAfterSeconds'> = {},
): SyncFailure {
  return { code, message, ...extra };
}
