import fc from 'fast-check';
import { fuzzRuns } from '../testing/fuzz-runs';
import { parseInvitation } from './parse-invitation';
import { T0, VECTOR_INVITATION_CODE } from './testing/fixtures';
import { anyText } from './testing/fuzz-arbitraries';

const CODES = new Set([
  'invitation-damaged',
  'invitation-truncated',
  'invitation-malformed',
  'invitation-too-long',
  'invitation-expired',
  'invitation-not-yet-valid',
  'invitation-version-unsupported',
]);

/** The vector code with characters changed, cut, doubled, or wrapped in what copying adds. */
const mutatedCode = fc
  .tuple(
    fc.nat(),
    fc.nat(8),
    fc.oneof(anyText, fc.constantFrom(' ', '\n', '\u200b', '"', '(', ')', 'A', '=')),
    fc.boolean(),
  )
  .map(([at, removed, inserted, wrap]) => {
    const start = at % (VECTOR_INVITATION_CODE.length + 1);
    const changed = `${VECTOR_INVITATION_CODE.slice(0, start)}${inserted}${VECTOR_INVITATION_CODE.slice(start + removed)}`;
    return wrap ? `<${changed}>` : changed;
  });

describe('parseInvitation on hostile input', () => {
  it('refuses any text with an invitation code, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const result = await parseInvitation(text, T0);
        expect(!result.ok && CODES.has(result.error.code)).toBe(true);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('reads a changed code as the original invitation or refuses it with a code: nothing else gets through', async () => {
    const original = await parseInvitation(VECTOR_INVITATION_CODE, T0);
    await fc.assert(
      fc.asyncProperty(mutatedCode, async (text) => {
        const result = await parseInvitation(text, T0);
        if (result.ok) expect(result).toEqual(original);
        else expect(CODES.has(result.error.code)).toBe(true);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
