import { InMemoryReplayCache } from './in-memory-replay-cache';
import { T0, TestClock } from './testing/fixtures';

describe('InMemoryReplayCache', () => {
  it('says an id is new the first time and seen the second', async () => {
    const cache = new InMemoryReplayCache(new TestClock());
    expect(await cache.seen('c', 'm', T0 + 1000)).toBe(false);
    expect(await cache.seen('c', 'm', T0 + 1000)).toBe(true);
  });

  it('keeps connections apart', async () => {
    const cache = new InMemoryReplayCache(new TestClock());
    await cache.seen('c1', 'm', T0 + 1000);
    expect(await cache.seen('c2', 'm', T0 + 1000)).toBe(false);
  });

  it('still remembers an id at the instant it expires', async () => {
    const clock = new TestClock();
    const cache = new InMemoryReplayCache(clock);
    await cache.seen('c', 'm', T0 + 1000);
    clock.advance(1000);
    expect(await cache.seen('c', 'm', T0 + 1000)).toBe(true);
  });

  it('forgets ids once expired, so it does not grow without bound', async () => {
    const clock = new TestClock();
    const cache = new InMemoryReplayCache(clock);
    await cache.seen('c', 'old', T0 + 1000);
    clock.advance(1001);
    await cache.seen('c', 'new', T0 + 5000);
    expect(cache.size).toBe(1);
  });
});
