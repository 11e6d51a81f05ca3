/**
 * The change times `newest-wins` compares for one field written by the incoming rules: the
 * newest time, on each side, of the replica fields the rules read to compute it
 * (`incomingAssignmentReads`). The remote's times come from its replica's `fieldTimes`, ours from
 * the stamps of our own last build. Both sides name fields in the replica's vocabulary, so when
 * the rules of the two sides mirror each other, both compare the same two instants.
 */
import { TIMED_FIELDS, type FieldTimes } from '../../replica';
import { incomingAssignmentReads } from '../../rules/checker/assignment-reads';
import type { Side } from '../../rules/runtime/types';
import { pointerSegment } from '../../util/json-pointer';
import { parseUtcTimestamp } from '../../util/utc-timestamp';
import type { FieldStamp } from '../model/link';
import { pathKey } from '../model/path-key';

const TIMED: ReadonlySet<string> = new Set(TIMED_FIELDS);
const CACHE_SIZE = 16;
const cache = new Map<string, Map<string, string[][]> | null>();

/** The replica paths each written path reads (by `pathKey`), or null when the script does not check. Cached per script. */
export function readsByWrittenPath(script: string, side: Side): Map<string, string[][]> | null {
  const key = `${side}\u0000${script}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const reads = incomingAssignmentReads(script, side);
  const value = reads ? new Map(reads.map((entry) => [pathKey(entry.target), entry.reads])) : null;
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * The top-level local fields the incoming rules write: all a sent snapshot needs to keep. Null
 * (keep every field) when the script does not check.
 */
export function snapshotKeysOf(script: string, side: Side): ReadonlySet<string> | null {
  const reads = readsByWrittenPath(script, side);
  if (!reads) return null;
  const keys = new Set<string>();
  for (const key of reads.keys()) {
    const path = key.startsWith('.') ? [key.slice(1)] : (JSON.parse(key) as string[]);
    if (path[0] !== undefined) keys.add(path[0]);
  }
  return keys;
}

/** The times of our last build's fields, from the link's stamps (unknown ones left out). */
export function timesOfStamps(fields: Readonly<Record<string, FieldStamp>> | undefined): FieldTimes {
  const times: FieldTimes = {};
  for (const [pointer, stamp] of Object.entries(fields ?? {}))
    if (stamp.time !== null) times[pointer] = stamp.time;
  return times;
}

/**
 * The newest remote and local time of the fields that `reads` names (all fields when the reads
 * are unknown or include the whole replica); null on a side where none of them has a time.
 */
export function fieldTimesAt(
  reads: string[][] | null,
  remote: FieldTimes,
  local: FieldTimes,
): { remote: string | null; local: string | null } {
  const pointers = new Set<string>();
  const all = (prefix: string): void => {
    for (const pointer of [...Object.keys(remote), ...Object.keys(local)]) {
      if (pointer.startsWith(prefix)) pointers.add(pointer);
    }
  };
  for (const path of reads ?? [[]]) {
    const [head, name] = path;
    if (head === undefined) all('/');
    else if (head === 'custom' && name === undefined) all('/custom/');
    else if (head === 'custom' && name !== undefined) pointers.add(`/custom/${pointerSegment(name)}`);
    else if (TIMED.has(head)) pointers.add(`/${head}`);
  }
  return { remote: newest(pointers, remote), local: newest(pointers, local) };
}

function newest(pointers: ReadonlySet<string>, times: FieldTimes): string | null {
  let best: string | null = null;
  let bestTime = -Infinity;
  for (const pointer of pointers) {
    const text = Object.prototype.hasOwnProperty.call(times, pointer) ? times[pointer] : undefined;
    // Only the replica's time format counts (as in resolveConflict); anything else is unknown.
    const time = text === undefined ? null : parseUtcTimestamp(text);
    if (time !== null && time > bestTime) {
      best = text as string;
      bestTime = time;
    }
  }
  return best;
}
