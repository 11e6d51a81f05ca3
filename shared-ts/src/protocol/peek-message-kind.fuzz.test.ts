import fc from 'fast-check';
import { hostileJson } from '../replica/testing/hostile-json';
import { fuzzRuns } from '../testing/fuzz-runs';
import { canonicalJson } from '../util/canonical-json';
import { MESSAGE_KINDS } from './message-envelope';
import { peekMessageKind } from './peek-message-kind';
import { anyText, mutatedEnvelopeText } from './testing/fuzz-arbitraries';

/** Any body a router could be handed: text, JSON of any depth, and damaged envelopes. */
const anyBody = fc.oneof(anyText, hostileJson.map(canonicalJson), mutatedEnvelopeText);

describe('peekMessageKind on hostile input', () => {
  it('names a kind the protocol has, or none, and never throws', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const kind = peekMessageKind({ headers: {}, body });
        expect(kind === null || MESSAGE_KINDS.includes(kind)).toBe(true);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
