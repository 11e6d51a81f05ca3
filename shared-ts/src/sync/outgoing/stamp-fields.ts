/**
 * Per-field change times from successive builds (Replica v2 `fieldTimes`): where the platform
 * keeps no field history, a field's time is the entity's `modifiedAt` at the first build that
 * showed its current value; a field whose value did not change keeps its time.
 */
import { TIMED_FIELDS, type FieldTimes, type JsonValue, type Replica } from '../../replica';
import { canonicalJson } from '../../util/canonical-json';
import { pointerSegment } from '../../util/json-pointer';
import { sha256HexSync } from '../../util/sha256';
import { parseUtcTimestamp } from '../../util/utc-timestamp';
import type { FieldStamp } from '../model/link';

/** The timed fields of a replica (or replica content), by JSON pointer, with their values. */
export function timedValues(content: Omit<Replica, 'seq' | 'hash'>): Map<string, JsonValue> {
  const values = new Map<string, JsonValue>();
  for (const name of TIMED_FIELDS) values.set(`/${name}`, (content[name] ?? null) as JsonValue);
  const custom = content.custom as Record<string, JsonValue> | null | undefined;
  if (custom !== null && typeof custom === 'object' && !Array.isArray(custom)) {
    for (const [name, value] of Object.entries(custom)) values.set(`/custom/${pointerSegment(name)}`, value);
  }
  return values;
}

/** The digest a field stamp keeps of a value: SHA-256 of its canonical JSON. */
export function valueDigest(value: JsonValue): string {
  return sha256HexSync(canonicalJson(value));
}

/** What `stampFields` weighs. */
export interface StampInput {
  /** The stamps of the last build (`link.outgoing.fields`). */
  previous: Readonly<Record<string, FieldStamp>>;
  content: Omit<Replica, 'seq' | 'hash'>;
  /** When a person last changed the entity (`LocalEntity.modifiedAt`). */
  modifiedAt: string | null;
  /**
   * The remote replica just applied, if the build follows an apply: a field that changed to the
   * remote's value takes the remote's time for it, so both sides hold the same instant.
   */
  adopted?: Replica | null;
}

/** The stamps of this build and the `fieldTimes` the replica carries (known times only). */
export function stampFields(input: StampInput): {
  fields: Record<string, FieldStamp>;
  fieldTimes: FieldTimes;
} {
  const modified = utcTime(input.modifiedAt);
  const adopted = input.adopted ? timedValues(input.adopted) : null;
  const fields: Record<string, FieldStamp> = {};
  const fieldTimes: FieldTimes = {};
  for (const [pointer, value] of timedValues(input.content)) {
    const digest = valueDigest(value);
    const before = Object.prototype.hasOwnProperty.call(input.previous, pointer)
      ? input.previous[pointer]
      : undefined;
    let time: string | null;
    if (before && before.digest === digest) time = before.time;
    else {
      const remote = adopted?.has(pointer) ? input.adopted?.fieldTimes?.[pointer] : undefined;
      time =
        remote !== undefined && valueDigest(adopted?.get(pointer) ?? null) === digest ? remote : modified;
    }
    fields[pointer] = { digest, time };
    if (time !== null) fieldTimes[pointer] = time;
  }
  return { fields, fieldTimes };
}

/** The stamps of a built replica, from its own `fieldTimes` (the times `stampFields` gave it). */
export function stampsOf(content: Omit<Replica, 'seq' | 'hash'>): Record<string, FieldStamp> {
  const fields: Record<string, FieldStamp> = {};
  for (const [pointer, value] of timedValues(content)) {
    fields[pointer] = { digest: valueDigest(value), time: content.fieldTimes?.[pointer] ?? null };
  }
  return fields;
}

/**
 * A time in the replica's format, written with milliseconds (`2026-11-20T08:00:00.000Z`), or null
 * when `iso` is not in the replica's format (`parseUtcTimestamp`): adapters give UTC `Z` times.
 */
function utcTime(iso: string | null): string | null {
  if (iso === null) return null;
  const time = parseUtcTimestamp(iso);
  return time === null ? null : new Date(time).toISOString();
}
