/**
 * What a sent snapshot keeps of the local view (docs/sync-semantics.md, section 1): only the
 * top-level fields the incoming rules write (the planner reads a snapshot nowhere else), and a
 * value over 1 KiB of canonical JSON as its digest, so that eight snapshots of a long description
 * do not fill the link. A digest is resolved when the planner reads it: it stands for whichever
 * candidate value (the remote's, the current) has that digest.
 */
import type { JsonValue } from '../../replica';
import { canonicalJson } from '../../util/canonical-json';
import { sha256HexSync } from '../../util/sha256';
import { valueAtPath } from './value-at-path';

/** Values whose canonical JSON is longer than this many UTF-8 bytes are kept as a digest. */
export const MAX_SNAPSHOT_VALUE_BYTES = 1024;

/**
 * The snapshot of a local view: the fields named by `keep` (all when null), comments and
 * attachments never, each value over `MAX_SNAPSHOT_VALUE_BYTES` replaced by `{"$digest": <sha-256>}`.
 */
export function snapshotView(
  view: Record<string, JsonValue>,
  keep: ReadonlySet<string> | null,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(view)) {
    if (key === 'comments' || key === 'attachments') continue;
    if (keep && !keep.has(key)) continue;
    const text = canonicalJson(value);
    // A UTF-16 unit is 1 to 3 UTF-8 bytes: count the bytes only when the length leaves it open.
    const large =
      text.length > MAX_SNAPSHOT_VALUE_BYTES ||
      (text.length * 3 > MAX_SNAPSHOT_VALUE_BYTES && utf8Length(text) > MAX_SNAPSHOT_VALUE_BYTES);
    out[key] = large ? { $digest: sha256HexSync(text) } : value;
  }
  return out;
}

/**
 * The snapshot's value at a path, a digest resolved to the candidate it stands for. A digest that
 * matches no candidate stays as it is (a value we no longer know, unequal to any); a path below
 * a digest is unknown (null).
 */
export function snapshotValueAt(
  view: Record<string, JsonValue>,
  path: readonly string[],
  candidates: readonly JsonValue[],
): JsonValue {
  const [head, ...rest] = path;
  const top =
    head === undefined
      ? null
      : ((Object.prototype.hasOwnProperty.call(view, head) ? view[head] : null) ?? null);
  const digest = digestOf(top);
  if (digest === null) return valueAtPath(view, path);
  if (rest.length > 0) return null;
  for (const candidate of candidates)
    if (sha256HexSync(canonicalJson(candidate)) === digest) return candidate;
  return top;
}

function digestOf(value: JsonValue): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$digest' && typeof value.$digest === 'string'
    ? value.$digest
    : null;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
