import { LINEAR_RATIO_LIMIT, linearGrowth } from '../testing/linear-time';
import { canonicalJson } from './canonical-json';
import { WIRE_GROWTH } from './testing/linear-growth-async';

/** `{"a": {"a": ... 0 }}`, `depth` objects deep. */
function chain(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/**
 * Values of about `bytes` bytes of JSON, one per way JSON grows. Names are not in order, so the
 * sort does real work; deep values are far deeper than a replica may be, since canonical JSON
 * also writes what the rules build before anything checks it.
 */
const FAMILIES: Record<string, (bytes: number) => unknown> = {
  'a wide object, its names out of order': (bytes) =>
    Object.fromEntries(
      Array.from({ length: bytes / 20 }, (_, i) => [`field ${(i * 7919) % (bytes / 20)}`, i]),
    ),
  'a long array': (bytes) => Array.from({ length: bytes / 8 }, (_, i) => [i, null]),
  'one deep chain': (bytes) => chain(bytes / 6),
  'long strings that need escaping': (bytes) =>
    Array.from(
      { length: Math.max(1, Math.round(bytes / 8192)) },
      (_, i) => `${i} ${'café «quoted» \\ "text"\n\t'.repeat(300)}`,
    ),
};

describe('canonicalJson takes time linear in the value', () => {
  it.each(Object.keys(FAMILIES))('with %s', (family) => {
    const make = FAMILIES[family] as (bytes: number) => unknown;
    const growth = linearGrowth(make, (value) => canonicalJson(value), WIRE_GROWTH);
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
