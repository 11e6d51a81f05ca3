import { decodeBase64Url, encodeBase64Url, findNonBase64UrlChar } from './base64url';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('encodeBase64Url', () => {
  it('writes the RFC 4648 test vectors without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of vectors) expect(encodeBase64Url(ascii(text))).toBe(encoded);
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(encodeBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
  });
});

describe('decodeBase64Url', () => {
  it('reads back every length of bytes it writes', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n <= bytes.length; n++) {
      expect(decodeBase64Url(encodeBase64Url(bytes.subarray(0, n)))).toEqual(bytes.slice(0, n));
    }
  });

  it('refuses characters outside the url-safe alphabet, padding included', () => {
    expect(decodeBase64Url('Zm9v+g')).toBeNull();
    expect(decodeBase64Url('Zg==')).toBeNull();
  });

  it('refuses a length no encoding produces (4n + 1)', () => {
    expect(decodeBase64Url('Zm9vY')).toBeNull();
  });
});

describe('findNonBase64UrlChar', () => {
  it('points at the first character outside the alphabet', () => {
    expect(findNonBase64UrlChar('abc*def')).toBe(3);
  });

  it('says -1 when every character belongs', () => {
    expect(findNonBase64UrlChar('abc-_09')).toBe(-1);
  });
});
