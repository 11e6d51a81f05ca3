import { isCalendarDate, parseUtcTimestamp } from './utc-timestamp';

describe('parseUtcTimestamp', () => {
  it.each([
    ['2026-11-27T09:30:00Z', Date.UTC(2026, 10, 27, 9, 30)],
    ['2026-11-27T09:30:00.1Z', Date.UTC(2026, 10, 27, 9, 30, 0, 100)],
    ['2026-11-27T09:30:00.123456789Z', Date.UTC(2026, 10, 27, 9, 30, 0, 123)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['0001-01-01T00:00:00Z', -62135596800000],
  ])('reads %s', (text, epochMs) => {
    expect(parseUtcTimestamp(text)).toBe(epochMs);
  });

  it.each([
    ['a day February does not have', '2026-02-31T00:00:00Z'],
    ['February 29 outside a leap year', '2026-02-29T00:00:00Z'],
    ['April 31', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-01-00T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset instead of Z', '2026-01-01T00:00:00+00:00'],
    ['ten fractional digits', '2026-01-01T00:00:00.0123456789Z'],
    ['a word', 'yesterday'],
  ])('refuses %s', (_what, text) => {
    expect(parseUtcTimestamp(text)).toBeNull();
  });
});

describe('isCalendarDate', () => {
  it('accepts a day that exists', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it.each(['2026-02-31', '2026-02-29', '2026-00-10', '2026-1-10', '2026-01-10T00:00:00Z'])(
    'refuses %s',
    (text) => {
      expect(isCalendarDate(text)).toBe(false);
    },
  );
});
