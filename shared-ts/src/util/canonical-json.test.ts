import { canonicalJson } from './canonical-json';
import { sha256Hex } from './digest';

/** `[[[...[0]...]]]`, `depth` arrays deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth so key order never changes the bytes', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code unit, as RFC 8785 says, not by code point or locale', () => {
    expect(canonicalJson({ '\u{1F600}': 1, '\uFB01': 2, é: 3, Z: 4, a: 5 })).toBe(
      '{"Z":4,"a":5,"é":3,"\u{1F600}":1,"ﬁ":2}',
    );
  });

  it('sorts names that look like array indexes by code unit too, though objects list them first', () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, '': 4 })).toBe('{"":4,"10":2,"9":3,"b":1}');
  });

  it('drops undefined members the way JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('writes what JSON cannot hold as JSON.stringify does: null in arrays, absent from objects', () => {
    expect(canonicalJson([undefined, () => 1, Number.NaN, Infinity, 1n])).toBe('[null,null,null,null,null]');
    expect(canonicalJson({ f: () => 1, s: Symbol('s'), n: -0, e: 1e21 })).toBe('{"e":1e+21,"n":0}');
  });

  it('writes a member named __proto__ that JSON.parse made, so such a custom field is hashed and synced', () => {
    const parsed: unknown = JSON.parse('{"b":1,"__proto__":{"x":[1]}}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":[1]},"b":1}');
  });

  it('writes a value nested 100,000 levels deep without overflowing the stack', () => {
    const text = canonicalJson(nested(100_000));
    expect(text.length).toBe(200_001);
    expect(text.startsWith('[[[') && text.endsWith(']]]')).toBe(true);
  });

  it('writes a value that refers back to an object containing it as null instead of looping', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    cyclic.list = [cyclic];
    expect(canonicalJson(cyclic)).toBe('{"a":1,"list":[null],"self":null}');
  });

  it('writes an object shared in two places twice, as JSON does', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});

describe('sha256Hex', () => {
  it('hashes UTF-8 text to the published SHA-256 test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
