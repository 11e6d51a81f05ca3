/**
 * The hashing port of attachment transfers: SHA-256 of bytes, asynchronous so a platform's
 * native digest can do the work. Node 20, browsers and the Forge runtime have WebCrypto
 * (`crypto.subtle.digest`), about a hundred times faster than hashing in JavaScript; where it is
 * absent the pure-JS `sha256HexOfBytes` answers. Apex does not run this code: its port of the
 * transfer hashes with `Crypto.generateDigest('SHA-256', blob)`.
 */
import { toHex } from '../../util/digest';
import { sha256HexOfBytes } from '../../util/sha256';

/** SHA-256 of some bytes as 64 lowercase hex digits. Must not throw: a failing native digest falls back. */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

/** The pure-JS SHA-256 behind the port's interface: for runtimes without WebCrypto, and for tests. */
export const pureSha256: Sha256 = (bytes) => Promise.resolve(sha256HexOfBytes(bytes));

interface SubtleDigest {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * The SHA-256 this runtime does best: WebCrypto's `crypto.subtle.digest` when the global
 * `crypto` has it, else `pureSha256`. A digest that rejects is answered by `pureSha256`, so the
 * port never fails.
 */
export function defaultSha256(): Sha256 {
  const subtle = (globalThis as { crypto?: { subtle?: Partial<SubtleDigest> } }).crypto?.subtle;
  if (typeof subtle?.digest !== 'function') return pureSha256;
  const native = subtle as SubtleDigest;
  return async (bytes) => {
    try {
      return toHex(new Uint8Array(await native.digest('SHA-256', bytes)));
    } catch {
      return sha256HexOfBytes(bytes);
    }
  };
}
