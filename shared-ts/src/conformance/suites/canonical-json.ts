/**
 * Vectors of canonical JSON (RFC 8785 for the values Tandem sends) and the SHA-256 of its UTF-8
 * bytes: what field stamps, snapshot digests and the replica content hash are computed from.
 */
import type { JsonValue } from '../../replica';
import { canonicalJson } from '../../util/canonical-json';
import { sha256HexSync } from '../../util/sha256';
import type { VectorSuite } from '../vector-suite';

/** The input of one vector: a JSON value. */
export interface CanonicalInput {
  value: JsonValue;
}

/** The canonical-json vector set: `expected` is `{ canonical, sha256 }` (lowercase hex of the UTF-8 bytes). */
export const canonicalJsonSuite: VectorSuite<CanonicalInput> = {
  folder: 'canonical-json',
  run: (i) => {
    const canonical = canonicalJson(i.value);
    return { canonical, sha256: sha256HexSync(canonical) };
  },
  cases: [
    { name: 'null', description: 'null is written null.', input: { value: null } },
    { name: 'literals', description: 'true and false as written.', input: { value: [true, false] } },
    {
      name: 'empty-containers',
      description: 'Empty objects and arrays, nested, with no white space.',
      input: { value: { a: {}, b: [], c: [{}, []] } },
    },
    {
      name: 'keys-sorted',
      description: 'Object keys are sorted, at every depth; array order is kept.',
      input: { value: { b: 1, a: { z: [3, 2, 1], y: null }, c: 'x' } },
    },
    {
      name: 'keys-that-look-like-indexes-sort-as-text',
      description:
        '"10" sorts before "9" and "1" before "10" (JavaScript would list index-like keys numerically).',
      input: { value: { '9': 'nine', '10': 'ten', '1': 'one', a: 'a' } },
    },
    {
      name: 'keys-sorted-by-utf-16-code-unit',
      description:
        'Upper case before lower case, and an emoji key (surrogates D83D...) before U+FFFF: code units, not code points.',
      input: { value: { a: 1, B: 2, '\uffff': 3, '😀': 4, é: 5, _: 6, '': 7 } },
    },
    {
      name: 'composed-and-decomposed-keys-differ',
      description: 'No Unicode normalisation: é (U+00E9) and e + U+0301 are two keys, e + U+0301 first.',
      input: { value: { '\u00e9': 'composed', 'e\u0301': 'decomposed' } },
    },
    {
      name: 'proto-key-is-an-ordinary-member',
      description: 'A member named __proto__ is written like any other.',
      input: { value: JSON.parse('{"__proto__":{"x":1},"a":2}') as JsonValue },
    },
    {
      name: 'integers',
      description: 'Integers are written without fraction or exponent, up to 2^53 - 1.',
      input: { value: [0, 1, -1, 42, 1000000, 9007199254740991, -9007199254740991] },
    },
    {
      name: 'fractions',
      description: 'Fractions are written as ECMAScript writes them: shortest round-trip digits.',
      input: { value: [0.5, -1.25, 0.1, 0.30000000000000004, 123.456, 3.141592653589793] },
    },
    {
      name: 'small-numbers-use-an-exponent',
      description: 'Below 1e-6 the exponent form: 1e-7, 1.5e-10, 5e-324; 0.000001 is still written in full.',
      input: { value: [0.000001, 1e-7, 1.5e-10, 5e-324] },
    },
    {
      name: 'string-escapes',
      description:
        'Only " and \\ and control characters are escaped; / is not; \\b \\f \\n \\r \\t have short forms.',
      input: { value: 'quote " backslash \\ slash / tab \t newline \n cr \r bs \b ff \f' },
    },
    {
      name: 'control-characters-as-u-escapes',
      description: 'Other control characters are written \\u00XX with lowercase hex.',
      input: { value: '\u0000 \u0001 \u001f \u007f' },
    },
    {
      name: 'non-ascii-written-as-is',
      description:
        'Non-ASCII characters (é, 日本, emoji, U+2028) are written as themselves, hashed as UTF-8.',
      input: { value: { text: 'Crème brûlée, 日本語, 😀, line\u2028separator' } },
    },
    {
      name: 'nesting',
      description: 'Objects in arrays in objects, keys sorted in each.',
      input: {
        value: {
          comments: [
            { id: 'c2', body: '<p>b</p>', author: { platformId: 'u2', displayName: 'Bo' } },
            { id: 'c1', body: '<p>a</p>', author: null },
          ],
          custom: { Tier: 'Gold', Count: 3, Tags: ['x', 'y'] },
        },
      },
    },
  ],
};
