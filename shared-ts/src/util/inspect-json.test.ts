import { inspectJson, type JsonLimits } from './inspect-json';

const LIMITS: JsonLimits = { maxDepth: 4, maxValues: 100 };

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('inspectJson', () => {
  it('finds nothing wrong with plain JSON within the limits', () => {
    expect(inspectJson({ a: [1, 'two', null, true, { b: {} }] }, LIMITS)).toEqual([]);
  });

  it('counts levels of nesting: a container at the limit is one level too many', () => {
    expect(inspectJson(nested(4), LIMITS)).toEqual([]);
    expect(inspectJson(nested(5), LIMITS)).toEqual([
      { kind: 'depth', path: '/a/a/a/a', message: 'is nested more than 4 levels deep' },
    ]);
  });

  it('stops at the first value nested too deep, without looking further, at any depth', () => {
    const problems = inspectJson(nested(200_000), { maxDepth: 256, maxValues: 1_000_000 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'depth', path: '/a'.repeat(256) });
  });

  it('stops when the budget of values is spent, counting an object shared in many places each time', () => {
    let shared: unknown = 0;
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    expect(inspectJson(shared, { maxDepth: 100, maxValues: 1000 })).toEqual([
      expect.objectContaining({ kind: 'size', message: 'holds more than 1000 values' }),
    ]);
  });

  it.each<[string, unknown, string]>([
    ['undefined', undefined, 'must be a JSON value, found undefined (JSON has no undefined: use null)'],
    ['NaN', Number.NaN, 'must be a finite number, found NaN'],
    ['a Date', new Date(0), 'must be a plain JSON object, found Date'],
    ['a function', () => 1, 'must be a JSON value, found function'],
    ['a bigint', 1n, 'must be a JSON value, found bigint'],
    ['a lone surrogate', 'a\ud800', 'contains a lone surrogate: not valid Unicode text'],
  ])('reports %s by its JSON pointer', (_what, value, message) => {
    expect(inspectJson({ 'a/b': [value] }, LIMITS)).toEqual([{ kind: 'json', path: '/a~1b/0', message }]);
  });

  it('accepts undefined when asked to, as JSON drops it', () => {
    expect(inspectJson({ a: undefined, b: [undefined] }, { ...LIMITS, allowUndefined: true })).toEqual([]);
  });

  it('reports a property name that is not valid Unicode', () => {
    expect(inspectJson({ ['\udc00']: 1 }, LIMITS)).toEqual([
      { kind: 'json', path: '/\udc00', message: 'the property name is not valid Unicode text' },
    ]);
  });

  it('reports a cycle once and goes on with the rest', () => {
    const cyclic: Record<string, unknown> = { first: 1 };
    cyclic.self = cyclic;
    cyclic.last = NaN;
    expect(
      inspectJson(cyclic, LIMITS)
        .map((problem) => problem.path)
        .sort(),
    ).toEqual(['/last', '/self']);
  });

  it('reads a member named __proto__ that JSON.parse made as an ordinary member', () => {
    const value = JSON.parse('{"__proto__": [1, {"deeper": {"still": {"too": {"deep": 1}}}}]}') as unknown;
    expect(inspectJson(value, LIMITS)).toEqual([
      expect.objectContaining({ path: '/__proto__/1/deeper/still' }),
    ]);
  });
});
