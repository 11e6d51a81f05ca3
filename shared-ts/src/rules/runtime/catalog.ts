/**
 * What the standard library offers, by name: functions, namespaces and methods with their
 * argument counts, plus the advice given when a script reaches for something we don't offer.
 * The checker and the compiler read this; library.ts and methods.ts implement it.
 */
import type { CallbackMethodName, LibraryFunctionName, MethodName } from './ir';

/**
 * A lookup table without a prototype: script names index these tables, and a name such as
 * `valueOf` or `constructor` must find nothing rather than a member of Object.prototype.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** Arity of a function or method: [fewest, most] arguments. */
export type Arity = readonly [min: number, max: number];

/** Global functions (`lookup(...)`) and namespace functions (`html.toText(...)`). */
export const FUNCTIONS = table<Arity>({
  lookup: [2, 3],
  join: [1, 2],
  Number: [1, 1],
  String: [1, 1],
  isEmpty: [1, 1],
  'html.toText': [1, 1],
  'text.toHtml': [1, 1],
  'date.format': [2, 2],
  'date.now': [0, 0],
}) as Readonly<Record<LibraryFunctionName, Arity>>;

/** Library names that are called directly. */
export const GLOBAL_FUNCTIONS: ReadonlySet<string> = new Set([
  'lookup',
  'join',
  'Number',
  'String',
  'isEmpty',
]);

/** Namespaces and their functions. */
export const NAMESPACES: Readonly<Record<string, readonly string[]>> = table<readonly string[]>({
  html: ['toText'],
  text: ['toHtml'],
  date: ['format', 'now'],
});

/** Methods, what they are called on, and their arity. */
type MethodEntry = { on: 'text' | 'list' | 'text or list'; arity: Arity };
export const METHODS = table<MethodEntry>({
  trim: { on: 'text', arity: [0, 0] },
  toLowerCase: { on: 'text', arity: [0, 0] },
  toUpperCase: { on: 'text', arity: [0, 0] },
  startsWith: { on: 'text', arity: [1, 1] },
  endsWith: { on: 'text', arity: [1, 1] },
  includes: { on: 'text or list', arity: [1, 1] },
  replace: { on: 'text', arity: [2, 2] },
  replaceAll: { on: 'text', arity: [2, 2] },
  split: { on: 'text', arity: [1, 1] },
  slice: { on: 'text or list', arity: [1, 2] },
  padStart: { on: 'text', arity: [1, 2] },
  join: { on: 'list', arity: [0, 1] },
  filter: { on: 'list', arity: [1, 1] },
  map: { on: 'list', arity: [1, 1] },
  some: { on: 'list', arity: [1, 1] },
  every: { on: 'list', arity: [1, 1] },
  find: { on: 'list', arity: [1, 1] },
}) as Readonly<Record<MethodName, MethodEntry>>;

/** The list helpers whose argument is an arrow function. */
export const CALLBACK_METHODS: ReadonlySet<string> = new Set<CallbackMethodName>([
  'filter',
  'map',
  'some',
  'every',
  'find',
]);

/** True when `name` is a method of the library. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(METHODS, name);
}

/** What to use instead of a JavaScript method we don't offer. */
export const METHOD_ADVICE: Readonly<Record<string, string>> = table<string>({
  push: 'lists cannot be changed in place; build a new one: `[...list, item]`',
  pop: 'lists cannot be changed in place; use `list.slice(0, -1)`',
  shift: 'lists cannot be changed in place; use `list.slice(1)`',
  unshift: 'lists cannot be changed in place; build a new one: `[item, ...list]`',
  splice: 'lists cannot be changed in place; use `slice` and spread',
  concat: 'use spread: `[...a, ...b]`',
  forEach: 'use `for (const item of list) { ... }`',
  reduce: 'use `for (const item of list)` with a `let` variable',
  sort: 'sorting is not available',
  reverse: 'reversing is not available',
  indexOf: 'use `includes` or `find`',
  findIndex: 'use `find`',
  flatMap: 'use `map`, then spread the parts',
  substring: 'use `slice(start, end)`',
  substr: 'use `slice(start, end)`',
  charAt: 'use `slice(i, i + 1)` or `text[i]`',
  trimStart: 'use `trim()`',
  trimEnd: 'use `trim()`',
  padEnd: 'use `padStart` or `+`',
  toString: 'use `String(x)`',
  toFixed: 'use `String(x)`',
  match: 'regular expressions are not available; use `includes`, `startsWith` or `endsWith`',
  test: 'regular expressions are not available; use `includes`, `startsWith` or `endsWith`',
  toISOString: 'use `date.format(value, pattern)`',
  toLocaleString: 'use `date.format(value, pattern)` or `String(x)`',
  keys: 'iterating over object keys is not available; read the fields you need by name',
  values: 'iterating over object values is not available; read the fields you need by name',
  entries: 'iterating over object entries is not available; read the fields you need by name',
});

/** What to use instead of a JavaScript global we don't offer. */
export const GLOBAL_ADVICE: Readonly<Record<string, string>> = table<string>({
  undefined: 'use `null`',
  NaN: 'numbers are never NaN here; `Number(x)` returns null for text that is not a number',
  Infinity: 'numbers are always finite here',
  Math: 'Math is not available; use arithmetic operators',
  JSON: 'JSON is not available; build objects and lists with literals',
  Date: 'use `date.now()` and `date.format(value, pattern)`',
  Object: 'use object literals and spread: `{ ...obj, key: value }`',
  Array: 'use list literals and spread: `[...list, item]`',
  Boolean: 'use `!!x` or a comparison',
  parseInt: 'use `Number(x)`',
  parseFloat: 'use `Number(x)`',
  console: 'there is no console; run the script with `tandem rules run` to see its result',
  eval: 'code cannot be evaluated at run time',
  Function:
    'functions cannot be created; arrow functions are allowed only as arguments of filter/map/some/every/find',
  globalThis: 'there are no globals; use the variables of this script',
  window: 'there are no globals; use the variables of this script',
  global: 'there are no globals; use the variables of this script',
  process: 'there are no globals; use the variables of this script',
  require: 'modules cannot be loaded',
  fetch: 'rules cannot make requests',
  setTimeout: 'rules run at once, without timers',
  Symbol: 'symbols are not available',
  Promise: 'rules run at once; there is nothing to wait for',
  RegExp: 'regular expressions are not available; use `includes`, `startsWith`, `endsWith` or `replace`',
});
