/**
 * The library functions called by name: lookup, join, Number, String, isEmpty,
 * html.toText, text.toHtml, date.format, date.now. Functions given null where they expect
 * text or a list return null; every other wrong type is a `type-error`.
 */
import type { Budget } from './costs';
import { formatInstant, parseInstant } from './dates';
import { RuleFailure } from './errors';
import type { LibraryFunctionName } from './ir';
import { htmlToText, textToHtml } from '../../replica/rich-text/plain-text';
import { describe, formatNumber, isObject, orNull, toText, type Value } from './values';

/** What library code may read of the run: its limits, its budget and the run's clock. */
export interface LibraryContext extends Budget {
  /** The instant `date.now()` returns (ISO text); read once per run. */
  now(): string;
}

/** Calls a library function with its (already evaluated) arguments; `argc` is how many were given. */
export function callFunction(
  fn: LibraryFunctionName,
  argc: number,
  a: Value,
  b: Value,
  c: Value,
  context: LibraryContext,
): Value {
  switch (fn) {
    case 'lookup':
      return lookup(a, b, argc > 2 ? c : null);
    case 'join':
      return a === null ? null : joinList(a, argc > 1 ? b : ',', context, 'join');
    case 'Number':
      if (typeof a === 'string') context.read(a.length);
      return toNumber(a);
    case 'String':
      return builtText(toText(a), context);
    case 'isEmpty':
      return isEmpty(a);
    case 'html.toText': {
      if (a === null) return null;
      const html = textArgument(a, 'html.toText');
      context.read(html.length);
      return checkText(htmlToText(html), context);
    }
    case 'text.toHtml': {
      if (a === null) return null;
      const text = textArgument(a, 'text.toHtml');
      context.read(text.length);
      return checkText(textToHtml(text), context);
    }
    case 'date.format': {
      const pattern = textArgument(b, 'date.format (pattern)');
      formatInstant(0, pattern);
      return a === null ? null : formatInstant(parseInstant(a), pattern);
    }
    case 'date.now':
      return context.now();
  }
}

/** `lookup(value, table, fallback)`: the table's own entry for the value's text, else the fallback. */
function lookup(value: Value, table: Value, fallback: Value): Value {
  if (!isObject(table)) {
    throw new RuleFailure(
      'type-error',
      `lookup needs an object as its table, such as { High: "P1" }, not ${describe(table)}.`,
    );
  }
  if (value === null) return fallback;
  let key: string;
  if (typeof value === 'string') key = value;
  else if (typeof value === 'number') key = formatNumber(value);
  else if (typeof value === 'boolean') key = value ? 'true' : 'false';
  else throw new RuleFailure('type-error', `lookup can't look up ${describe(value)}; pass text or a number.`);
  return Object.prototype.hasOwnProperty.call(table, key) ? orNull(table[key]) : fallback;
}

/**
 * `join(list, separator)` and `list.join(separator)`: elements as text (null as ""),
 * separated by `separator` (default ","). Lists and objects inside are an error.
 */
export function joinList(list: Value, separator: Value, context: LibraryContext, name: string): string {
  if (!Array.isArray(list)) {
    throw new RuleFailure('type-error', `${name} needs a list, not ${describe(list)}.`);
  }
  checkListLength(list, context);
  const sep = textArgument(separator, `${name} (separator)`);
  context.read(list.length);
  let out = '';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += sep;
    const item = orNull(list[i]);
    if (item !== null) out += toText(item);
    if (out.length > context.maxOutputSize) throw textTooLong(context);
  }
  context.built(out.length);
  return out;
}

/**
 * `Number(x)`: numbers as they are, true/false as 1/0, null as null, text that is a
 * decimal number (optional sign, digits with an optional fraction, optional exponent,
 * surrounded by white space) as that number, any other text as null.
 */
function toNumber(value: Value): Value {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') {
    throw new RuleFailure('type-error', `Number can't convert ${describe(value)}.`);
  }
  const trimmed = value.trim();
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(trimmed)) return null;
  const parsed = Number(trimmed);
  if (!Number.isFinite(parsed)) return null;
  return parsed === 0 ? 0 : parsed;
}

/** `isEmpty(x)`: true for null, "", [] and {}; false for everything else (0 and false too). */
function isEmpty(value: Value): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return value.length === 0;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** The argument as text, or a type error naming the function. */
export function textArgument(value: Value, name: string): string {
  if (typeof value !== 'string')
    throw new RuleFailure('type-error', `${name} needs text, not ${describe(value)}.`);
  return value;
}

/** Stops a list operation on a list longer than the limit. */
export function checkListLength(list: Value[], context: { maxListLength: number }): void {
  if (list.length > context.maxListLength) throw listTooLong(list.length, context.maxListLength);
}

/** The list-limit error. */
export function listTooLong(length: number, max: number): RuleFailure {
  return new RuleFailure('list-limit', `A list of ${length} elements is longer than the limit of ${max}.`);
}

/** Stops on text longer than the output limit; charges the text as built (costs.ts). */
export function checkText(text: string, context: Budget): string {
  if (text.length > context.maxOutputSize) throw textTooLong(context);
  context.built(text.length);
  return text;
}

/** Charges text that cannot be longer than the limit (it is no longer than an existing value) as built. */
export function builtText(text: string, context: Budget): string {
  context.built(text.length);
  return text;
}

/** Stops a list built longer than the limit; charges its elements as built. */
export function builtList(list: Value[], context: Budget): Value[] {
  checkListLength(list, context);
  context.built(list.length);
  return list;
}

/** The output-limit error for text. */
export function textTooLong(context: { maxOutputSize: number }): RuleFailure {
  return new RuleFailure(
    'output-limit',
    `This text would be longer than the limit of ${context.maxOutputSize} characters.`,
  );
}
