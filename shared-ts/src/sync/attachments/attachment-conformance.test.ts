/**
 * The attachment transfer vectors (shared-ts/conformance/attachments/*.json), run against the
 * TypeScript core. Each vector is language-neutral: the Apex port runs the same files.
 * docs/protocol.md, "Attachment vectors", describes the shape:
 * - `plan`: `planAttachmentTransfer(meta, caps)` must give `expected` (chunk ranges, a link with
 *   its note, or a failure code).
 * - `transfer`: a file of `file.size` bytes where byte i is `(i * 31 + file.seed) mod 256`, cut
 *   by the sender (every chunk), then the `deliver` steps applied to the chunk list, then put
 *   together against `announce` (default: the file's true size and SHA-256); `expected` is
 *   `{ ok: true, sha256 }` of the bytes assembled, or `{ ok: false, code }`.
 * - `wants`: `planAttachmentWants(attachments, stored)` must give `expected`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256HexOfBytes } from '../../util/sha256';
import { assembleAttachment } from './assemble-attachment';
import { pureSha256 } from './attachment-hash';
import {
  planAttachmentTransfer,
  planAttachmentWants,
  type AttachmentCaps,
  type AttachmentChunk,
  type AttachmentMeta,
} from './attachment-transfer';
import { cutWholeFile } from './testing/cut-whole-file';

/** One change to the delivered chunk list. */
type DeliverStep =
  | { op: 'reverse' }
  | { op: 'drop'; index: number }
  | { op: 'repeat'; index: number }
  /** Replaces the first character of a chunk's data (`A`, or `B` when it is `A`); its `sha256` stays. */
  | { op: 'flip'; index: number }
  /** Sets one member of a chunk (`data`, `count`, `index`, `sha256`) to `value`. */
  | { op: 'set'; index: number; field: keyof AttachmentChunk; value: unknown }
  /** Adds a copy of chunk `index` with one member set to `value`. */
  | { op: 'add'; index: number; field: keyof AttachmentChunk; value: unknown };

type Vector =
  | {
      name: string;
      description: string;
      kind: 'plan';
      meta: AttachmentMeta;
      caps?: AttachmentCaps;
      expected: unknown;
    }
  | {
      name: string;
      description: string;
      kind: 'transfer';
      file: { size: number; seed: number };
      deliver: DeliverStep[];
      announce?: { size?: number; sha256?: string };
      expected: { ok: true; sha256: string } | { ok: false; code: string };
    }
  | {
      name: string;
      description: string;
      kind: 'wants';
      attachments: { id: string; ref: string; sha256?: string | null }[];
      stored: Record<string, string>;
      expected: unknown;
    };

const DIR = path.join(__dirname, '../../../conformance/attachments');
const vectors = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Vector);

function fileOf(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

function delivered(chunks: AttachmentChunk[], steps: readonly DeliverStep[]): AttachmentChunk[] {
  let list = chunks.map((chunk) => ({ ...chunk }));
  for (const step of steps) {
    if (step.op === 'reverse') list = list.reverse();
    else if (step.op === 'drop') list = list.filter((chunk) => chunk.index !== step.index);
    else {
      const at = list.findIndex((chunk) => chunk.index === step.index);
      const chunk = list[at];
      if (!chunk) throw new Error(`no chunk ${step.index} to ${step.op}`);
      if (step.op === 'repeat') list.push({ ...chunk });
      else if (step.op === 'flip')
        list[at] = { ...chunk, data: `${chunk.data.startsWith('A') ? 'B' : 'A'}${chunk.data.slice(1)}` };
      else if (step.op === 'set') list[at] = { ...chunk, [step.field]: step.value };
      else list.push({ ...chunk, [step.field]: step.value });
    }
  }
  return list;
}

describe('attachment transfer conformance vectors', () => {
  it('has vectors for each kind and each failure code', () => {
    const codes = new Set(
      vectors.flatMap((v) =>
        v.kind === 'transfer' && !v.expected.ok
          ? [v.expected.code]
          : v.kind === 'plan'
            ? [JSON.stringify(v.expected).match(/"(attachment-[a-z-]+)"/)?.[1] ?? '']
            : [],
      ),
    );
    for (const code of [
      'attachment-invalid',
      'attachment-too-large',
      'attachment-connection-cap',
      'attachment-chunk-missing',
      'attachment-chunk-corrupt',
      'attachment-hash-mismatch',
      'attachment-size-mismatch',
    ])
      expect([code, codes.has(code)]).toEqual([code, true]);
    expect(new Set(vectors.map((v) => v.kind))).toEqual(new Set(['plan', 'transfer', 'wants']));
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    if (vector.kind === 'plan') {
      expect(planAttachmentTransfer(vector.meta, vector.caps ?? {})).toEqual(vector.expected);
      return;
    }
    if (vector.kind === 'wants') {
      expect(planAttachmentWants(vector.attachments, (id) => vector.stored[id] ?? null)).toEqual(
        vector.expected,
      );
      return;
    }
    const bytes = fileOf(vector.file.size, vector.file.seed);
    const cut = await cutWholeFile({ id: 'f', filename: 'f.bin', size: bytes.length }, bytes, pureSha256);
    const result = await assembleAttachment(
      {
        id: 'f',
        size: vector.announce?.size ?? bytes.length,
        sha256: vector.announce?.sha256 ?? cut.sha256,
      },
      delivered(cut.chunks, vector.deliver),
      pureSha256,
    );
    expect(
      result.ok
        ? { ok: true, sha256: sha256HexOfBytes(result.bytes) }
        : { ok: false, code: result.error.code },
    ).toEqual(vector.expected);
  });
});
