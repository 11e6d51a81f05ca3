/**
 * `date.format` and `date.now`: ISO-8601 instants read and written in UTC with a small,
 * fixed set of pattern letters, computed with the proleptic Gregorian calendar (no host
 * time zone, no locale), so the Apex port can reproduce every character.
 */
import { RuleFailure } from './errors';
import { describe, type Value } from './values';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Allowed letter runs and their lengths; any other ASCII letter is reserved. */
const TOKENS: Record<string, number[]> = {
  y: [2, 4],
  M: [1, 2, 3],
  d: [1, 2],
  H: [1, 2],
  m: [1, 2],
  s: [1, 2],
  S: [3],
};

/**
 * Reads an instant: an ISO-8601 text (`2024-03-05`, `2024-03-05T10:20`, with optional
 * seconds, fraction and `Z`/`+hh:mm`/`+hhmm` offset; no offset means UTC) or a number of
 * milliseconds since 1970-01-01T00:00:00Z. Returns epoch milliseconds.
 */
export function parseInstant(value: Value): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw badDate(String(value));
    return Math.floor(value);
  }
  if (typeof value !== 'string') {
    throw new RuleFailure('type-error', `A date must be ISO-8601 text or a number, not ${describe(value)}.`);
  }
  const match = ISO.exec(value);
  if (!match) throw badDate(value);
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw badDate(value);
  if (hour > 23 || minute > 59 || second > 59) throw badDate(value);
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const offsetHours = Number(digits.slice(1, 3));
    const offsetMins = Number(digits.slice(3, 5));
    if (offsetHours > 23 || offsetMins > 59) throw badDate(value);
    offsetMinutes = (offsetHours * 60 + offsetMins) * (zone.startsWith('-') ? -1 : 1);
  }
  const millis = Number((fraction + '000').slice(0, 3));
  return (
    daysFromCivil(year, month, day) * DAY_MS +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis
  );
}

/** Formats epoch milliseconds in UTC with a pattern (see TOKENS and docs/ir.md). */
export function formatInstant(epochMillis: number, pattern: string): string {
  const tokens = parsePattern(pattern);
  const days = Math.floor(epochMillis / DAY_MS);
  const msOfDay = epochMillis - days * DAY_MS;
  const [year, month, day] = civilFromDays(days);
  if (year < 0 || year > 9999) {
    throw new RuleFailure('bad-date', 'The date is outside the years 0000 to 9999.');
  }
  const fields = {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    milli: msOfDay % 1000,
  };
  let out = '';
  for (const token of tokens) out += token.literal ?? renderToken(token.letter, token.width, fields);
  return out;
}

/** The canonical ISO form `yyyy-MM-ddTHH:mm:ss.SSSZ` of an instant. */
export function isoInstant(epochMillis: number): string {
  return formatInstant(epochMillis, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
}

interface PatternToken {
  literal?: string;
  letter: string;
  width: number;
}

const patternCache = new Map<string, PatternToken[]>();

/** Splits a pattern into letter runs and literal text; rejects unknown letters. */
function parsePattern(pattern: string): PatternToken[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: PatternToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0)
        throw new RuleFailure(
          'bad-pattern',
          `The quote at position ${i + 1} of the date pattern is never closed.`,
        );
      tokens.push({ literal: end === i + 1 ? "'" : pattern.slice(i + 1, end), letter: '', width: 0 });
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < pattern.length && pattern.charAt(j) === c) j++;
      const width = j - i;
      if (!TOKENS[c]?.includes(width)) {
        throw new RuleFailure(
          'bad-pattern',
          `\`${pattern.slice(i, j)}\` is not a date pattern letter; use yyyy, yy, MMM, MM, M, dd, d, HH, H, mm, m, ss, s, SSS, or 'quoted text'.`,
        );
      }
      tokens.push({ letter: c, width });
      i = j;
    } else {
      tokens.push({ literal: c, letter: '', width: 0 });
      i++;
    }
  }
  if (patternCache.size > 100) patternCache.clear();
  patternCache.set(pattern, tokens);
  return tokens;
}

function renderToken(
  letter: string,
  width: number,
  f: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    milli: number;
  },
): string {
  switch (letter) {
    case 'y':
      return width === 2 ? pad(f.year % 100, 2) : pad(f.year, 4);
    case 'M':
      return width === 3 ? (MONTHS[f.month - 1] as string) : pad(f.month, width);
    case 'd':
      return pad(f.day, width);
    case 'H':
      return pad(f.hour, width);
    case 'm':
      return pad(f.minute, width);
    case 's':
      return pad(f.second, width);
    default:
      return pad(f.milli, 3);
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function badDate(text: string): RuleFailure {
  return new RuleFailure(
    'bad-date',
    `\`${text}\` is not a date; use ISO-8601 such as 2024-03-05 or 2024-03-05T10:20:00Z.`,
  );
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of daysFromCivil: [year, month, day]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
