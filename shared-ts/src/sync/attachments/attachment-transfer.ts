/**
 * Attachments through the rendezvous, the pure core (no I/O). The transfer is receiver-driven: a
 * receiver that sees, in a replica, an attachment it does not have asks the sender for it by
 * `ref` (`planAttachmentWants`); the sender plans the file (`planAttachmentTransfer`): chunks of
 * at most `ATTACHMENT_CHUNK_MAX_BYTES`, or, over the per-file or per-connection cap, a visible
 * fallback (a link and a note the receiving adapter posts as a comment, never a silent drop); it
 * cuts, per answer, the chunks one message carries (`cutAttachment`, reading by range) and the receiver puts them back together, checking every
 * chunk's hash and the file's SHA-256 (`assembleAttachment`). A file is identified by
 * `attachmentKey(connection, remote attachment id, file hash)`, so a file delivered twice is one
 * file. docs/protocol.md, "Attachments"; docs/replica.md, attachment `ref`.
 */
import { MAX_ATTACHMENT_CHUNKS_PER_MESSAGE } from '../../protocol/message-envelope';
import { encodeBase64Url } from '../../protocol/base64url';
import { defaultSha256, type Sha256 } from './attachment-hash';
import {
  ATTACHMENT_CHUNK_MAX_BYTES,
  ATTACHMENT_MAX_FILE_BYTES_LIMIT,
  DEFAULT_ATTACHMENT_MAX_CONNECTION_BYTES_PER_DAY,
  DEFAULT_ATTACHMENT_MAX_FILE_BYTES,
} from './attachment-limits';

/** Why an attachment could not be planned, transferred or put back together. */
export type AttachmentErrorCode =
  /** The metadata or caps are not usable: a size that is not a whole number of bytes, a bad hash. */
  | 'attachment-invalid'
  /** The file is over the per-file cap (or the configurable cap's limit). */
  | 'attachment-too-large'
  /** The file would take the connection over its per-day byte allowance. */
  | 'attachment-connection-cap'
  /** No chunks, or not all of them: some index of 0..count-1 is absent. */
  | 'attachment-chunk-missing'
  /** A chunk is not one of this file's: bad index or count, data that is not base64url, too long, or two different chunks at one index. */
  | 'attachment-chunk-corrupt'
  /** A chunk's bytes do not hash to the chunk's `sha256`, or the file's bytes do not hash to the file's. */
  | 'attachment-hash-mismatch'
  /** The chunks put together are not the announced number of bytes. */
  | 'attachment-size-mismatch';

/** A coded failure with a message naming the problem. */
export interface AttachmentError {
  code: AttachmentErrorCode;
  message: string;
}

/** What the sender knows of one attachment (the replica's attachment, plus where a person opens it). */
export interface AttachmentMeta {
  /** Id on the sending side (the replica attachment's `id`). */
  id: string;
  filename: string;
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the bytes (64 lowercase hex digits), when known. */
  sha256?: string | null;
  /** Where a person can open the file (or its record) on the sending side, for the fallback note. */
  url?: string | null;
  /** The sending platform's display name for the note (`Jira`, `Salesforce`). */
  platformName?: string;
}

/** The caps a connection applies; every member has a default. */
export interface AttachmentCaps {
  /** Per-file cap in bytes (default 25 MiB, at most `ATTACHMENT_MAX_FILE_BYTES_LIMIT`). */
  maxFileBytes?: number;
  /** Per-connection allowance in bytes per UTC day (default 1 GiB). */
  maxConnectionBytesPerDay?: number;
  /** Bytes this connection has already transferred today (default 0). */
  connectionBytesToday?: number;
}

/** One chunk's place in the file: bytes `offset` to `offset + length` (exclusive). */
export interface ChunkRange {
  index: number;
  offset: number;
  length: number;
}

/** The plan of one file: its chunks, a visible fallback, or why it cannot be planned. */
export type AttachmentPlan =
  | { kind: 'chunks'; count: number; chunks: ChunkRange[] }
  | {
      kind: 'link';
      /** Where a person can open the file, or null when the sender knows no URL. */
      url: string | null;
      /** The note the receiving adapter posts as a comment or note. */
      note: string;
      reason: 'attachment-too-large' | 'attachment-connection-cap';
    }
  | { kind: 'failed'; error: AttachmentError };

/** One chunk as it travels: its place, its bytes in unpadded base64url, and their SHA-256. */
export interface AttachmentChunk {
  /** 0-based. */
  index: number;
  /** How many chunks the file has. */
  count: number;
  /** The chunk's bytes, unpadded base64url (RFC 4648 section 5). */
  data: string;
  /** SHA-256 of the chunk's bytes, 64 lowercase hex digits. */
  sha256: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Plans the transfer of one file under the connection's caps. A file over the per-file cap or
 * the day's allowance gets a `link` result with a note naming the file, its size, the cap and
 * where to open it; anything else gets chunk ranges of at most `ATTACHMENT_CHUNK_MAX_BYTES`
 * (an empty file is one empty chunk). Never throws.
 */
export function planAttachmentTransfer(meta: AttachmentMeta, caps: AttachmentCaps = {}): AttachmentPlan {
  const maxFile = caps.maxFileBytes ?? DEFAULT_ATTACHMENT_MAX_FILE_BYTES;
  const perDay = caps.maxConnectionBytesPerDay ?? DEFAULT_ATTACHMENT_MAX_CONNECTION_BYTES_PER_DAY;
  const today = caps.connectionBytesToday ?? 0;
  if (!isByteCount(maxFile) || maxFile > ATTACHMENT_MAX_FILE_BYTES_LIMIT) {
    return failedPlan(
      'attachment-invalid',
      `The per-file cap must be a whole number of bytes from 0 to ${ATTACHMENT_MAX_FILE_BYTES_LIMIT}; it is ${String(maxFile)}.`,
    );
  }
  if (!isByteCount(perDay) || !isByteCount(today)) {
    return failedPlan(
      'attachment-invalid',
      `The per-day allowance and today's bytes must be whole numbers of bytes; they are ${String(perDay)} and ${String(today)}.`,
    );
  }
  if (!isByteCount(meta.size)) {
    return failedPlan(
      'attachment-invalid',
      `Attachment ${meta.id}: size must be a whole number of bytes; it is ${String(meta.size)}.`,
    );
  }
  if (meta.sha256 != null && !HEX64.test(meta.sha256)) {
    return failedPlan('attachment-invalid', `Attachment ${meta.id}: sha256 must be 64 lowercase hex digits.`);
  }
  const where = meta.platformName ?? 'the other system';
  const open = meta.url ? `open it in ${where}: ${meta.url}` : `open it in ${where}`;
  if (meta.size > maxFile) {
    return {
      kind: 'link',
      url: meta.url ?? null,
      reason: 'attachment-too-large',
      note: `File ${meta.filename} (${formatBytes(meta.size)}) is over the ${formatBytes(maxFile)} limit; ${open}`,
    };
  }
  if (today + meta.size > perDay) {
    return {
      kind: 'link',
      url: meta.url ?? null,
      reason: 'attachment-connection-cap',
      note: `File ${meta.filename} (${formatBytes(meta.size)}) is over this connection's ${formatBytes(perDay)} per-day attachment allowance (${formatBytes(today)} used today); ${open}`,
    };
  }
  const count = Math.max(1, Math.ceil(meta.size / ATTACHMENT_CHUNK_MAX_BYTES));
  const chunks: ChunkRange[] = [];
  for (let index = 0; index < count; index++) {
    const offset = index * ATTACHMENT_CHUNK_MAX_BYTES;
    chunks.push({ index, offset, length: Math.min(ATTACHMENT_CHUNK_MAX_BYTES, meta.size - offset) });
  }
  return { kind: 'chunks', count, chunks };
}

/** Reads bytes `offset` to `offset + length` (exclusive) of one file, or null when it is gone. */
export type ReadAttachmentRange = (offset: number, length: number) => Promise<Uint8Array | null>;

/** Which chunks one answer carries, and how to hash them. */
export interface CutOptions {
  /** The first chunk wanted (0-based; default 0). */
  from?: number;
  /** Most chunks to cut (default and at most `MAX_ATTACHMENT_CHUNKS_PER_MESSAGE`, 8). */
  maxChunks?: number;
  /** The hashing port (default `defaultSha256()`). */
  sha256?: Sha256;
}

/** The chunks one answer carries, the file's SHA-256, or why the file cannot be cut. */
export type CutAttachmentResult =
  { ok: true; chunks: AttachmentChunk[]; sha256: string } | { ok: false; error: AttachmentError };

/**
 * The chunks `from` to `from + maxChunks - 1` of a file planned as `kind: 'chunks'` (only what one
 * `attachment-chunks` answer carries, so a 25 MiB file is never held whole for one message), each
 * read by range and hashed. The file's SHA-256 is the metadata's when it has one (the receiver
 * checks it); otherwise the file is read whole once to hash it. Refuses a read that is not the
 * planned length (`attachment-size-mismatch`), a file that is gone (`attachment-chunk-missing`)
 * and a `from` outside the plan (`attachment-chunk-corrupt`). Never throws; linear in the bytes
 * it reads.
 */
export async function cutAttachment(
  meta: AttachmentMeta,
  plan: Extract<AttachmentPlan, { kind: 'chunks' }>,
  read: ReadAttachmentRange,
  options: CutOptions = {},
): Promise<CutAttachmentResult> {
  const from = options.from ?? 0;
  const most = Math.min(
    options.maxChunks ?? MAX_ATTACHMENT_CHUNKS_PER_MESSAGE,
    MAX_ATTACHMENT_CHUNKS_PER_MESSAGE,
  );
  const hash = options.sha256 ?? defaultSha256();
  if (!Number.isSafeInteger(from) || from < 0 || from >= plan.count) {
    return failed(
      'attachment-chunk-corrupt',
      `Attachment ${meta.id}: chunk ${String(from)} is outside 0..${plan.count - 1}.`,
    );
  }
  let sha256 = meta.sha256 ?? null;
  if (sha256 === null) {
    const whole = await readExactly(meta, read, 0, meta.size);
    if (!whole.ok) return whole;
    sha256 = await hash(whole.bytes);
  }
  const chunks: AttachmentChunk[] = [];
  for (const range of plan.chunks.slice(from, from + Math.max(1, most))) {
    const part = await readExactly(meta, read, range.offset, range.length);
    if (!part.ok) return part;
    chunks.push({
      index: range.index,
      count: plan.count,
      data: encodeBase64Url(part.bytes),
      sha256: await hash(part.bytes),
    });
  }
  return { ok: true, chunks, sha256 };
}

async function readExactly(
  meta: AttachmentMeta,
  read: ReadAttachmentRange,
  offset: number,
  length: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: AttachmentError }> {
  const bytes = await read(offset, length);
  if (bytes === null) {
    return failed('attachment-chunk-missing', `Attachment ${meta.id}: the file is no longer there to read.`);
  }
  if (bytes.length !== length) {
    return failed(
      'attachment-size-mismatch',
      `Attachment ${meta.id}: reading ${length} bytes at ${offset} gave ${bytes.length}; the file is not the ${meta.size} bytes its metadata says.`,
    );
  }
  return { ok: true, bytes };
}

/**
 * The idempotence key of a delivered file: connection, remote attachment id and file hash. The
 * receiver records it when it stores a file and does not store a file whose key it has, so a
 * file delivered twice is one file. Each part is length-prefixed, so no two triples share a key.
 */
export function attachmentKey(connectionId: string, remoteAttachmentId: string, sha256: string): string {
  return `att1:${connectionId.length}:${connectionId}:${remoteAttachmentId.length}:${remoteAttachmentId}:${sha256}`;
}

/**
 * The work-queue key of one attachment's transfer, `conn:type:id:att:<attachment id>`: an item of
 * its own beside the record's (`queueKey`), so a failing file never blocks the record's fields
 * or comments, and two attachments of one record never coalesce.
 */
export function attachmentQueueKey(
  connectionId: string,
  entity: { type: string; id: string },
  attachmentId: string,
): string {
  return `${connectionId}:${entity.type}:${entity.id}:att:${attachmentId}`;
}

/** One attachment of a replica the receiver asks for: its `ref` goes back to the sender. */
export interface AttachmentWant {
  id: string;
  ref: string;
}

/**
 * The attachments of a replica the receiver lacks, to ask for by `ref`: those with no file
 * stored for their id, and those whose announced `sha256` differs from the stored file's (the
 * file changed). `storedHash(id)` is the hash of the file stored for that remote id, or null.
 * Linear in the attachments.
 */
export function planAttachmentWants(
  attachments: readonly { id: string; ref: string; sha256?: string | null }[],
  storedHash: (remoteAttachmentId: string) => string | null,
): AttachmentWant[] {
  const wants: AttachmentWant[] = [];
  for (const attachment of attachments) {
    const stored = storedHash(attachment.id);
    if (stored === null || (attachment.sha256 != null && attachment.sha256 !== stored))
      wants.push({ id: attachment.id, ref: attachment.ref });
  }
  return wants;
}

/** "25 MB", "1.5 MB", "900 KB", "12 bytes": binary units, as a person reads them in a note. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function failed(code: AttachmentErrorCode, message: string): { ok: false; error: AttachmentError } {
  return { ok: false, error: { code, message } };
}

function failedPlan(code: AttachmentErrorCode, message: string): AttachmentPlan {
  return { kind: 'failed', error: { code, message } };
}
