/**
 * The timestamps and dates Tandem reads from outside, checked against the calendar: a pattern
 * alone lets `2026-02-31` through, and `Date.parse` quietly rolls it over into March.
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant (epoch ms) of an ISO-8601 UTC timestamp `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (1 to 9
 * fractional digits, read to the millisecond), or null when the text is not one or names a day
 * or time that does not exist.
 */
export function parseUtcTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text);
  if (match === null) return null;
  const [hour, minute, second] = [match[4], match[5], match[6]].map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const midnight = calendarDay(match[1], match[2], match[3]);
  if (midnight === null) return null;
  const millis = Number((match[7] ?? '').slice(0, 3).padEnd(3, '0'));
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/** Whether `text` is a calendar date `YYYY-MM-DD` that exists (`2026-02-29` does not). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  return match !== null && calendarDay(match[1], match[2], match[3]) !== null;
}

/** Epoch ms of midnight UTC on that day, or null when the month or day does not exist. */
function calendarDay(yearText = '', monthText = '', dayText = ''): number | null {
  const [year, month, day] = [yearText, monthText, dayText].map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps the years 0 to 99 as written.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date.getTime() : null;
}
