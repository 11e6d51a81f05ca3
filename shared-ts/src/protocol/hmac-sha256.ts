/** HMAC-SHA256 through WebCrypto. Internal to the protocol: callers go through sign/verify. */

/** The HMAC-SHA256 of `data` under `key`. */
export async function hmacSha256(
  key: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data));
}

/**
 * Whether `mac` is the HMAC-SHA256 of `data` under `key`. WebCrypto's verify compares in constant
 * time, so the time taken says nothing about how much of a forged signature was right.
 */
export async function verifyHmacSha256(
  key: Uint8Array<ArrayBuffer>,
  mac: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  return crypto.subtle.verify('HMAC', cryptoKey, mac, data);
}
