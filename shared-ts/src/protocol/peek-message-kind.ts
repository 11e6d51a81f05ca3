import { MESSAGE_KINDS, type MessageKind } from './message-envelope';
import type { RawMessage } from './verify-message';
import { DEFAULT_MAX_BODY_BYTES } from './wire-format';

/**
 * The kind an unverified message claims, or null when it claims none: for routing only (a hello
 * goes to `acceptHello`, everything else to `verifyMessage`), which then verifies it. Never act
 * on it otherwise. Bodies over the default size limit are not parsed.
 */
export function peekMessageKind(raw: RawMessage): MessageKind | null {
  if (raw.body.length > DEFAULT_MAX_BODY_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw.body);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' && (MESSAGE_KINDS as readonly string[]).includes(kind)
    ? (kind as MessageKind)
    : null;
}
