/**
 * The change times `newest-wins` compares for one field written by the incoming rules: the
 * newest time, on each side, of the replica fields the rules read to compute it
 * (the compiled rules' `dependencies`: the compiler computes them, the engine never parses). The
 * remote's times come from its replica's `fieldTimes`, ours from the stamps of our own last build. Both sides name fields in the replica's vocabulary, so when
 * the rules of the two sides mirror each other, both compare the same two instants.
 */
import { TIMED_FIELDS, type FieldTimes } from '../../replica';
import type { IrDependencies } from '../../rules/runtime/ir-dependencies';
import { pointerSegment } from '../../util/json-pointer';
import { parseUtcTimestamp } from '../../util/utc-timestamp';
import type { FieldStamp } from '../model/link';
import { pathKey } from '../model/path-key';

const TIMED: ReadonlySet<string> = new Set(TIMED_FIELDS);
const readsCache = new WeakMap<IrDependencies, Map<string, string[][]> | null>();

/**
 * The replica paths each written path reads (by `pathKey`), from the compiled incoming rules'
 * `dependencies` (docs/ir.md); null when they are not given or malformed (unknown: a conflict then
 * compares every field). Kept per dependencies object.
 */
export function readsByWrittenPath(
  dependencies: IrDependencies | undefined,
): ReadonlyMap<string, string[][]> | null {
  if (typeof dependencies !== 'object' || dependencies === null) return null;
  const hit = readsCache.get(dependencies);
  if (hit !== undefined) return hit;
  const writes: unknown = (dependencies as Partial<IrDependencies> | null)?.writes;
  const value = Array.isArray(writes) && writes.every(isWriteReads) ? readsMap(writes) : null;
  readsCache.set(dependencies, value);
  return value;
}

function readsMap(writes: readonly { target: string[]; reads: string[][] }[]): Map<string, string[][]> {
  return new Map(writes.map((entry) => [pathKey(entry.target), entry.reads]));
}

function isWriteReads(value: unknown): value is { target: string[]; reads: string[][] } {
  const entry = value as { target?: unknown; reads?: unknown } | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    isTextList(entry.target) &&
    Array.isArray(entry.reads) &&
    entry.reads.every(isTextList)
  );
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * The top-level local fields the incoming rules write: all a sent snapshot needs to keep. Null
 * (keep every field) when the compiled rules' dependencies are not given.
 */
export function snapshotKeysOf(dependencies: IrDependencies | undefined): ReadonlySet<string> | null {
  const reads = readsByWrittenPath(dependencies);
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
