import {
  base64UrlDecodedLength,
  decodeBase64Url,
  decodeBase64UrlInto,
  encodeBase64Url,
  findNonBase64UrlChar,
} from './base64url';

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

describe('encodeBase64Url and decodeBase64Url on large inputs', () => {
  it('agree with Node Buffer base64url on 100,003 bytes of every value', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 131 + (i >> 8)) & 0xff);
    const text = Buffer.from(bytes).toString('base64url');
    expect(encodeBase64Url(bytes)).toBe(text);
    expect(decodeBase64Url(text)).toEqual(bytes);
  });

  it('refuses a non-ASCII character anywhere, also in the last group', () => {
    expect(decodeBase64Url('Zm9vYmFy\u00e9A')).toBeNull();
    expect(decodeBase64Url('Zm9v\u{1F600}')).toBeNull();
  });
});

describe('decodeBase64UrlInto', () => {
  it('writes the bytes at the offset and leaves the rest of the target alone', () => {
    const target = new Uint8Array(8).fill(9);
    expect(decodeBase64UrlInto('Zm9vYg', target, 2)).toBe(true);
    expect([...target]).toEqual([9, 9, 0x66, 0x6f, 0x6f, 0x62, 9, 9]);
  });

  it('refuses text that does not fit the target, a bad length or a bad character', () => {
    expect(decodeBase64UrlInto('Zm9vYg', new Uint8Array(3), 0)).toBe(false);
    expect(decodeBase64UrlInto('Zm9vY', new Uint8Array(8), 0)).toBe(false);
    expect(decodeBase64UrlInto('Zm9v+g', new Uint8Array(8), 0)).toBe(false);
    expect(decodeBase64UrlInto('Zg', new Uint8Array(8), -1)).toBe(false);
  });

  it('says how many bytes a text length holds, -1 for 4n + 1', () => {
    expect([0, 2, 3, 4, 5, 6].map(base64UrlDecodedLength)).toEqual([0, 1, 2, 3, -1, 4]);
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
