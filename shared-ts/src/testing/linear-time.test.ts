import { growthOf, LINEAR_RATIO_LIMIT, linearGrowth, measureGrowth } from './linear-time';

const SIZES = [1 << 12, 1 << 13, 1 << 14, 1 << 15];

function sumCodes(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length; i++) total += text.charCodeAt(i);
  return total;
}

function quadraticPairs(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length; i++) for (let j = i; j < text.length; j += 1) total += j & 1;
  return total;
}

describe('linearGrowth', () => {
  it('accepts a linear scan', () => {
    const growth = linearGrowth(
      (n) => 'a'.repeat(n * 16),
      (text) => sumCodes(text),
      { sizes: SIZES.map((n) => n * 16) },
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });

  it('catches a quadratic loop', () => {
    const growth = measureGrowth(
      (n) => 'a'.repeat(n),
      (text) => quadraticPairs(text),
      { sizes: SIZES },
    );
    expect(growth.worstRatio).toBeGreaterThan(LINEAR_RATIO_LIMIT);
  });

  it('reports one time per size and one ratio per doubling', () => {
    const growth = measureGrowth(
      (n) => n,
      () => undefined,
      { sizes: [1, 2, 4], repeats: 1 },
    );
    expect(growth.millis).toHaveLength(3);
    expect(growth.ratios).toHaveLength(2);
  });
});

describe('growthOf', () => {
  it('gives the worst doubling and the mean per doubling, so one pause at a middle size cancels out', () => {
    const growth = growthOf([1, 2, 4], [10, 35, 40]);
    expect(growth.ratios).toEqual([3.5, 40 / 35]);
    expect(growth.worstRatio).toBe(3.5);
    expect(growth.meanRatio).toBeCloseTo(2, 10);
  });

  it('shows quadratic growth as about 4 in the mean too', () => {
    expect(growthOf([1, 2, 4], [10, 40, 160]).meanRatio).toBeCloseTo(4, 10);
  });
});
