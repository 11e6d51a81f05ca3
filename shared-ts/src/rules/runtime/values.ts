/**
 * Rule values and what they mean: the JSON values (null, true/false, numbers, text, lists,
 * objects), truthiness, equality, conversion to text, and reading fields. Both
 * interpreters use these functions, so both agree by construction.
 */
import { isMethodName } from './catalog';
import { RuleFailure } from './errors';

/** A value a rule script handles: JSON data, nothing else. */
export type Value = null | boolean | number | string | Value[] | ValueObject;
/** An object value: own enumerable keys only. */
export interface ValueObject {
  [key: string]: Value;
}

/** Marks an optional chain that met null (`a?.b.c` with `a` null); never escapes its chain. */
export const SHORT: ValueObject = Object.freeze(Object.create(null) as ValueObject);

/**
 * Deepest value `==`, an assignment's copy and the output size measure walk into; deeper is
 * `too-deep` (a loop can nest lists without bound, and these walks recurse).
 */
export const MAX_VALUE_DEPTH = 1000;

/** The error for a value nested deeper than `MAX_VALUE_DEPTH`. */
export function valueTooDeep(): RuleFailure {
  return new RuleFailure(
    'too-deep',
    `A value is nested more than ${MAX_VALUE_DEPTH} levels deep; build flatter lists and objects.`,
  );
}

/** Keys that would reach the host's object machinery; refused for reading and writing. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for an object value (not a list, not null). */
export function isObject(value: Value): value is ValueObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value is named in messages: `null`, `text`, `a number`, `true/false`, `a list`, `an object`. */
export function describe(value: Value): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    default:
      return Array.isArray(value) ? 'a list' : 'an object';
  }
}

/** JavaScript truthiness: false, null, 0 and "" are false; everything else, even [] and {}, is true. */
export function truthy(value: Value): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
    case 'string':
      return value.length > 0;
    default:
      return true;
  }
}

/**
 * `==` / `===`: no conversions; lists and objects are equal when their contents are
 * (same length and elements; same keys and values, in any key order).
 * `budget` bounds the lists and objects visited, so equality of huge shared structures stops.
 */
export function equals(left: Value, right: Value, budget: { remaining: number }, depth = 0): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (--budget.remaining < 0) {
    throw new RuleFailure('output-limit', 'The values are too large to compare.');
  }
  if (depth >= MAX_VALUE_DEPTH) throw valueTooDeep();
  const leftIsList = Array.isArray(left);
  if (leftIsList !== Array.isArray(right)) return false;
  if (leftIsList) {
    const other = right as Value[];
    if (left.length !== other.length) return false;
    for (let i = 0; i < left.length; i++) {
      if (!equals(orNull(left[i]), orNull(other[i]), budget, depth + 1)) return false;
    }
    return true;
  }
  const a = left as ValueObject;
  const b = right as ValueObject;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!equals(orNull(a[key]), orNull(b[key]), budget, depth + 1)) return false;
  }
  return true;
}

/** `undefined` (from a host's data) reads as null. */
export function orNull(value: Value | undefined): Value {
  return value === undefined ? null : value;
}

/** Text of a number exactly as JavaScript's `String(n)` (shortest round-trip; `1` not `1.0`). */
export function formatNumber(value: number): string {
  return String(value);
}

/**
 * `String(x)`, template literals and `+` with text: null -> "null", booleans -> "true"/"false",
 * numbers as `formatNumber`. Lists and objects have no text form (an error says what to do).
 */
export function toText(value: Value): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      throw new RuleFailure(
        'type-error',
        Array.isArray(value)
          ? 'A list has no text form; use join(list, ", ") or pick an element.'
          : 'An object has no text form; pick one of its fields, e.g. `status.name`.',
      );
  }
}

/** The key an object is indexed by: text as is, a number as its text; anything else is an error. */
export function objectKey(key: Value): string {
  let text: string;
  if (typeof key === 'string') text = key;
  else if (typeof key === 'number') text = formatNumber(key);
  else throw new RuleFailure('type-error', `A field name must be text or a number, not ${describe(key)}.`);
  if (FORBIDDEN_KEYS.has(text)) throw forbiddenKey(text);
  return text;
}

/** The error for `__proto__`, `constructor` and `prototype`. */
export function forbiddenKey(key: string): RuleFailure {
  return new RuleFailure(
    'forbidden-key',
    `The field name \`${key}\` is reserved and can't be read or written.`,
  );
}

/** An own field of an object, or null; never anything inherited. */
export function ownField(object: ValueObject, key: string): Value {
  const value = object[key];
  // Own values come from JSON data; a function here can only be inherited from the host.
  return value === undefined || typeof value === 'function' ? null : value;
}

/** `x.name` once `x` is known not to be null: fields of objects, `length` of text and lists. */
export function readField(object: Value, name: string): Value {
  if (typeof object === 'object' && object !== null) {
    if (!Array.isArray(object)) return ownField(object, name);
    if (name === 'length') return object.length;
    throw new RuleFailure(
      'type-error',
      isMethodName(name)
        ? `\`${name}\` is a method; call it: \`list.${name}(...)\`.`
        : `A list has no field \`${name}\`; use list[index] or a list method.`,
    );
  }
  if (typeof object === 'string') {
    if (name === 'length') return object.length;
    throw new RuleFailure(
      'type-error',
      isMethodName(name)
        ? `\`${name}\` is a method; call it: \`text.${name}(...)\`.`
        : `Text has no field \`${name}\`.`,
    );
  }
  throw new RuleFailure('type-error', `Can't read \`${name}\` of ${describe(object)}.`);
}

/** `x[key]` once `x` is known not to be null: list elements, text code units, object fields. */
export function readIndex(object: Value, key: Value): Value {
  if (Array.isArray(object)) {
    if (typeof key !== 'number') {
      throw new RuleFailure('type-error', `A list is indexed by a number, not ${describe(key)}.`);
    }
    return Number.isInteger(key) && key >= 0 && key < object.length ? orNull(object[key]) : null;
  }
  if (typeof object === 'object' && object !== null) return ownField(object, objectKey(key));
  if (typeof object === 'string') {
    if (typeof key !== 'number') {
      throw new RuleFailure('type-error', `Text is indexed by a number, not ${describe(key)}.`);
    }
    return Number.isInteger(key) && key >= 0 && key < object.length ? object.charAt(key) : null;
  }
  throw new RuleFailure('type-error', `Can't index ${describe(object)}.`);
}

/** The error for reading a field of null without `?.`. */
export function nullRead(name: string): RuleFailure {
  return new RuleFailure(
    'null-access',
    `Can't read \`${name}\` of null; use \`?.\` where the value may be empty.`,
  );
}

/**
 * The copy an assignment into the writable variable stores: objects are copied along
 * object fields (lists are never modified in place, so they are shared). Stops with an
 * output-limit error once more than `budget` values were copied.
 */
export function copyForStore(value: Value, budget: { remaining: number }): Value {
  return isObject(value) ? copyObject(value, budget, 0) : value;
}

/** `copyForStore` of an object: a copy of it, its object fields copied too. */
function copyObject(value: ValueObject, budget: { remaining: number }, depth: number): ValueObject {
  if (--budget.remaining < 0) throw new RuleFailure('output-limit', 'The value is too large to store.');
  if (depth >= MAX_VALUE_DEPTH) throw valueTooDeep();
  const copy: ValueObject = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw forbiddenKey(key);
    const item = value[key];
    copy[key] = item === undefined ? null : isObject(item) ? copyObject(item, budget, depth + 1) : item;
  }
  return copy;
}

/**
 * The size of a value as JSON text without escapes (strings count their UTF-16 code units
 * plus 2 quotes), compared with `max`: returns the size, or -1 as soon as it exceeds `max`.
 */
export function outputSize(value: Value, max: number): number {
  const size = addSize(value, 0, max, 0);
  return size > max ? -1 : size;
}

/** `size` plus the size of `value`; stops adding once past `max`, and past `MAX_VALUE_DEPTH` with `too-deep`. */
function addSize(value: Value, size: number, max: number, depth: number): number {
  if (value === null || value === undefined) return size + 4;
  switch (typeof value) {
    case 'string':
      return size + value.length + 2;
    case 'number':
      return size + numberLength(value);
    case 'boolean':
      return size + (value ? 4 : 5);
  }
  if (depth >= MAX_VALUE_DEPTH) throw valueTooDeep();
  // Text, the most common leaf, is added here rather than in a call of its own.
  if (Array.isArray(value)) {
    size += value.length === 0 ? 2 : value.length + 1;
    for (let i = 0; i < value.length && size <= max; i++) {
      const item = value[i] as Value;
      size = typeof item === 'string' ? size + item.length + 2 : addSize(item, size, max, depth + 1);
    }
    return size;
  }
  let keys = 0;
  for (const key in value) {
    keys++;
    size += key.length + 3;
    if (size > max) return size;
    const item = value[key] as Value;
    size = typeof item === 'string' ? size + item.length + 2 : addSize(item, size, max, depth + 1);
  }
  return size + (keys === 0 ? 2 : keys + 1);
}

function numberLength(value: number): number {
  if (Number.isSafeInteger(value)) {
    let digits = value < 0 ? 2 : 1;
    for (let n = Math.abs(value); n >= 10; n = Math.floor(n / 10)) digits++;
    return digits;
  }
  return formatNumber(value).length;
}

/**
 * `{ ...value }`: null adds nothing; an object adds its own fields; anything else is an error.
 * Returns how many keys it set.
 */
export function spreadInto(out: ValueObject, value: Value): number {
  if (value === null) return 0;
  if (!isObject(value)) {
    throw new RuleFailure(
      'type-error',
      `Only an object can be spread into an object, not ${describe(value)}.`,
    );
  }
  let keys = 0;
  for (const key in value) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw forbiddenKey(key);
    out[key] = orNull(value[key] as Value);
    keys++;
  }
  return keys;
}
