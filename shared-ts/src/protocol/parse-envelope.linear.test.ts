import { LINEAR_RATIO_LIMIT, linearGrowth } from '../testing/linear-time';
import { WIRE_GROWTH } from '../util/testing/linear-growth-async';
import { parseEnvelope } from './parse-envelope';
import { LARGE_MESSAGES } from './testing/large-messages';

describe('parseEnvelope takes time linear in the body', () => {
  it.each(Object.keys(LARGE_MESSAGES))('with %s', (family) => {
    const make = LARGE_MESSAGES[family] as (bytes: number) => string;
    const growth = linearGrowth(
      make,
      (text) => {
        const parsed = parseEnvelope(text);
        if (!parsed.ok || parsed.refused.length > 0) throw new Error(`${family} did not parse whole`);
      },
      WIRE_GROWTH,
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
