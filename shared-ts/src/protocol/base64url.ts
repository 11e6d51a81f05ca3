/**
 * base64url (RFC 4648 section 5) without padding, over Uint8Array: no Buffer, so the same code
 * runs in Node, Forge and browsers. Encoding and decoding write into buffers allocated once at
 * their final size (no string built a character at a time), so a 90 KiB attachment chunk costs
 * one pass.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ENCODE = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
/** Value of each ASCII code in the alphabet, -1 for the others. */
const DECODE = new Int8Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) DECODE[ALPHABET.charCodeAt(index)] = index;
const ASCII = new TextDecoder();

/** The unpadded base64url text of some bytes. Linear in their length. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const length = bytes.length;
  const out = new Uint8Array(Math.ceil((length * 4) / 3));
  const whole = length - (length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const chunk = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ENCODE[chunk >> 18] as number;
    out[o++] = ENCODE[(chunk >> 12) & 63] as number;
    out[o++] = ENCODE[(chunk >> 6) & 63] as number;
    out[o++] = ENCODE[chunk & 63] as number;
  }
  if (whole < length) {
    const a = bytes[whole] as number;
    const b = whole + 1 < length ? (bytes[whole + 1] as number) : 0;
    const chunk = (a << 16) | (b << 8);
    out[o++] = ENCODE[chunk >> 18] as number;
    out[o++] = ENCODE[(chunk >> 12) & 63] as number;
    if (whole + 1 < length) out[o++] = ENCODE[(chunk >> 6) & 63] as number;
  }
  return ASCII.decode(out);
}

/** How many bytes unpadded base64url text of `length` characters holds, or -1 for a length no encoding produces. */
export function base64UrlDecodedLength(length: number): number {
  return length % 4 === 1 ? -1 : Math.floor((length * 6) / 8);
}

/**
 * The bytes of unpadded base64url text, or null when the text has a character outside the
 * alphabet (padding `=` included) or a length no encoding produces (4n + 1).
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  const length = base64UrlDecodedLength(text.length);
  if (length < 0) return null;
  const out = new Uint8Array(length);
  return decodeBase64UrlInto(text, out, 0) ? out : null;
}

/**
 * Decodes unpadded base64url text into `target` from `offset` on (the caller makes room for
 * `base64UrlDecodedLength(text.length)` bytes): true when every character is in the alphabet
 * and the length is one an encoding produces, false otherwise (what was written is then
 * meaningless). Linear in the text; no allocation.
 */
export function decodeBase64UrlInto(text: string, target: Uint8Array, offset: number): boolean {
  const length = base64UrlDecodedLength(text.length);
  if (length < 0 || offset < 0 || offset + length > target.length) return false;
  const whole = text.length - (text.length % 4);
  let o = offset;
  for (let i = 0; i < whole; i += 4) {
    const a = valueAt(text, i);
    const b = valueAt(text, i + 1);
    const c = valueAt(text, i + 2);
    const d = valueAt(text, i + 3);
    if ((a | b | c | d) < 0) return false;
    const chunk = (a << 18) | (b << 12) | (c << 6) | d;
    target[o++] = chunk >> 16;
    target[o++] = (chunk >> 8) & 0xff;
    target[o++] = chunk & 0xff;
  }
  const rest = text.length - whole;
  if (rest === 0) return true;
  const a = valueAt(text, whole);
  const b = valueAt(text, whole + 1);
  const c = rest === 3 ? valueAt(text, whole + 2) : 0;
  if ((a | b | c) < 0) return false;
  const chunk = (a << 18) | (b << 12) | (c << 6);
  target[o++] = chunk >> 16;
  if (rest === 3) target[o] = (chunk >> 8) & 0xff;
  return true;
}

function valueAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (DECODE[code] as number) : -1;
}

/** The position of the first character of `text` that is not base64url, or -1 when there is none. */
export function findNonBase64UrlChar(text: string): number {
  for (let position = 0; position < text.length; position++) {
    if (valueAt(text, position) < 0) return position;
  }
  return -1;
}
