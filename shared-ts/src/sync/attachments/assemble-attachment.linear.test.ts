import { LINEAR_RATIO_LIMIT } from '../../testing/linear-time';
import { linearGrowthAsync } from '../../util/testing/linear-growth-async';
import { assembleAttachment } from './assemble-attachment';
import { ATTACHMENT_CHUNK_MAX_BYTES } from './attachment-limits';
import { cutWholeFile } from './testing/cut-whole-file';
import { defaultSha256 } from './attachment-hash';

const sha256 = defaultSha256();

describe('assembleAttachment takes time linear in the file', () => {
  it('from 1 to 8 MiB of chunks given in reverse order', async () => {
    const growth = await linearGrowthAsync(
      async (size) => {
        const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 131 + (i >> 9)) & 0xff);
        const cut = await cutWholeFile({ id: 'f', filename: 'f.bin', size }, bytes, sha256);
        return { expected: { id: 'f', size, sha256: cut.sha256 }, chunks: [...cut.chunks].reverse() };
      },
      async ({ expected, chunks }) => {
        const result = await assembleAttachment(expected, chunks, sha256);
        if (!result.ok) throw new Error(result.error.message);
      },
      { sizes: [1 << 20, 1 << 21, 1 << 22, 1 << 23], repeats: 3 },
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
    expect(ATTACHMENT_CHUNK_MAX_BYTES).toBeLessThan(1 << 20);
  }, 60_000);
});
