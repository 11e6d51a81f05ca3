import fc from 'fast-check';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { sha256HexOfBytes } from '../../util/sha256';
import { assembleAttachment } from './assemble-attachment';
import { ATTACHMENT_CHUNK_MAX_BYTES } from './attachment-limits';
import { planAttachmentTransfer, type AttachmentChunk } from './attachment-transfer';
import { cutWholeFile } from './testing/cut-whole-file';

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

const chunkArb: fc.Arbitrary<AttachmentChunk> = fc.record({
  index: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double()),
  count: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  data: fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 })),
  sha256: fc.oneof(fc.string({ maxLength: 64 }), fc.stringMatching(/^[0-9a-f]{64}$/)),
});

describe('attachments (fuzz)', () => {
  it('assembleAttachment never throws and never accepts bytes other than the expected hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * ATTACHMENT_CHUNK_MAX_BYTES }),
        fc.array(chunkArb, { maxLength: 6 }),
        async (size, chunks) => {
          const expected = { id: 'x', size, sha256: 'e'.repeat(64) };
          const result = await assembleAttachment(expected, chunks);
          return !result.ok || sha256HexOfBytes(result.bytes) === expected.sha256;
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('a cut file, shuffled and with repeats, always assembles to itself; any dropped chunk is named missing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * ATTACHMENT_CHUNK_MAX_BYTES }),
        fc.integer({ min: 0, max: 255 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        async (size, seed, picks, drop) => {
          const bytes = new Uint8Array(size).map((_, i) => (i * seed + 3) & 0xff);
          const meta = { id: 'f', filename: 'f.bin', size };
          const plan = planAttachmentTransfer(meta);
          if (plan.kind !== 'chunks') return false;
          const cut = await cutWholeFile(meta, bytes);
          const repeated = picks.map((p) => at(cut.chunks, p % cut.chunks.length));
          let chunks = [...repeated, ...cut.chunks].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
          if (drop) chunks = chunks.filter((c) => c.index !== plan.count - 1);
          const result = await assembleAttachment({ id: 'f', size, sha256: cut.sha256 }, chunks);
          if (drop) return !result.ok && result.error.code === 'attachment-chunk-missing';
          return result.ok && result.bytes.length === size && result.bytes.every((b, i) => b === bytes[i]);
        },
      ),
      { numRuns: fuzzRuns(20) },
    );
  });
});
