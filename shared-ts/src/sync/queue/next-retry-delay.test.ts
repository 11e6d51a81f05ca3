import { nextRetryDelay } from './next-retry-delay';

const policy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 8 };
const top = () => 0.999999;

describe('nextRetryDelay', () => {
  it('waits up to the base after the first failure', () => {
    expect(nextRetryDelay(1, policy, top)).toBe(999);
  });

  it('doubles the ceiling with each further failure', () => {
    expect([2, 3, 4].map((n) => nextRetryDelay(n, policy, top))).toEqual([1_999, 3_999, 7_999]);
  });

  it('never lets the ceiling pass the cap', () => {
    expect(nextRetryDelay(30, policy, top)).toBe(59_999);
  });

  it('picks a uniformly random point below the ceiling (full jitter)', () => {
    expect(nextRetryDelay(3, policy, () => 0)).toBe(0);
    expect(nextRetryDelay(3, policy, () => 0.5)).toBe(2_000);
  });

  it('waits at least as long as the server asked with Retry-After', () => {
    expect(nextRetryDelay(1, policy, () => 0, 120)).toBe(120_000);
  });

  it('honours a Retry-After longer than the cap', () => {
    expect(nextRetryDelay(1, policy, top, 3_600)).toBe(3_600_000);
  });

  it('keeps the jittered wait when it is longer than Retry-After', () => {
    expect(nextRetryDelay(6, policy, top, 1)).toBe(31_999);
  });
});
