import { pathKey } from './path-key';

describe('pathKey', () => {
  it('gives different keys to paths whose joined text would collide', () => {
    expect(pathKey(['a.b'])).not.toBe(pathKey(['a', 'b']));
    expect(pathKey(['["a","b"]'])).not.toBe(pathKey(['a', 'b']));
    expect(pathKey([])).not.toBe(pathKey(['']));
  });

  it('gives equal paths equal keys', () => {
    expect(pathKey(['a', 'b'])).toBe(pathKey(['a', 'b']));
    expect(pathKey(['Subject'])).toBe(pathKey(['Subject']));
  });
});
