import fc from 'fast-check';
import { hostileJson } from '../replica/testing/hostile-json';
import { fuzzRuns } from '../testing/fuzz-runs';
import { canonicalJson } from '../util/canonical-json';
import { readErrorResponse } from './read-error-response';
import { anyText } from './testing/fuzz-arbitraries';

/** An error body as a broken or hostile peer might write it: any text, any JSON, any code and message. */
const anyBody = fc.oneof(
  anyText,
  hostileJson.map(canonicalJson),
  fc
    .record({ code: fc.oneof(anyText, hostileJson), message: fc.oneof(anyText, hostileJson) })
    .map((error) => canonicalJson({ error })),
);

describe('readErrorResponse on hostile input', () => {
  it('returns a string code and message no longer than it keeps, or null, and never throws', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const read = readErrorResponse(body);
        if (read === null) return;
        expect(typeof read.code === 'string' && read.code.length <= 80).toBe(true);
        expect(typeof read.message === 'string' && read.message.length <= 4000).toBe(true);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
