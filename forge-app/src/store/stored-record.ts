/**
 * A record (a link, a `previous` replica, a queue item) in Forge KVS through the core's storage
 * codec: `encodeStored` cuts it into chunks with a header and the record's hash. A record whose
 * one chunk is small enough rides inline in its entity (`record`); a larger one is written to
 * plain KVS keys `<base>:<n>` before the entity that points at it (the entity's conditional
 * write is the commit point, so a reader never sees half a record), each key holding a piece of
 * at most `PIECE_UNITS` UTF-16 units: at most 180,000 bytes even when every character is escaped
 * or takes three UTF-8 bytes, under the 240 KiB value limit.
 */
import { kvs } from '@forge/kvs';
import { decodeStored, encodeStored, type DecodeStoredResult } from '@tandem/shared-ts/engine';

/** UTF-16 units per stored piece (3 bytes each at worst: 180,000 bytes). */
export const PIECE_UNITS = 60_000;

/** Where a record is: inline (`chunks` 0) or in `chunks` pieces under a base key. */
export interface RecordPlace {
  /** The one chunk, inline; '' when the record is in pieces (or absent). */
  record: string;
  /** How many pieces hold it (0 when inline). */
  chunks: number;
}

interface Piece {
  /** The codec chunk this piece belongs to (0-based). */
  c: number;
  t: string;
}

/** Bytes of a string as a JSON value (what a KVS value measures). */
export function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8');
}

/**
 * Encodes a record; inline when its one chunk takes at most `inlineBytes`, otherwise writes the
 * pieces under `base` (keys `<base>:0`, `<base>:1`, ...). Throws when the record cannot be stored
 * (not JSON, over the codec's size): a port that throws reports a transient failure.
 */
export async function writeRecord(base: string, value: unknown, inlineBytes: number): Promise<RecordPlace> {
  const encoded = await encodeStored(value);
  if (!encoded.ok) throw new Error(`${encoded.error.code}: ${encoded.error.message}`);
  const [only] = encoded.chunks;
  if (encoded.chunks.length === 1 && only !== undefined && jsonBytes(only) <= inlineBytes)
    return { record: only, chunks: 0 };
  const pieces: Piece[] = [];
  encoded.chunks.forEach((chunk, c) => {
    for (let start = 0; start < chunk.length; start += PIECE_UNITS)
      pieces.push({ c, t: chunk.slice(start, start + PIECE_UNITS) });
  });
  for (const [n, piece] of pieces.entries()) await kvs.set(`${base}:${n}`, piece);
  return { record: '', chunks: pieces.length };
}

/** Reads a record back (a missing or altered piece is a coded failure, from the codec). */
export async function readRecord(base: string, place: RecordPlace): Promise<DecodeStoredResult> {
  if (place.chunks === 0) return decodeStored([place.record]);
  const pieces = await Promise.all(
    Array.from({ length: place.chunks }, (_, n) => kvs.get<Piece>(`${base}:${n}`)),
  );
  const chunks: string[] = [];
  for (const piece of pieces) {
    if (!piece || typeof piece.t !== 'string' || typeof piece.c !== 'number') continue;
    chunks[piece.c] = (chunks[piece.c] ?? '') + piece.t;
  }
  return decodeStored(chunks.filter((chunk) => chunk !== undefined));
}

/** Deletes the pieces of a record (nothing for an inline one). Best effort: a leftover piece is only space. */
export async function deleteRecord(base: string, place: RecordPlace): Promise<void> {
  for (let n = 0; n < place.chunks; n++) await kvs.delete(`${base}:${n}`);
}
