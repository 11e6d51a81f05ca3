import { createMessageIdGenerator } from './create-message-id-generator';
import { countingBytes, T0, TestClock } from './testing/fixtures';
import { MESSAGE_ID_PATTERN } from './wire-format';

describe('createMessageIdGenerator', () => {
  it('makes ULIDs: 26 characters of Crockford base32', () => {
    const next = createMessageIdGenerator();
    for (let i = 0; i < 100; i++) expect(next()).toMatch(MESSAGE_ID_PATTERN);
  });

  it('encodes the time in the first ten characters', () => {
    const next = createMessageIdGenerator({ clock: new TestClock(T0), randomBytes: countingBytes() });
    // Time checked against the `ulid` package's encodeTime; the random part is bytes 00..09.
    expect(next()).toBe('01M7W6C380000G40R40M30E209');
  });

  it('makes ids that sort in the order of their times', () => {
    const clock = new TestClock();
    const next = createMessageIdGenerator({ clock, randomBytes: countingBytes(200) });
    const first = next();
    clock.advance(1);
    const second = next();
    expect(first < second).toBe(true);
  });

  it('counts up within one millisecond, so ids stay unique and increasing', () => {
    const next = createMessageIdGenerator({ clock: new TestClock(), randomBytes: countingBytes() });
    const ids = Array.from({ length: 1000 }, () => next());
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps increasing when the clock steps back', () => {
    const clock = new TestClock();
    const next = createMessageIdGenerator({ clock, randomBytes: countingBytes() });
    const before = next();
    clock.advance(-60_000);
    expect(next() > before).toBe(true);
  });

  it('moves to the next millisecond when the random part is exhausted', () => {
    const next = createMessageIdGenerator({
      clock: new TestClock(),
      randomBytes: (n) => new Uint8Array(n).fill(0xff),
    });
    const last = next();
    const following = next();
    expect(last.endsWith('ZZZZZZZZZZZZZZZZ')).toBe(true);
    expect(following > last).toBe(true);
    expect(following.endsWith('0000000000000000')).toBe(true);
  });
});
