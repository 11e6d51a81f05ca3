/**
 * Puts a file back together from its chunks, on the receiving side: checks the count, each
 * index, each chunk's data and hash, then the whole file's size and SHA-256. Never throws.
 * docs/protocol.md, "Attachments".
 */
import { base64UrlDecodedLength, decodeBase64UrlInto } from '../../protocol/base64url';
import { defaultSha256, type Sha256 } from './attachment-hash';
import {
  ATTACHMENT_CHUNK_MAX_BYTES,
  ATTACHMENT_CHUNK_MAX_DATA_CHARS,
  ATTACHMENT_MAX_CHUNKS,
  ATTACHMENT_MAX_FILE_BYTES_LIMIT,
} from './attachment-limits';
import type { AttachmentChunk, AttachmentError, AttachmentErrorCode } from './attachment-transfer';

/** What the receiver expects of the file (from the sender's answer or the replica). */
export interface ExpectedAttachment {
  /** Id on the sending side, for messages. */
  id: string;
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the whole file, 64 lowercase hex digits. */
  sha256: string;
}

/** The file's bytes, or why they cannot be trusted. */
export type AssembleAttachmentResult =
  { ok: true; bytes: Uint8Array } | { ok: false; error: AttachmentError };

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The file's bytes from its chunks, given in any order. A chunk given twice with the same data
 * counts once (delivery is at least once); two different chunks at one index, an index or count
 * out of bounds, or data that is not base64url is `attachment-chunk-corrupt`; a chunk whose bytes
 * do not hash to its `sha256`, or a file that does not hash to the expected one, is
 * `attachment-hash-mismatch`; an absent index is `attachment-chunk-missing`; a chunk of another
 * length than its place in the file (every chunk but the last is full) is
 * `attachment-size-mismatch`; more chunks than a file may have is `attachment-too-large`. Each
 * chunk is decoded straight into the file's buffer, allocated once; hashing goes through the
 * `sha256` port (default `defaultSha256()`). Never throws; linear in the chunks' size.
 */
export async function assembleAttachment(
  expected: ExpectedAttachment,
  chunks: readonly AttachmentChunk[],
  sha256: Sha256 = defaultSha256(),
): Promise<AssembleAttachmentResult> {
  const name = `Attachment ${expected.id}`;
  if (!Number.isSafeInteger(expected.size) || expected.size < 0 || !HEX64.test(expected.sha256)) {
    return failed('attachment-invalid', `${name}: the expected size or sha256 is not valid.`);
  }
  if (expected.size > ATTACHMENT_MAX_FILE_BYTES_LIMIT) {
    return failed(
      'attachment-too-large',
      `${name}: ${expected.size} bytes is over the ${ATTACHMENT_MAX_FILE_BYTES_LIMIT} bytes any file may have.`,
    );
  }
  const wanted = Math.max(1, Math.ceil(expected.size / ATTACHMENT_CHUNK_MAX_BYTES));
  if (chunks.length === 0) return failed('attachment-chunk-missing', `${name}: there are no chunks.`);
  if (chunks.length > 2 * ATTACHMENT_MAX_CHUNKS) {
    return failed(
      'attachment-chunk-corrupt',
      `${name}: ${chunks.length} chunks given; a file has at most ${ATTACHMENT_MAX_CHUNKS}.`,
    );
  }
  const byIndex = new Map<number, AttachmentChunk>();
  for (const chunk of chunks) {
    const refused = checkPlace(name, chunk, wanted, expected.size);
    if (refused) return { ok: false, error: refused };
    const seen = byIndex.get(chunk.index);
    if (seen && seen.data !== chunk.data) {
      return failed(
        'attachment-chunk-corrupt',
        `${name}: chunk ${chunk.index} is given twice with different data.`,
      );
    }
    byIndex.set(chunk.index, chunk);
  }
  const missing: number[] = [];
  for (let index = 0; index < wanted && missing.length < 10; index++)
    if (!byIndex.has(index)) missing.push(index);
  if (missing.length > 0) {
    return failed(
      'attachment-chunk-missing',
      `${name}: chunk(s) ${missing.join(', ')} of 0..${wanted - 1} are missing.`,
    );
  }
  const file = new Uint8Array(expected.size);
  for (let index = 0; index < wanted; index++) {
    const chunk = byIndex.get(index) as AttachmentChunk;
    const offset = index * ATTACHMENT_CHUNK_MAX_BYTES;
    const length = Math.min(ATTACHMENT_CHUNK_MAX_BYTES, expected.size - offset);
    if (!decodeBase64UrlInto(chunk.data, file, offset)) {
      return failed('attachment-chunk-corrupt', `${name}: chunk ${index}'s data is not unpadded base64url.`);
    }
    const hash = await sha256(file.subarray(offset, offset + length));
    if (hash !== chunk.sha256) {
      return failed(
        'attachment-hash-mismatch',
        `${name}: chunk ${index}'s bytes hash to ${hash}; the chunk says ${String(chunk.sha256)}.`,
      );
    }
  }
  const hash = await sha256(file);
  if (hash !== expected.sha256) {
    return failed(
      'attachment-hash-mismatch',
      `${name}: the file's bytes hash to ${hash}; the sender announced ${expected.sha256}.`,
    );
  }
  return { ok: true, bytes: file };
}

/**
 * Why a chunk cannot be one of the file's, or null when its index, count and data length fit
 * its place (every chunk but the last holds `ATTACHMENT_CHUNK_MAX_BYTES`). Checks no hash: the
 * receiver runs it on arrival, before it stores a chunk, and `assembleAttachment` again.
 */
export function checkChunkPlace(
  expected: ExpectedAttachment,
  chunk: AttachmentChunk,
): AttachmentError | null {
  if (
    !Number.isSafeInteger(expected.size) ||
    expected.size < 0 ||
    expected.size > ATTACHMENT_MAX_FILE_BYTES_LIMIT
  ) {
    return {
      code: 'attachment-invalid',
      message: `Attachment ${expected.id}: the expected size is not valid.`,
    };
  }
  const wanted = Math.max(1, Math.ceil(expected.size / ATTACHMENT_CHUNK_MAX_BYTES));
  return checkPlace(`Attachment ${expected.id}`, chunk, wanted, expected.size);
}

function checkPlace(
  name: string,
  chunk: AttachmentChunk,
  wanted: number,
  size: number,
): AttachmentError | null {
  if (chunk.count !== wanted) {
    return {
      code: 'attachment-chunk-corrupt',
      message: `${name}: a chunk says the file has ${String(chunk.count)} chunks; ${size} bytes make ${wanted}.`,
    };
  }
  if (!Number.isSafeInteger(chunk.index) || chunk.index < 0 || chunk.index >= wanted) {
    return {
      code: 'attachment-chunk-corrupt',
      message: `${name}: chunk index ${String(chunk.index)} is outside 0..${wanted - 1}.`,
    };
  }
  if (typeof chunk.data !== 'string' || chunk.data.length > ATTACHMENT_CHUNK_MAX_DATA_CHARS) {
    return {
      code: 'attachment-chunk-corrupt',
      message: `${name}: chunk ${chunk.index} carries more than ${ATTACHMENT_CHUNK_MAX_BYTES} bytes.`,
    };
  }
  const holds = base64UrlDecodedLength(chunk.data.length);
  if (holds < 0) {
    return {
      code: 'attachment-chunk-corrupt',
      message: `${name}: chunk ${chunk.index}'s data is not unpadded base64url.`,
    };
  }
  const length = Math.min(ATTACHMENT_CHUNK_MAX_BYTES, size - chunk.index * ATTACHMENT_CHUNK_MAX_BYTES);
  if (holds !== length) {
    return {
      code: 'attachment-size-mismatch',
      message: `${name}: chunk ${chunk.index} holds ${holds} bytes; its place in a ${size}-byte file holds ${length}.`,
    };
  }
  return null;
}

function failed(code: AttachmentErrorCode, message: string): { ok: false; error: AttachmentError } {
  return { ok: false, error: { code, message } };
}
