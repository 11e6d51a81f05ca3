/**
 * A UI call as @forge/resolver hands it to a function (`{ payload, context }`), and the readers
 * that validate its payload: each answers the value or a `payload-invalid` refusal naming the
 * field and what it must be.
 */
import { refuse, type ResolverError } from './resolver-answer';

/** What a resolver function receives. */
export interface UiCall {
  payload?: unknown;
  context?: unknown;
}

/** A field's value, or the refusal to answer. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: ResolverError };

/** The payload as an object (an absent payload is an empty one). */
export function payloadOf(call: UiCall): Record<string, unknown> | null {
  const payload = call.payload ?? {};
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : null;
}

/** A string field of 1 to `max` characters (trimmed), optionally matching `pattern`. */
export function readText(
  payload: Record<string, unknown>,
  field: string,
  rule: { max: number; pattern?: RegExp; optional?: false; what?: string },
): Read<string>;
export function readText(
  payload: Record<string, unknown>,
  field: string,
  rule: { max: number; pattern?: RegExp; optional: true; what?: string },
): Read<string | undefined>;
export function readText(
  payload: Record<string, unknown>,
  field: string,
  rule: { max: number; pattern?: RegExp; optional?: boolean; what?: string },
): Read<string | undefined> {
  const value = payload[field];
  if (value === undefined && rule.optional) return { ok: true, value: undefined };
  const text = typeof value === 'string' ? value.trim() : null;
  if (
    text === null ||
    text.length === 0 ||
    text.length > rule.max ||
    (rule.pattern && !rule.pattern.test(text))
  )
    return refuse(
      'payload-invalid',
      `${field} must be ${rule.what ?? 'text'} of 1 to ${rule.max} characters${rule.optional ? ' (or left out)' : ''}.`,
    );
  return { ok: true, value: text };
}

/** A boolean field. */
export function readFlag(payload: Record<string, unknown>, field: string): Read<boolean> {
  const value = payload[field];
  return typeof value === 'boolean'
    ? { ok: true, value }
    : refuse('payload-invalid', `${field} must be true or false.`);
}

/** A connection id as pairing makes them. */
export const CONNECTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The refusal of a payload that is not an object. */
export const NOT_AN_OBJECT = refuse('payload-invalid', 'The payload must be an object of named fields.');
