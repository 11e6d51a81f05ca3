/**
 * Keys for Forge KVS: 1..500 characters of `[a-zA-Z0-9:._\s-#]`. Each part of a key is escaped
 * (every UTF-8 byte outside `[A-Za-z0-9._-]` becomes `#` and two hex digits, so `:` stays a
 * separator) and a part longer than `MAX_KEY_PART` is replaced by `#h` and its SHA-256, so any
 * id (a Jira key, a Salesforce id, an attachment key with a file name) makes a valid key of a
 * bounded length. Deterministic: the same parts always make the same key. Linear in the input.
 */
import { createHash } from 'node:crypto';

/** Longest escaped part kept as is; longer parts are hashed (66 characters). */
export const MAX_KEY_PART = 120;

/** One escaped key part. */
export function keyPart(part: string): string {
  let escaped = '';
  for (const byte of Buffer.from(part, 'utf8')) {
    const char = String.fromCharCode(byte);
    escaped += /[A-Za-z0-9._-]/.test(char) ? char : `#${byte.toString(16).padStart(2, '0')}`;
    if (escaped.length > MAX_KEY_PART) break;
  }
  if (escaped.length > MAX_KEY_PART) return `#h${createHash('sha256').update(part, 'utf8').digest('hex')}`;
  return escaped.length === 0 ? '#' : escaped;
}

/** A key of escaped parts joined by `:` (the first part, a fixed prefix, is used as is). */
export function kvsKey(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts.map(keyPart)].join(':');
}
