/**
 * The storage codec: how the adapters store a record (a link, a `previous` replica, a queue item)
 * that may be larger than one stored value. Forge KVS values are at most 240 KiB and a Salesforce
 * Long Text Area holds 131,072 characters, so a record is written as JSON and cut into chunks of
 * at most `STORED_CHUNK_MAX_UNITS` UTF-16 code units AND `STORED_CHUNK_MAX_BYTES` UTF-8 bytes,
 * each fitting either store with room to spare. Every chunk starts with a fixed-width header
 * naming its place and the SHA-256 of the whole record's JSON, so a missing, repeated, mixed-up
 * (from another write) or altered chunk is detected and refused with a code, never read as data.
 * docs/replica.md, "Storing records: the storage codec".
 *
 * Chunk format: `TS1 <index>/<count> <sha256 hex>\n<part of the JSON>`, index and count four
 * digits each (1-based), so the header is always `STORED_HEADER_LENGTH` ASCII characters. A chunk
 * never ends inside a surrogate pair. Linear in the record's size.
 */
import type { JsonValue } from '../../replica';
import { canonicalJson } from '../../util/canonical-json';
import { sha256Hex } from '../../util/digest';
import { inspectJson } from '../../util/inspect-json';

/** Most UTF-16 code units per chunk, header included (a Long Text Area holds 131,072). */
export const STORED_CHUNK_MAX_UNITS = 120_000;

/** Most UTF-8 bytes per chunk, header included (a KVS value holds 240 KiB = 245,760). */
export const STORED_CHUNK_MAX_BYTES = 200_000;

/** Most chunks per record (9,999 fit the header; a record is far smaller in practice). */
export const STORED_MAX_CHUNKS = 64;

/** The length of every chunk's header, in characters (all ASCII). */
export const STORED_HEADER_LENGTH = 'TS1 0001/0001 '.length + 64 + 1;

/** Nesting and size a stored record may have: a link or replica with room for the engine's wrapping. */
const STORED_LIMITS = { maxDepth: 300, maxValues: 4 * 1_048_576 };

const HEADER = /^TS1 (\d{4})\/(\d{4}) ([0-9a-f]{64})\n/;

/** Why a record could not be stored or read back. */
export type StoredCodecErrorCode =
  /** The value is not plain JSON (a cycle, undefined, a function), or is nested too deep. */
  | 'stored-not-json'
  /** The record needs more than `STORED_MAX_CHUNKS` chunks. */
  | 'stored-too-large'
  /** No chunks, or not all of them: some index of 1..count is absent. */
  | 'stored-chunk-missing'
  /** A chunk is not one of ours: no header, a bad header, too long, or chunks of different writes. */
  | 'stored-chunk-corrupt'
  /** The chunks fit together but their content does not hash to the record's hash (altered). */
  | 'stored-hash-mismatch';

/** A coded error with a message naming the problem. */
export interface StoredCodecError {
  code: StoredCodecErrorCode;
  message: string;
}

/** The chunks of a record, in order, or why it cannot be stored. */
export type EncodeStoredResult = { ok: true; chunks: string[] } | { ok: false; error: StoredCodecError };

/** The record read back, or why not. */
export type DecodeStoredResult = { ok: true; value: JsonValue } | { ok: false; error: StoredCodecError };

/** Writes a record as chunks that each fit a KVS value and a Long Text Area. Never throws. */
export async function encodeStored(value: unknown): Promise<EncodeStoredResult> {
  const problems = inspectJson(value, STORED_LIMITS);
  const problem = problems[0];
  if (problem) return failed('stored-not-json', `The record cannot be stored as JSON: ${problem.message}`);
  const json = canonicalJson(value);
  const parts = splitJson(json);
  if (parts.length > STORED_MAX_CHUNKS) {
    return failed(
      'stored-too-large',
      `The record needs ${parts.length} chunks; at most ${STORED_MAX_CHUNKS} are stored (about ${Math.round((STORED_MAX_CHUNKS * STORED_CHUNK_MAX_UNITS) / 1000)}k characters).`,
    );
  }
  const hash = await sha256Hex(json);
  const count = pad(parts.length);
  return { ok: true, chunks: parts.map((part, index) => `TS1 ${pad(index + 1)}/${count} ${hash}\n${part}`) };
}

/**
 * Reads a record back from its chunks (in any order): refuses, with a code, no chunks, a missing
 * or repeated index, chunks of different writes, a chunk without a valid header or over the
 * limits, content that does not hash to the record's hash, and JSON that does not parse.
 * Never throws.
 */
export async function decodeStored(chunks: readonly string[]): Promise<DecodeStoredResult> {
  if (chunks.length === 0) return failed('stored-chunk-missing', 'There are no chunks to read.');
  if (chunks.length > STORED_MAX_CHUNKS) {
    return failed(
      'stored-chunk-corrupt',
      `${chunks.length} chunks given; a record has at most ${STORED_MAX_CHUNKS}.`,
    );
  }
  let count = 0;
  let hash = '';
  const parts = new Map<number, string>();
  for (const [position, chunk] of chunks.entries()) {
    const header = typeof chunk === 'string' ? HEADER.exec(chunk.slice(0, STORED_HEADER_LENGTH)) : null;
    if (!header)
      return failed('stored-chunk-corrupt', `Chunk ${position + 1} of those given has no valid header.`);
    if (chunk.length > STORED_CHUNK_MAX_UNITS) {
      return failed(
        'stored-chunk-corrupt',
        `Chunk ${position + 1} of those given is longer than a chunk may be.`,
      );
    }
    const index = Number(header[1]);
    const total = Number(header[2]);
    const chunkHash = header[3] ?? '';
    if (position === 0) {
      count = total;
      hash = chunkHash;
    } else if (total !== count || chunkHash !== hash) {
      return failed(
        'stored-chunk-corrupt',
        `Chunk ${index}/${total} belongs to another write than chunk 1 of those given.`,
      );
    }
    if (index < 1 || index > total)
      return failed('stored-chunk-corrupt', `Chunk index ${index} is outside 1..${total}.`);
    if (parts.has(index)) return failed('stored-chunk-corrupt', `Chunk ${index}/${total} is given twice.`);
    parts.set(index, chunk.slice(STORED_HEADER_LENGTH));
  }
  const missing: number[] = [];
  for (let index = 1; index <= count && missing.length < 10; index++)
    if (!parts.has(index)) missing.push(index);
  if (missing.length > 0) {
    return failed('stored-chunk-missing', `Chunk(s) ${missing.join(', ')} of ${count} are missing.`);
  }
  const json = Array.from({ length: count }, (_, index) => parts.get(index + 1) ?? '').join('');
  if ((await sha256Hex(json)) !== hash) {
    return failed(
      'stored-hash-mismatch',
      `The chunks do not hash to the record's hash ${hash}: the record was altered.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return failed(
      'stored-chunk-corrupt',
      `The record is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const problem = inspectJson(value, STORED_LIMITS)[0];
  if (problem) return failed('stored-not-json', `The record read back is out of bounds: ${problem.message}`);
  return { ok: true, value: value as JsonValue };
}

/** Cuts JSON text into parts that, with a header, fit both limits; never inside a surrogate pair. */
function splitJson(json: string): string[] {
  const maxUnits = STORED_CHUNK_MAX_UNITS - STORED_HEADER_LENGTH;
  const maxBytes = STORED_CHUNK_MAX_BYTES - STORED_HEADER_LENGTH;
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  let index = 0;
  while (index < json.length) {
    const unit = json.charCodeAt(index);
    const pair = unit >= 0xd800 && unit <= 0xdbff && isLow(json.charCodeAt(index + 1));
    const width = pair ? 2 : 1;
    const size = pair ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    if (index + width - start > maxUnits || bytes + size > maxBytes) {
      parts.push(json.slice(start, index));
      start = index;
      bytes = 0;
    }
    bytes += size;
    index += width;
  }
  parts.push(json.slice(start));
  return parts;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

function failed(code: StoredCodecErrorCode, message: string): { ok: false; error: StoredCodecError } {
  return { ok: false, error: { code, message } };
}
