import { byPath, comparePaths, pathKey } from './path-key';

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

describe('comparePaths', () => {
  it('orders segment by segment in UTF-16 code unit order, a prefix first', () => {
    const paths = [
      ['b'],
      ['a', 'z'],
      ['custom', 'é'],
      ['a'],
      ['custom', 'Z'],
      ['Z'],
      ['custom', '😀'],
      ['custom', '\uffff'],
    ];
    expect([...paths].sort(comparePaths)).toEqual([
      ['Z'],
      ['a'],
      ['a', 'z'],
      ['b'],
      ['custom', 'Z'],
      ['custom', 'é'],
      ['custom', '😀'],
      ['custom', '\uffff'],
    ]);
  });

  it('sorts items by path without changing the input (byPath)', () => {
    const items = [{ path: ['Subject'] }, { path: ['Status'] }];
    expect(byPath(items)).toEqual([{ path: ['Status'] }, { path: ['Subject'] }]);
    expect(items[0]).toEqual({ path: ['Subject'] });
  });
});
