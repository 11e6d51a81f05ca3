import fc from 'fast-check';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { utf8Length } from '../queue/run-budget';
import { decodeStored, encodeStored, STORED_CHUNK_MAX_BYTES, STORED_CHUNK_MAX_UNITS } from './storage-codec';

/** Text of 1-, 2-, 3- and 4-byte characters, long enough to cross chunk limits. */
const mixedText = fc
  .array(fc.constantFrom('a', 'é', '€', '😀', '"', '\\', '\n'), { minLength: 1, maxLength: 64 })
  .chain((alphabet) =>
    fc.integer({ min: 100_000, max: 260_000 }).map((length) => {
      let text = '';
      for (let index = 0; text.length < length; index++) text += alphabet[index % alphabet.length];
      return text;
    }),
  );

describe('storage codec (fuzz)', () => {
  it('every chunk fits both limits and the record reads back equal', async () => {
    await fc.assert(
      fc.asyncProperty(mixedText, async (text) => {
        const encoded = await encodeStored({ text });
        if (!encoded.ok) return false;
        for (const chunk of encoded.chunks) {
          if (chunk.length > STORED_CHUNK_MAX_UNITS || utf8Length(chunk) > STORED_CHUNK_MAX_BYTES)
            return false;
        }
        const decoded = await decodeStored(encoded.chunks);
        return decoded.ok && (decoded.value as { text: string }).text === text;
      }),
      { numRuns: fuzzRuns(15) },
    );
  });

  it('any list of strings reads back as a record or a coded refusal, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }), async (chunks) => {
        const result = await decodeStored(chunks.map((chunk) => `TS1 0001/0001 ${'0'.repeat(64)}\n${chunk}`));
        const raw = await decodeStored(chunks);
        return !result.ok && !raw.ok;
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
