import fc from 'fast-check';
import { hostileJson } from '../replica/testing/hostile-json';
import { fuzzRuns } from '../testing/fuzz-runs';
import { canonicalJson } from '../util/canonical-json';
import { parseEnvelope } from './parse-envelope';
import { anyText, mutatedEnvelope, mutatedEnvelopeText } from './testing/fuzz-arbitraries';

const CODES = new Set(['envelope-malformed', 'version-unsupported', 'kind-unsupported', 'replica-invalid']);

/** Parses, and checks the promise of the result: a coded refusal, or an envelope it reads again unchanged. */
function expectCodedOrRepeatable(text: string): void {
  const result = parseEnvelope(text);
  if (!result.ok) {
    expect(CODES.has(result.error.code)).toBe(true);
    expect(result.error.message.length).toBeLessThan(2000);
    return;
  }
  const again = parseEnvelope(canonicalJson(result.envelope));
  expect(again).toEqual({ ok: true, envelope: result.envelope, refused: [] });
  for (const refusal of result.refused) {
    expect(refusal.outcome === 'rejected' && CODES.has(refusal.error.code)).toBe(true);
  }
}

describe('parseEnvelope on hostile input', () => {
  it('refuses any text with a code, or returns an envelope it reads again as it is', () => {
    fc.assert(fc.property(anyText, expectCodedOrRepeatable), { numRuns: fuzzRuns(300) });
  });

  it('does the same for any JSON value, however deep or wide', () => {
    fc.assert(
      fc.property(hostileJson, (value) => expectCodedOrRepeatable(canonicalJson(value))),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('does the same for valid envelopes of every kind with a member replaced, removed or added', () => {
    fc.assert(
      fc.property(mutatedEnvelope, (value) => expectCodedOrRepeatable(canonicalJson(value))),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('does the same for the text of valid envelopes with characters changed', () => {
    fc.assert(fc.property(mutatedEnvelopeText, expectCodedOrRepeatable), { numRuns: fuzzRuns(300) });
  });
});
