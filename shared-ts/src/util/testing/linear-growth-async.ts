/**
 * `linearGrowth` (shared-ts/src/testing/linear-time.ts) for functions that return a promise:
 * hashing and verifying go through WebCrypto, and the engine through its ports, so the time they
 * take is only known once the promise settles. Same sizes, repeats, retry, ratio and clock (the
 * process's CPU time, which counts the work WebCrypto does on other threads too).
 */
import {
  cpuMillis,
  DOUBLING_SIZES,
  growthOf,
  LINEAR_ATTEMPTS,
  LINEAR_RATIO_LIMIT,
  type Growth,
  type GrowthOptions,
} from '../../testing/linear-time';

/**
 * The sizes and repeats the replica, protocol and engine linear-time tests use: 256 KiB to 1 MiB,
 * best of 3. Below 256 KiB a replica's objects fit the processor's caches on the machines these
 * tests run on, and the step out of them shows as a ratio of 3 to 4 even for a plain walk over
 * the objects or for JSON.stringify (measured: 4.0 and 3.3 from 128 to 256 KiB), which is the
 * machine, not the code.
 */
export const WIRE_GROWTH: GrowthOptions = { sizes: [1 << 18, 1 << 19, 1 << 20], repeats: 3 };

async function measureGrowthAsync<T>(
  make: (size: number) => T | Promise<T>,
  run: (input: T) => Promise<unknown>,
  options: GrowthOptions,
): Promise<Growth> {
  const sizes = options.sizes ?? DOUBLING_SIZES;
  const repeats = options.repeats ?? 3;
  const millis: number[] = [];
  await run(await make(sizes[0] as number));
  for (const size of sizes) {
    const input = await make(size);
    let best = Infinity;
    for (let i = 0; i < repeats; i++) {
      const start = cpuMillis();
      await run(input);
      best = Math.min(best, cpuMillis() - start);
    }
    millis.push(Math.max(best, 1));
  }
  return growthOf(sizes, millis);
}

/** Measures the growth of an async function, once more when a ratio is over the limit; the better of the two. */
export async function linearGrowthAsync<T>(
  make: (size: number) => T | Promise<T>,
  run: (input: T) => Promise<unknown>,
  options: GrowthOptions = {},
): Promise<Growth> {
  let best = await measureGrowthAsync(make, run, options);
  for (let attempt = 1; attempt < LINEAR_ATTEMPTS && best.worstRatio > LINEAR_RATIO_LIMIT; attempt++) {
    const again = await measureGrowthAsync(make, run, options);
    if (again.worstRatio < best.worstRatio) best = again;
  }
  return best;
}
