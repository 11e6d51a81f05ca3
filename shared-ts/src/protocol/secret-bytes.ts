import { decodeBase64Url } from './base64url';
import { SECRET_BYTES } from './wire-format';

/** The 32 bytes of a base64url secret, or null when the text is not one. Internal to the protocol. */
export function secretBytes(secret: string): Uint8Array<ArrayBuffer> | null {
  const bytes = decodeBase64Url(secret);
  return bytes && bytes.length === SECRET_BYTES ? bytes : null;
}
