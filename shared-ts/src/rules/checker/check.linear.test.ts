/**
 * `check` (parse, limits, checker) takes time linear in the script, for each way a script
 * grows, from 2 KiB to 32 KiB (a 32 KiB script holds up to about 16,000 syntax nodes of the
 * 20,000 a script may have). Past a limit the work is capped by the limit (at most 60,000
 * tokens are read, 20,000 nodes walked).
 */
import { LINEAR_RATIO_LIMIT, linearGrowth } from '../../testing/linear-time';
import { check } from '../index';

/** Doubling script sizes in characters, each under the node limit for every family below. */
const SIZES = [1 << 11, 1 << 12, 1 << 13, 1 << 14, 1 << 15];
/** Checks per timing: one check of 2 KiB takes under a millisecond, too close to the clock's noise. */
const RUNS = 4;
/** A guard against a hung run on a loaded machine, not a timing (the ratios are the test). */
const TIMEOUT_MS = 60_000;

function fill(unit: string, size: number, prefix = '', suffix = ''): string {
  return prefix + unit.repeat(Math.floor((size - prefix.length - suffix.length) / unit.length)) + suffix;
}

const FAMILIES: Record<string, (size: number) => string> = {
  'many statements': (size) => fill('replica.custom["x"] = issue.summary?.trim() ?? "";\n', size),
  'a long text literal': (size) => fill('x', size, 'replica.a = "', '";'),
  'a wide list literal': (size) => fill('1000, ', size, 'replica.a = [', '0];'),
  'a wide object literal': (size) => fill('key: 1000, ', size, 'replica.a = { ', 'z: 0 };'),
  'nested ifs, a few levels deep, repeated': (size) =>
    fill('if (firstSync) { if (issue.summary) { replica.a = [1, [2, [3]]]; } }\n', size),
  'unknown names that get hints': (size) =>
    fill('replica.a = isue.sumary; // two unknown names on each line\n', size),
  'long optional member chains, repeated': (size) =>
    fill(`replica.a = issue.customFields${'?.field'.repeat(40)};\n`, size),
};

describe('check takes time linear in the script', () => {
  it.each(Object.keys(FAMILIES))(
    'with %s',
    (family) => {
      const make = FAMILIES[family] as (size: number) => string;
      const growth = linearGrowth(
        make,
        (script) => {
          for (let i = 0; i < RUNS; i++) {
            const found = check(script, 'jira', 'outgoing');
            if (found.some((d) => d.code === 'too-large')) throw new Error(`${family}: over a limit`);
          }
        },
        { sizes: SIZES, repeats: 3 },
      );
      expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
    },
    TIMEOUT_MS,
  );
});
