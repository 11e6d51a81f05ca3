/**
 * Checks that a value from outside (a parsed message, a rule's output) is plain JSON of a bounded
 * shape before any code walks it recursively: no value that would not survive JSON unchanged
 * (undefined, NaN, functions, class instances, cycles, text that is not valid Unicode), no
 * nesting deeper than a limit, and no more values than a budget. A value built by a rule can
 * share one object in many places, so its size as JSON can be exponential in the work that
 * built it: the budget counts values as JSON would write them, and stops the walk when spent.
 *
 * It walks with its own stack, never recursing, so any input costs time and memory linear in
 * what it visits (at most the budget).
 */
import { pointerSegment } from './json-pointer';

/** How deep and how large a value may be. */
export interface JsonLimits {
  /** Most levels of nesting: a bare string is 0 levels deep, `{"a": [1]}` is 2. */
  maxDepth: number;
  /** Most values (objects, arrays and primitives, counted as JSON would write them). */
  maxValues: number;
  /** Accept `undefined` (as JSON drops or nulls it) instead of reporting it. Default false. */
  allowUndefined?: boolean;
}

/** Why a value was refused: not JSON, nested too deep, or too large. */
export type JsonProblemKind = 'json' | 'depth' | 'size';

/** One problem, by JSON pointer. */
export interface JsonProblem {
  kind: JsonProblemKind;
  path: string;
  message: string;
}

/** A value on the walk, with the way back to the root (for its path, built only when reported). */
interface Visit {
  value: unknown;
  parent: Visit | null;
  key: string;
  depth: number;
  /** Set once the container's members are on the stack: the next pop closes it. */
  opened: boolean;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Every problem found in `value`; empty when it is plain JSON within the limits. Nesting past
 * `maxDepth` or a spent budget stops the walk at once and is the last problem reported: what
 * lies beyond is not looked at.
 */
export function inspectJson(value: unknown, limits: JsonLimits): JsonProblem[] {
  const walk: Walk = {
    limits,
    found: [],
    open: new Set<object>(),
    stack: [],
    budget: limits.maxValues,
    stopped: false,
  };
  const root = visit(walk, { value, parent: null, key: '', depth: 0, opened: false });
  if (root !== null) walk.stack.push(root);
  while (walk.stack.length > 0 && !walk.stopped) {
    const container = walk.stack.pop() as Visit;
    if (container.opened) walk.open.delete(container.value as object);
    else openContainer(walk, container);
  }
  return walk.found;
}

/** The state of one walk. */
interface Walk {
  limits: JsonLimits;
  found: JsonProblem[];
  /** The containers being walked, to tell a cycle. */
  open: Set<object>;
  /** Containers still to open, and markers to close those opened. */
  stack: Visit[];
  budget: number;
  /** Set once the walk has hit a limit. */
  stopped: boolean;
}

/** Counts one value against the budget and checks it; returns it when it is a container to open. */
function visit(walk: Walk, at: Visit): Visit | null {
  if (walk.budget-- === 0) {
    walk.found.push(problem('size', at, `holds more than ${walk.limits.maxValues} values`));
    walk.stopped = true;
    return null;
  }
  const shape = describeNonJson(at.value, walk.limits.allowUndefined === true);
  if (shape !== null) walk.found.push(problem('json', at, shape));
  return shape === null && at.value !== null && typeof at.value === 'object' ? at : null;
}

/**
 * Opens a container: refuses a cycle or one nested too deep, else visits its members and puts
 * the containers among them on the stack, to be opened in order. Primitives, the common case,
 * are counted without allocating anything.
 */
function openContainer(walk: Walk, container: Visit): void {
  const value = container.value as object;
  if (walk.open.has(value)) {
    const cycle = 'refers back to an object that contains it: JSON cannot hold a cycle';
    walk.found.push(problem('json', container, cycle));
    return;
  }
  if (container.depth === walk.limits.maxDepth) {
    walk.found.push(problem('depth', container, `is nested more than ${walk.limits.maxDepth} levels deep`));
    walk.stopped = true;
    return;
  }
  walk.open.add(value);
  container.opened = true;
  walk.stack.push(container);
  const depth = container.depth + 1;
  const inner: Visit[] = [];
  const member = (key: string, item: unknown): void => {
    if (walk.budget > 0 && isPlainPrimitive(item)) {
      walk.budget--;
      return;
    }
    const found = visit(walk, { value: item, parent: container, key, depth, opened: false });
    if (found !== null) inner.push(found);
  };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length && !walk.stopped; index++) member(String(index), value[index]);
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (walk.stopped) break;
      if (!LONE_SURROGATE.test(key)) member(key, record[key]);
      else {
        const at: Visit = { value: record[key], parent: container, key, depth, opened: false };
        walk.found.push(problem('json', at, 'the property name is not valid Unicode text'));
      }
    }
  }
  for (let index = inner.length - 1; index >= 0; index--) walk.stack.push(inner[index] as Visit);
}

/** A primitive that is JSON as it is. */
function isPlainPrimitive(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && !LONE_SURROGATE.test(value);
}

/** Why a value is not JSON at all (not how deep or large it is), or null when it is. */
function describeNonJson(value: unknown, allowUndefined: boolean): string | null {
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? null : `must be a finite number, found ${value}`;
  if (typeof value === 'string')
    return LONE_SURROGATE.test(value) ? 'contains a lone surrogate: not valid Unicode text' : null;
  if (value === undefined)
    return allowUndefined ? null : 'must be a JSON value, found undefined (JSON has no undefined: use null)';
  if (typeof value !== 'object') return `must be a JSON value, found ${typeof value}`;
  if (Array.isArray(value)) return null;
  const prototype: unknown = Object.getPrototypeOf(value);
  // A plain object's prototype is Object.prototype of some realm (whose own prototype is null),
  // or null; comparing with this realm's Object.prototype would refuse JSON parsed elsewhere.
  if (prototype === null || Object.getPrototypeOf(prototype) === null) return null;
  const name = (value.constructor as { name?: unknown } | undefined)?.name;
  return `must be a plain JSON object, found ${typeof name === 'string' ? name : 'another kind'}`;
}

function problem(kind: JsonProblemKind, visit: Visit, message: string): JsonProblem {
  return { kind, path: pathOf(visit), message };
}

/** The JSON pointer of a visited value, built from its way back to the root. */
function pathOf(visit: Visit): string {
  const segments: string[] = [];
  for (let at: Visit | null = visit; at !== null && at.parent !== null; at = at.parent) {
    segments.push(pointerSegment(at.key));
  }
  return segments.length === 0 ? '' : `/${segments.reverse().join('/')}`;
}
