/**
 * Puts a file back together from its chunks, on the receiving side: checks the count, each
 * index, each chunk's data and hash, then the whole file's size and SHA-256. Never throws.
 * docs/protocol.md, "Attachments".
 */
import { decodeBase64Url } from '../../protocol/base64url';
import { sha256HexOfBytes } from '../../util/sha256';
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
 * `attachment-hash-mismatch`; an absent index is `attachment-chunk-missing`; a file of another size
 * is `attachment-size-mismatch`; more chunks than a file may have is `attachment-too-large`.
 * Linear in the chunks' size.
 */
export function assembleAttachment(
  expected: ExpectedAttachment,
  chunks: readonly AttachmentChunk[],
): AssembleAttachmentResult {
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
  const parts = new Map<number, { data: string; bytes: Uint8Array }>();
  for (const chunk of chunks) {
    if (chunk.count !== wanted) {
      return failed(
        'attachment-chunk-corrupt',
        `${name}: a chunk says the file has ${String(chunk.count)} chunks; ${expected.size} bytes make ${wanted}.`,
      );
    }
    if (!Number.isSafeInteger(chunk.index) || chunk.index < 0 || chunk.index >= wanted) {
      return failed(
        'attachment-chunk-corrupt',
        `${name}: chunk index ${String(chunk.index)} is outside 0..${wanted - 1}.`,
      );
    }
    const seen = parts.get(chunk.index);
    if (seen) {
      if (seen.data !== chunk.data) {
        return failed(
          'attachment-chunk-corrupt',
          `${name}: chunk ${chunk.index} is given twice with different data.`,
        );
      }
      continue;
    }
    if (typeof chunk.data !== 'string' || chunk.data.length > ATTACHMENT_CHUNK_MAX_DATA_CHARS) {
      return failed(
        'attachment-chunk-corrupt',
        `${name}: chunk ${chunk.index} carries more than ${ATTACHMENT_CHUNK_MAX_BYTES} bytes.`,
      );
    }
    const bytes = decodeBase64Url(chunk.data);
    if (bytes === null) {
      return failed(
        'attachment-chunk-corrupt',
        `${name}: chunk ${chunk.index}'s data is not unpadded base64url.`,
      );
    }
    const hash = sha256HexOfBytes(bytes);
    if (hash !== chunk.sha256) {
      return failed(
        'attachment-hash-mismatch',
        `${name}: chunk ${chunk.index}'s bytes hash to ${hash}; the chunk says ${String(chunk.sha256)}.`,
      );
    }
    parts.set(chunk.index, { data: chunk.data, bytes });
  }
  const missing: number[] = [];
  for (let index = 0; index < wanted && missing.length < 10; index++)
    if (!parts.has(index)) missing.push(index);
  if (missing.length > 0) {
    return failed(
      'attachment-chunk-missing',
      `${name}: chunk(s) ${missing.join(', ')} of 0..${wanted - 1} are missing.`,
    );
  }
  let total = 0;
  for (const part of parts.values()) total += part.bytes.length;
  if (total !== expected.size) {
    return failed(
      'attachment-size-mismatch',
      `${name}: the chunks hold ${total} bytes; the file is ${expected.size}.`,
    );
  }
  const file = new Uint8Array(total);
  let offset = 0;
  for (let index = 0; index < wanted; index++) {
    const part = parts.get(index);
    if (!part) break;
    file.set(part.bytes, offset);
    offset += part.bytes.length;
  }
  const hash = sha256HexOfBytes(file);
  if (hash !== expected.sha256) {
    return failed(
      'attachment-hash-mismatch',
      `${name}: the file's bytes hash to ${hash}; the sender announced ${expected.sha256}.`,
    );
  }
  return { ok: true, bytes: file };
}

function failed(code: AttachmentErrorCode, message: string): { ok: false; error: AttachmentError } {
  return { ok: false, error: { code, message } };
}
