import fc from 'fast-check';
import { fuzzRuns } from '../testing/fuzz-runs';
import { canonicalJson } from './canonical-json';

/** The canonical form by its definition, written recursively (the inputs here are shallow). */
function byDefinition(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(byDefinition).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${byDefinition(record[key])}`);
  return `{${members.join(',')}}`;
}

describe('canonicalJson on random JSON', () => {
  it('writes every JSON value as its definition says: keys sorted by code unit, JSON.stringify spellings', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(canonicalJson(value)).toBe(byDefinition(value));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('reads its own output back as the same value, with prototype names among the keys', () => {
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
      fc.string(),
    );
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }).map((entries) => JSON.parse(JSON.stringify(entries))),
      ),
    })).node;
    fc.assert(
      fc.property(value, (input) => {
        // As JSON reads it: -0 is written as 0 by every JSON writer (fast-check generates -0).
        expect(JSON.parse(canonicalJson(input))).toEqual(JSON.parse(JSON.stringify(input)));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
