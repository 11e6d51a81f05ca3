import { cryptoRandomBytes } from './crypto-random-bytes';

describe('cryptoRandomBytes', () => {
  it('gives as many bytes as asked, different each time', () => {
    const first = cryptoRandomBytes(32);
    expect(first).toHaveLength(32);
    expect(cryptoRandomBytes(32)).not.toEqual(first);
  });
});
