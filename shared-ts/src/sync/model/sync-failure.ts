/**
 * Failures are values: a stable code a program can branch on, and a message a person can act on.
 * Adapters translate platform errors (HTTP statuses, DML exceptions) into these; the engine
 * decides from the code (and HTTP status) whether to retry.
 */
import type { AttachmentErrorCode } from '../attachments/attachment-transfer';

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
  /** A replica or message does not match its schema or its limits (nesting, size). Permanent. */
  | 'schema'
  /** A replica's `hash` is not the hash of its content (altered, or a faulty sender). Permanent. */
  | 'hash-mismatch'
  /** A message names as its target an entity this side does not sync (another platform or type). Permanent. */
  | 'target-invalid'
  /** A message comes from an entity of this side's own platform: one of ours sent back, or a faulty sender. Permanent. */
  | 'own-entity'
  /** A rule script failed while running (its message says where). Permanent. */
  | 'rule-error'
  /**
   * A rule script produced something the engine cannot use (a comment list without ids, a value
   * nested deeper or larger than a replica may be). Permanent.
   */
  | 'rule-output'
  /** The local entity of a link no longer exists. Permanent. */
  | 'local-missing'
  /**
   * A replica names a local entity that is linked to a different remote entity, or comes from a
   * remote entity linked to another local entity than the one it names. Permanent.
   */
  | 'link-mismatch'
  /** A port threw instead of returning a failure (an adapter bug or an outage). Transient. */
  | 'unexpected'
  /**
   * Concurrent operations kept writing the same link or queue item first: the operation re-read
   * and decided again `MAX_WRITE_TRIES` times and gave up this once. Transient.
   */
  | 'conflict'
  /**
   * An attachment's bytes could not be fetched or trusted (docs/protocol.md, "Attachments"): the
   * code says why (`attachment-hash-mismatch`, `attachment-chunk-corrupt`, ...). Permanent: the
   * file's own queue item waits in the error list for an admin's retry.
   */
  | AttachmentErrorCode;

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
