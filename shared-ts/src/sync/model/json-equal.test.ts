import { jsonEqual } from './json-equal';

describe('jsonEqual', () => {
  it('treats equal primitives as equal and different ones as different', () => {
    expect(jsonEqual('a', 'a')).toBe(true);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual(true, false)).toBe(false);
  });

  it('treats undefined and null as the same absent value', () => {
    expect(jsonEqual(undefined, null)).toBe(true);
    expect(jsonEqual(null, 0)).toBe(false);
    expect(jsonEqual('', null)).toBe(false);
  });

  it('ignores object key order and undefined members', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
  });

  it('tells objects with a different member apart', () => {
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
  });

  it('compares arrays element by element in order', () => {
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(jsonEqual([{ id: 'x' }], [{ id: 'x' }])).toBe(true);
  });

  it('never equates an array with an object', () => {
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
  });
});
