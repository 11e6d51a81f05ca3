/** Test helper: every chunk of a file held in memory, cut message by message as a sender would. */
import { pureSha256, type Sha256 } from '../attachment-hash';
import {
  cutAttachment,
  planAttachmentTransfer,
  type AttachmentChunk,
  type AttachmentMeta,
} from '../attachment-transfer';

/** Reads ranges of bytes held in memory (the sender's port, for tests). */
export function rangesOf(bytes: Uint8Array): (offset: number, length: number) => Promise<Uint8Array> {
  return (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length)));
}

/** All the chunks of `bytes` and the file's hash; throws when the file cannot be cut (tests only). */
export async function cutWholeFile(
  meta: AttachmentMeta,
  bytes: Uint8Array,
  sha256: Sha256 = pureSha256,
): Promise<{ chunks: AttachmentChunk[]; sha256: string }> {
  const plan = planAttachmentTransfer(meta);
  if (plan.kind !== 'chunks') throw new Error(`expected chunks, got ${plan.kind}`);
  const chunks: AttachmentChunk[] = [];
  let hash = '';
  for (let from = 0; from < plan.count; from += 8) {
    const cut = await cutAttachment(meta, plan, rangesOf(bytes), { from, sha256 });
    if (!cut.ok) throw new Error(cut.error.message);
    chunks.push(...cut.chunks);
    hash = cut.sha256;
  }
  return { chunks, sha256: hash };
}
