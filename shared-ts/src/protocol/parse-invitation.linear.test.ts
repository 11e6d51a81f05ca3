import { LINEAR_RATIO_LIMIT } from '../testing/linear-time';
import { linearGrowthAsync } from '../util/testing/linear-growth-async';
import { MAX_INVITATION_CODE_CHARS } from './invitation';
import { parseInvitation } from './parse-invitation';
import { T0, VECTOR_INVITATION_CODE } from './testing/fixtures';

/** Pasted text is refused beyond MAX_INVITATION_CODE_CHARS, so sizes double up to that limit. */
const SIZES = [
  MAX_INVITATION_CODE_CHARS / 8,
  MAX_INVITATION_CODE_CHARS / 4,
  MAX_INVITATION_CODE_CHARS / 2,
  MAX_INVITATION_CODE_CHARS - 1,
];

/** The vector code padded to `size` characters by `around(count)`, some of it on each side. */
function padded(around: (count: number) => [string, string]): (size: number) => string {
  return (size) => {
    const [before, after] = around(Math.floor((size - VECTOR_INVITATION_CODE.length) / 2));
    return `${before}${VECTOR_INVITATION_CODE}${after}`.slice(0, size);
  };
}

const FAMILIES: Record<string, (size: number) => string> = {
  'a code wrapped and indented by a mail client': (size) => {
    const lines: string[] = [];
    for (let at = 0; at < VECTOR_INVITATION_CODE.length; at += 4)
      lines.push(VECTOR_INVITATION_CODE.slice(at, at + 4));
    const spacing = ' '.repeat(
      Math.max(0, Math.floor((size - VECTOR_INVITATION_CODE.length) / lines.length) - 2),
    );
    return lines.join(`\r\n${spacing}`);
  },
  'a code inside runs of quotes and brackets': padded((count) => ['('.repeat(count), ')'.repeat(count)]),
  // The pattern that stripped brackets before took 226 ms on this at 16 KiB, quadrupling per doubling.
  'text ending in a run of closing brackets and one more character': (size) => `${')'.repeat(size - 1)}x`,
};

describe('parseInvitation takes time linear in the pasted text', () => {
  it.each(Object.keys(FAMILIES))('with %s', async (family) => {
    const make = FAMILIES[family] as (size: number) => string;
    const growth = await linearGrowthAsync(make, (text) => parseInvitation(text, T0), {
      sizes: SIZES,
      repeats: 5,
    });
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
