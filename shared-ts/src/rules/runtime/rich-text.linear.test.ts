import { linearGrowth } from '../../testing/linear-time';
import {
  FULL_LADDER,
  HTML_FAMILIES,
  RICH_TEXT_RATIO_LIMIT,
  RICH_TEXT_WORST_RATIO_LIMIT,
} from '../../replica/testing/rich-text-growth';
import { htmlToText } from '../../replica/rich-text/plain-text';

/** `<a` without a `>` anywhere after it: each `<` used to search the rest of the input for one. */
const UNCLOSED_MARKUP = (size: number): string => '<a'.repeat(size / 2);

/**
 * 64 to 256 KiB for unclosed markup: its output is half a million two-character pieces per MiB,
 * and past about 512 KiB V8 takes a step of 4 to 13 times on building such a string (measured in
 * one process, not growing further: 2 and 4 MiB double again). The old code was quadratic from
 * the start (each `<` searched the rest for a `>`).
 */
const UNCLOSED_LADDER = { sizes: [1 << 16, 1 << 17, 1 << 18], repeats: 3 };

describe('html.toText of the rules takes time linear in the HTML', () => {
  it.each([...Object.keys(HTML_FAMILIES), 'unclosed markup'])('for %s HTML', (family) => {
    const make =
      family === 'unclosed markup' ? UNCLOSED_MARKUP : (HTML_FAMILIES[family] as (size: number) => string);
    const growth = linearGrowth(
      make,
      htmlToText,
      family === 'unclosed markup' ? UNCLOSED_LADDER : FULL_LADDER,
    );
    expect(growth.meanRatio).toBeLessThan(RICH_TEXT_RATIO_LIMIT);
    expect(growth.worstRatio).toBeLessThan(RICH_TEXT_WORST_RATIO_LIMIT);
  });
});
