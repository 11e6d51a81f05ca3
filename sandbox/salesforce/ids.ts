/**
 * Salesforce record ids as the stand-in makes them: 15 case-sensitive characters (a three-character
 * key prefix naming the object, a two-character instance, a reserved `0`, nine base-62 digits)
 * and the three-character suffix that makes the id case-insensitively unique (18 characters).
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character id of a 15-character one: one suffix letter per five characters, a bit per capital. */
export function toId18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let mask = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) mask |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[mask];
  }
  return id15 + suffix;
}

/** True when `value` is a well-formed 15- or 18-character id (the 18's suffix matching). */
export function isWellFormedId(value: string): boolean {
  if (!/^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/.test(value)) return false;
  return value.length === 15 || toId18(value.slice(0, 15)) === value;
}

/** The id in its 18-character form (a 15-character id gets its suffix); anything else unchanged. */
export function normalizeId(value: string): string {
  return /^[0-9A-Za-z]{15}$/.test(value) ? toId18(value) : value;
}

/** The `n`th id (from 1) of an object with key prefix `prefix`, 18 characters. */
export function makeId(prefix: string, n: number): string {
  let digits = '';
  let rest = Math.max(0, Math.floor(n));
  for (let i = 0; i < 9; i += 1) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  return toId18(`${prefix}5g0${digits}`);
}
