/**
 * Test support: fast-check generators of JSON an attacker or a broken node could send in place of
 * a replica: random values, deep nesting, wide objects and lists, names like `__proto__`, and the
 * example replica with any part replaced by any of those.
 */
import fc from 'fast-check';
import type { JsonValue } from '../types';
import { exampleReplica } from './example-replica';

/** Names that mean something to JavaScript objects, which input must never reach. */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

const name = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 8 }));

/** Objects read the way JSON.parse reads them: `__proto__` is an ordinary member. */
function parsedObject(entries: [string, JsonValue][]): JsonValue {
  const record: Record<string, JsonValue> = Object.create(null) as Record<string, JsonValue>;
  for (const [key, value] of entries) record[key] = value;
  return JSON.parse(JSON.stringify(record)) as JsonValue;
}

/** Any JSON value, up to a few levels deep, prototype names among the keys. */
export const anyJson: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 0 }) as fc.Arbitrary<JsonValue>,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(name, tie('value')), { maxLength: 5 }).map(parsedObject),
  ),
})).value;

/** A value nested `depth` levels (objects or arrays), up to far beyond any limit, built without recursion. */
export const deepJson: fc.Arbitrary<JsonValue> = fc
  .tuple(fc.integer({ min: 1, max: 8000 }), fc.boolean(), anyJson)
  .map(([depth, arrays, leaf]) => {
    let value: JsonValue = leaf;
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });

/** A list or object of up to a few thousand members. */
export const wideJson: fc.Arbitrary<JsonValue> = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.boolean(), anyJson)
  .map(([width, array, item]) =>
    array
      ? Array.from({ length: width }, () => item)
      : parsedObject(Array.from({ length: width }, (_, i) => [`k${i}`, item])),
  );

/** Any of the above. */
export const hostileJson: fc.Arbitrary<JsonValue> = fc.oneof(anyJson, deepJson, wideJson);

/** The example replica with the value at one path (existing or new) replaced by hostile JSON. */
export const damagedReplica: fc.Arbitrary<JsonValue> = fc
  .tuple(
    fc.array(fc.oneof(name, fc.constantFrom(...Object.keys(exampleReplica)), fc.nat(3).map(String)), {
      minLength: 1,
      maxLength: 4,
    }),
    hostileJson,
  )
  .map(([path, value]) => {
    const copy = JSON.parse(JSON.stringify(exampleReplica)) as JsonValue;
    let node: JsonValue = copy;
    for (const segment of path.slice(0, -1)) {
      const next: JsonValue | undefined =
        node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, segment)
          ? (node as Record<string, JsonValue>)[segment]
          : undefined;
      if (next === undefined || next === null || typeof next !== 'object') break;
      node = next;
    }
    if (node !== null && typeof node === 'object') {
      Object.defineProperty(node, path[path.length - 1] as string, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  });

/** How many values a JSON value holds, counted without recursion. */
export function countValues(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    count++;
    if (current !== null && typeof current === 'object') stack.push(...Object.values(current));
  }
  return count;
}
