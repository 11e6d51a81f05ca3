import type { ProtocolError } from './protocol-error';

/**
 * The `{"error":{"code","message"}}` of an unsigned error response, or null when the body is not
 * one. The code is the other side's word, unverified: show it, back off, never change state on it.
 */
export function readErrorResponse(body: string): ProtocolError<string> | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  const error = (value as { error?: unknown } | null)?.error;
  if (error === null || typeof error !== 'object') return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}
