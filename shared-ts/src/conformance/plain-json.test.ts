import { plainJsonProblem } from './plain-json';

describe('plainJsonProblem', () => {
  it('accepts plain JSON with safe integers, fractions and Z times', () => {
    expect(
      plainJsonProblem(
        { a: [1, 2.5, -3, 'x', null, true], t: '2026-11-20T10:00:00.000Z', n: 2 ** 53 - 1 },
        true,
      ),
    ).toBeNull();
  });

  it.each([
    ['-0', { a: -0 }, '/a: -0 reads back as 0'],
    ['NaN', { a: [NaN] }, '/a/0'],
    ['Infinity', { a: Infinity }, '/a'],
    ['an integer past 2^53', { a: 2 ** 53 }, '/a: 9007199254740992 is outside'],
    ['undefined', { a: undefined }, '/a'],
  ])('refuses %s, naming where', (_what, value, where) => {
    expect(plainJsonProblem(value, false)).toContain(where);
  });

  it('refuses a time with an offset only where times must be in Z form', () => {
    const value = { at: '2026-11-20T12:00:00+02:00' };
    expect(plainJsonProblem(value, true)).toBe(
      '/at: the time "2026-11-20T12:00:00+02:00" is not in UTC Z form',
    );
    expect(plainJsonProblem(value, false)).toBeNull();
  });
});
