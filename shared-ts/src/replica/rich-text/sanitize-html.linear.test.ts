import { linearGrowth } from '../../testing/linear-time';
import {
  FULL_LADDER,
  HTML_FAMILIES,
  MAIN_HTML_FAMILIES,
  RICH_TEXT_RATIO_LIMIT,
  RICH_TEXT_WORST_RATIO_LIMIT,
  SHORT_LADDER,
} from '../testing/rich-text-growth';
import { sanitizeHtml } from './sanitize-html';

describe('sanitizeHtml takes time linear in the HTML', () => {
  it.each(Object.keys(HTML_FAMILIES))('for %s HTML', (family) => {
    const make = HTML_FAMILIES[family] as (size: number) => string;
    const ladder = MAIN_HTML_FAMILIES.includes(family) ? FULL_LADDER : SHORT_LADDER;
    const growth = linearGrowth(make, sanitizeHtml, ladder);
    expect(growth.meanRatio).toBeLessThan(RICH_TEXT_RATIO_LIMIT);
    expect(growth.worstRatio).toBeLessThan(RICH_TEXT_WORST_RATIO_LIMIT);
  });
});
