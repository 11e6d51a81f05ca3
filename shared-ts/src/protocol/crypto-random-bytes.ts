import type { RandomBytes } from './ports';

/** Cryptographically random bytes from WebCrypto (`crypto.getRandomValues`). */
export const cryptoRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));
