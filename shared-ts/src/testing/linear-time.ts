/**
 * A check that a function's time grows linearly with its input: it times the function at
 * doubling sizes and compares each time with the one before, in one run. A ratio is robust to
 * a slow machine (both sides are slow), so this is not a timed test. Quadratic code doubles to
 * about 4x per step; linear code to about 2x; the margin between is wide enough for noise.
 */

/** What `measureGrowth` found: the time at each size and the worst ratio between neighbours. */
export interface Growth {
  sizes: number[];
  /** Best-of-repeats milliseconds at each size. */
  millis: number[];
  /** millis[i + 1] / millis[i], for each doubling. */
  ratios: number[];
  worstRatio: number;
  /**
   * The growth per doubling over the whole ladder, (last / first) ^ (1 / doublings): one pause
   * (a major GC) at a middle size raises one ratio and lowers the next, and cancels out here;
   * quadratic code still shows as about 4.
   */
  meanRatio: number;
}

/** Options for `measureGrowth`. */
export interface GrowthOptions {
  /** The sizes to try, each double the one before (default 64 KiB .. 1 MiB). */
  sizes?: number[];
  /** Timings per size; the fastest counts, so a pause for GC does not (default 3). */
  repeats?: number;
}

/** The default sizes: 64 KiB, 128 KiB, 256 KiB, 512 KiB, 1 MiB. */
export const DOUBLING_SIZES = [1 << 16, 1 << 17, 1 << 18, 1 << 19, 1 << 20];

/**
 * This process's CPU time in milliseconds. Tests time with it, not the wall clock: on a machine
 * shared with other test runs, wall time also counts the time the others took the processor
 * (measured: a linear scan at ratios over 3 under a load of 5 on 2 cores).
 */
export function cpuMillis(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Times `run(input)` for an input of each size built by `make(size)` (outside the timing) and
 * returns the growth. Durations under a millisecond are floored to keep ratios meaningful.
 */
export function measureGrowth<T>(
  make: (size: number) => T,
  run: (input: T) => unknown,
  options: GrowthOptions = {},
): Growth {
  const sizes = options.sizes ?? DOUBLING_SIZES;
  const repeats = options.repeats ?? 3;
  const millis: number[] = [];
  run(make(sizes[0] as number));
  for (const size of sizes) {
    const input = make(size);
    let best = Infinity;
    for (let i = 0; i < repeats; i++) {
      const start = cpuMillis();
      run(input);
      best = Math.min(best, cpuMillis() - start);
    }
    millis.push(Math.max(best, 1));
  }
  return growthOf(sizes, millis);
}

/** The growth of times measured at doubling sizes: each ratio, the worst, and the mean per doubling. */
export function growthOf(sizes: number[], millis: number[]): Growth {
  const ratios = millis.slice(1).map((ms, i) => ms / (millis[i] as number));
  const first = millis[0] as number;
  const last = millis[millis.length - 1] as number;
  const meanRatio = (last / first) ** (1 / Math.max(1, ratios.length));
  return { sizes, millis, ratios, worstRatio: Math.max(...ratios), meanRatio };
}

/** The largest doubling ratio `expectLinear` accepts: quadratic growth shows as about 4. */
export const LINEAR_RATIO_LIMIT = 3;

/** How many times `linearGrowth` measures at most before it reports the best it saw. */
export const LINEAR_ATTEMPTS = 3;

/**
 * Measures growth and, while a ratio is over the limit, measures again (a busy machine can
 * spoil a doubling; quadratic code is over the limit on every attempt), up to `LINEAR_ATTEMPTS`
 * times; returns the best measurement for the caller to assert.
 */
export function linearGrowth<T>(
  make: (size: number) => T,
  run: (input: T) => unknown,
  options: GrowthOptions = {},
): Growth {
  let best = measureGrowth(make, run, options);
  for (let attempt = 1; attempt < LINEAR_ATTEMPTS && best.worstRatio > LINEAR_RATIO_LIMIT; attempt++) {
    const again = measureGrowth(make, run, options);
    if (again.worstRatio < best.worstRatio) best = again;
  }
  return best;
}
