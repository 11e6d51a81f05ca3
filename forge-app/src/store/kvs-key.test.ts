import { keyPart, kvsKey, MAX_KEY_PART } from './kvs-key';

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

describe('kvsKey', () => {
  it('escapes every character outside [A-Za-z0-9._-], so parts never collide', () => {
    expect(kvsKey('l', 'conn-1', 'Case', '500A')).toBe('l:conn-1:Case:500A');
    expect(keyPart('a:b')).toBe('a#3ab');
    expect(keyPart('a#3ab')).toBe('a#233ab');
    expect(keyPart('10000/a b')).toBe('10000#2fa#20b');
    expect(keyPart('Ä')).toBe('#c3#84');
    expect(keyPart('')).toBe('#');
  });

  it('hashes a long part, so any id makes a valid key of bounded length', () => {
    const long = kvsKey('q', 'outbox', 'x'.repeat(5_000));
    expect(long.length).toBeLessThan(100);
    expect(keyPart('y'.repeat(MAX_KEY_PART))).toBe('y'.repeat(MAX_KEY_PART));
    expect(keyPart('y'.repeat(MAX_KEY_PART + 1))).toMatch(/^#h[0-9a-f]{64}$/);
    for (const id of ['漢字/?#..', ' ', 'a\u0000b', '\ud800', 'x'.repeat(1_000)]) {
      const key = kvsKey('l', 'conn', 'Case', id);
      expect(key).toMatch(KEY_PATTERN);
      expect(key.length).toBeLessThanOrEqual(500);
    }
  });
});
