import { linearGrowth } from '../../testing/linear-time';
import {
  ADF_FAMILIES,
  deepAdfText,
  FULL_LADDER,
  HTML_FAMILIES,
  repeated,
  RICH_TEXT_RATIO_LIMIT,
  RICH_TEXT_WORST_RATIO_LIMIT,
  TEXT_FAMILIES,
} from '../testing/rich-text-growth';
import { adfToHtml } from './adf-to-html';
import { convertRichText, type RichTextFormat } from './convert-rich-text';
import { textToHtml } from './plain-text';

describe('adfToHtml takes time linear in the ADF', () => {
  it.each(Object.keys(ADF_FAMILIES))('for ADF %s', (family) => {
    const make = ADF_FAMILIES[family] as (size: number) => unknown;
    // Done twice per timing, so the times (tens of ms at 1 MiB) rise above the timer's noise. Not
    // more: since adfToHtml writes HTML straight from the ADF, eight runs back to back left a
    // 1 MiB document's garbage to the old generation's collector and read ~3.5x per doubling in
    // jest, where one or two runs read ~2.7x (an allocation effect, not the algorithm:
    // quadratic code reads ~4x at any count).
    const growth = linearGrowth(make, repeated(adfToHtml, 2), FULL_LADDER);
    expect(growth.meanRatio).toBeLessThan(RICH_TEXT_RATIO_LIMIT);
    expect(growth.worstRatio).toBeLessThan(RICH_TEXT_WORST_RATIO_LIMIT);
  });
});

describe('textToHtml takes time linear in the text', () => {
  it.each(Object.keys(TEXT_FAMILIES))('for %s', (family) => {
    const make = TEXT_FAMILIES[family] as (size: number) => string;
    const growth = linearGrowth(make, repeated(textToHtml, 2), FULL_LADDER);
    expect(growth.meanRatio).toBeLessThan(RICH_TEXT_RATIO_LIMIT);
    expect(growth.worstRatio).toBeLessThan(RICH_TEXT_WORST_RATIO_LIMIT);
  });
});

describe('convertRichText (tandem convert) takes time linear in its input', () => {
  const cases: [RichTextFormat, RichTextFormat, (size: number) => string][] = [
    ['html', 'adf', HTML_FAMILIES['inline, deep'] as (size: number) => string],
    ['html', 'text', HTML_FAMILIES['list, deep'] as (size: number) => string],
    ['html', 'html', HTML_FAMILIES['unknown tag, deep'] as (size: number) => string],
    ['adf', 'html', deepAdfText],
    ['adf', 'adf', deepAdfText],
    ['text', 'adf', TEXT_FAMILIES['lines'] as (size: number) => string],
  ];
  it.each(cases)('from %s to %s', (from, to, make) => {
    const growth = linearGrowth(make, (input) => convertRichText(input, from, to), FULL_LADDER);
    expect(growth.meanRatio).toBeLessThan(RICH_TEXT_RATIO_LIMIT);
    expect(growth.worstRatio).toBeLessThan(RICH_TEXT_WORST_RATIO_LIMIT);
  });
});
