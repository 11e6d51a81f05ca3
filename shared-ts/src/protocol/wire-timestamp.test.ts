import { formatWireTimestamp, parseWireTimestamp } from './wire-timestamp';

describe('formatWireTimestamp', () => {
  it('writes UTC with exactly three fractional digits', () => {
    expect(formatWireTimestamp(Date.UTC(2026, 10, 20, 10, 0, 0, 5))).toBe('2026-11-20T10:00:00.005Z');
  });
});

describe('parseWireTimestamp', () => {
  it('reads back what formatWireTimestamp writes', () => {
    expect(parseWireTimestamp('2026-11-20T10:00:00.005Z')).toBe(Date.UTC(2026, 10, 20, 10, 0, 0, 5));
  });

  it('refuses other spellings of the same instant', () => {
    expect(parseWireTimestamp('2026-11-20T10:00:00Z')).toBeNull();
    expect(parseWireTimestamp('2026-11-20T11:00:00.000+01:00')).toBeNull();
    expect(parseWireTimestamp('1795168800000')).toBeNull();
  });

  it('refuses dates that do not exist', () => {
    expect(parseWireTimestamp('2026-02-30T10:00:00.000Z')).toBeNull();
  });
});
