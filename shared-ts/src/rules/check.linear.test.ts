/**
 * `check` (parse, limits, checker) takes time linear in the script, for each way a script
 * grows, up to the largest script it takes (256 KiB). (Past a limit, the work is capped by
 * the limit: at most 60,000 tokens are read.)
 */
import { LINEAR_RATIO_LIMIT, linearGrowth } from '../testing/linear-time';
import { check } from './index';

/** Doubling script sizes in characters: 16 KiB .. 256 KiB. */
const SIZES = [1 << 14, 1 << 15, 1 << 16, 1 << 17, 1 << 18];

function fill(unit: string, size: number, prefix = '', suffix = ''): string {
  return prefix + unit.repeat(Math.floor((size - prefix.length - suffix.length) / unit.length)) + suffix;
}

const FAMILIES: Record<string, (size: number) => string> = {
  'many statements': (size) => fill('replica.custom["x"] = issue.summary?.trim() ?? "";\n', size),
  'a long text literal': (size) => fill('x', size, 'replica.a = "', '";'),
  'a wide list literal': (size) => fill('1, ', size, 'replica.a = [', '0];'),
  'a wide object literal': (size) => fill('k: 1, ', size, 'replica.a = { ', 'z: 0 };'),
  'nested ifs, a few levels deep, repeated': (size) =>
    fill('if (firstSync) { if (issue.summary) { replica.a = [1, [2, [3]]]; } }\n', size),
  'unknown names that get hints': (size) => fill('replica.a = isue.sumary;\n', size),
  'member chains just under the nesting limit, repeated': (size) =>
    fill(`replica.a = issue.customFields${'?.x'.repeat(150)};\n`, size),
};

describe('check takes time linear in the script', () => {
  it.each(Object.keys(FAMILIES))('with %s', (family) => {
    const make = FAMILIES[family] as (size: number) => string;
    const growth = linearGrowth(make, (script) => check(script, 'jira', 'outgoing'), {
      sizes: SIZES,
      repeats: 2,
    });
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
