import { linearGrowth } from '../../testing/linear-time';
import {
  FULL_LADDER,
  HTML_FAMILIES,
  MAIN_HTML_FAMILIES,
  RICH_TEXT_RATIO_LIMIT,
  RICH_TEXT_WORST_RATIO_LIMIT,
  SHORT_LADDER,
} from '../testing/rich-text-growth';
import { htmlToAdf } from './html-to-adf';
import { htmlToText } from './plain-text';

describe('htmlToAdf takes time linear in the HTML', () => {
  it.each(Object.keys(HTML_FAMILIES))('for %s HTML', (family) => {
    const make = HTML_FAMILIES[family] as (size: number) => string;
    const ladder = MAIN_HTML_FAMILIES.includes(family) ? FULL_LADDER : SHORT_LADDER;
    const growth = linearGrowth(make, htmlToAdf, ladder);
    expect(growth.meanRatio).toBeLessThan(RICH_TEXT_RATIO_LIMIT);
    expect(growth.worstRatio).toBeLessThan(RICH_TEXT_WORST_RATIO_LIMIT);
  });
});

// htmlToText is htmlToAdf and then the text of the ADF: measured where that second step works
// most (lists, tables, blocks) and for the main families.
describe('htmlToText takes time linear in the HTML', () => {
  it.each([...MAIN_HTML_FAMILIES, 'block, flat', 'list, flat', 'table, flat'])('for %s HTML', (family) => {
    const make = HTML_FAMILIES[family] as (size: number) => string;
    const growth = linearGrowth(make, htmlToText, FULL_LADDER);
    expect(growth.meanRatio).toBeLessThan(RICH_TEXT_RATIO_LIMIT);
    expect(growth.worstRatio).toBeLessThan(RICH_TEXT_WORST_RATIO_LIMIT);
  });
});
