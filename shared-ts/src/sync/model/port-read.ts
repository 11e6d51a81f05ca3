/**
 * What a read port answers (`EntityStore.read`, `AttachmentSource.describe` and `read`,
 * `AttachmentStore.storedHash`): the value, or a failure value that keeps what the platform said
 * (an HTTP status, the server's Retry-After), so the retry policy waits as long as the server
 * asked. A port that rejects instead still works: the rejection is an `unexpected` failure.
 */
import { unexpectedFailure } from '../engine/sync-context';
import type { SyncFailure } from './sync-failure';

/** A read that failed, as a value: the shape `Transport.send` and `AttachmentStore.attach` answer. */
export interface PortFailure {
  ok: false;
  error: SyncFailure;
}

/** A read port's answer: the value read, or the failure. */
export type PortRead<T> = T | PortFailure;

/** Wraps a failure as a read port's answer (`return portFailure(syncFailure('http', ..., { status: 429, retryAfterSeconds: 30 }))`). */
export function portFailure(error: SyncFailure): PortFailure {
  return { ok: false, error };
}

/** Whether a read port answered a failure (an object whose `ok` is false and whose `error` has a code). */
export function isPortFailure(value: unknown): value is PortFailure {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  return (
    candidate.ok === false &&
    typeof candidate.error === 'object' &&
    candidate.error !== null &&
    typeof (candidate.error as { code?: unknown }).code === 'string'
  );
}

/**
 * Calls a read port and answers its value or its failure, never rejecting: a failure value is
 * passed on as it is, a rejection becomes `unexpected` (transient).
 */
export async function readPort<T>(
  read: () => Promise<PortRead<T>>,
): Promise<{ ok: true; value: T } | { ok: false; error: SyncFailure }> {
  try {
    const value = await read();
    return isPortFailure(value) ? value : { ok: true, value: value as T };
  } catch (error) {
    return { ok: false, error: unexpectedFailure(error) };
  }
}
