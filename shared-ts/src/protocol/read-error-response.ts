import type { ProtocolError } from './protocol-error';

/** Longest code and message kept from an error response, in characters: the rest is cut off. */
const MAX_CODE = 80;
const MAX_MESSAGE = 4000;

/**
 * The `{"error":{"code","message"}}` of an unsigned error response, or null when the body is not
 * one. The code is the other side's word, unverified: show it, back off, never change state on it.
 * A longer code or message than a Tandem node writes is cut short, so an answer cannot flood a log.
 */
export function readErrorResponse(body: string): ProtocolError<string> | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  const error = ownMember(value, 'error');
  const code = ownMember(error, 'code');
  const message = ownMember(error, 'message');
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return { code: code.slice(0, MAX_CODE), message: message.slice(0, MAX_MESSAGE) };
}

function ownMember(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, name)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
