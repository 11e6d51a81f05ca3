import { sha256HexOfBytes } from '../../util/sha256';
import { queueKey } from '../model/queue-item';
import { assembleAttachment, checkChunkPlace } from './assemble-attachment';
import { defaultSha256, pureSha256 } from './attachment-hash';
import {
  ATTACHMENT_CHUNK_MAX_BYTES,
  ATTACHMENT_MAX_FILE_BYTES_LIMIT,
  DEFAULT_ATTACHMENT_MAX_FILE_BYTES,
} from './attachment-limits';
import {
  attachmentKey,
  attachmentQueueKey,
  cutAttachment,
  formatBytes,
  planAttachmentTransfer,
  planAttachmentWants,
  type AttachmentChunk,
  type AttachmentMeta,
  type AttachmentPlan,
} from './attachment-transfer';
import { cutWholeFile, rangesOf } from './testing/cut-whole-file';

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

function bytesOf(size: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

function chunked(plan: AttachmentPlan): Extract<AttachmentPlan, { kind: 'chunks' }> {
  if (plan.kind !== 'chunks') throw new Error(`expected chunks, got ${plan.kind}`);
  return plan;
}

const meta = (size: number, extra: Partial<AttachmentMeta> = {}): AttachmentMeta => ({
  id: '10200',
  filename: 'log.txt',
  size,
  ...extra,
});

describe('planAttachmentTransfer', () => {
  it('cuts a file into chunks of at most 90 KiB covering every byte once', () => {
    const size = 3 * ATTACHMENT_CHUNK_MAX_BYTES + 5;
    const plan = chunked(planAttachmentTransfer(meta(size)));
    expect(plan.count).toBe(4);
    expect(plan.chunks.map((c) => c.length)).toEqual([
      ATTACHMENT_CHUNK_MAX_BYTES,
      ATTACHMENT_CHUNK_MAX_BYTES,
      ATTACHMENT_CHUNK_MAX_BYTES,
      5,
    ]);
    expect(plan.chunks.map((c) => c.offset)).toEqual([0, 1, 2, 3].map((i) => i * ATTACHMENT_CHUNK_MAX_BYTES));
  });

  it('plans an empty file as one empty chunk and an exact multiple without an empty tail', () => {
    expect(chunked(planAttachmentTransfer(meta(0))).chunks).toEqual([{ index: 0, offset: 0, length: 0 }]);
    expect(chunked(planAttachmentTransfer(meta(2 * ATTACHMENT_CHUNK_MAX_BYTES))).count).toBe(2);
  });

  it('gives a link and a note naming file, size, limit and URL for a file over 25 MB', () => {
    const plan = planAttachmentTransfer(
      meta(30 * 1024 * 1024, { url: 'https://acme.atlassian.net/browse/SUP-42', platformName: 'Jira' }),
    );
    expect(plan).toEqual({
      kind: 'link',
      url: 'https://acme.atlassian.net/browse/SUP-42',
      reason: 'attachment-too-large',
      note: 'File log.txt (30 MB) is over the 25 MB limit; open it in Jira: https://acme.atlassian.net/browse/SUP-42',
    });
  });

  it('takes a file of exactly the cap and refuses one byte more', () => {
    expect(planAttachmentTransfer(meta(DEFAULT_ATTACHMENT_MAX_FILE_BYTES)).kind).toBe('chunks');
    expect(planAttachmentTransfer(meta(DEFAULT_ATTACHMENT_MAX_FILE_BYTES + 1)).kind).toBe('link');
    expect(planAttachmentTransfer(meta(2000), { maxFileBytes: 1999 }).kind).toBe('link');
  });

  it("gives a link when the file would exceed the connection's day allowance", () => {
    const plan = planAttachmentTransfer(meta(600), {
      maxConnectionBytesPerDay: 1000,
      connectionBytesToday: 500,
    });
    expect(plan).toMatchObject({ kind: 'link', url: null, reason: 'attachment-connection-cap' });
    if (plan.kind === 'link') expect(plan.note).toContain('open it in the other system');
    expect(
      planAttachmentTransfer(meta(500), { maxConnectionBytesPerDay: 1000, connectionBytesToday: 500 }).kind,
    ).toBe('chunks');
  });

  it.each([
    [meta(-1), {}],
    [meta(1.5), {}],
    [meta(Number.NaN), {}],
    [meta(10, { sha256: 'ABC' }), {}],
    [meta(10), { maxFileBytes: ATTACHMENT_MAX_FILE_BYTES_LIMIT + 1 }],
    [meta(10), { connectionBytesToday: -3 }],
  ])('refuses unusable metadata or caps with attachment-invalid (%#)', (m, caps) => {
    const plan = planAttachmentTransfer(m, caps);
    expect(plan).toMatchObject({ kind: 'failed', error: { code: 'attachment-invalid' } });
  });
});

describe('cutAttachment and assembleAttachment', () => {
  const size = 2 * ATTACHMENT_CHUNK_MAX_BYTES + 1234;
  const bytes = bytesOf(size);
  const sha256 = sha256HexOfBytes(bytes);
  const m = meta(size, { sha256 });
  const expected = { id: m.id, size, sha256 };
  let cut: { chunks: AttachmentChunk[]; sha256: string };
  beforeAll(async () => {
    cut = await cutWholeFile(m, bytes);
  });

  it('round-trips, in any order, with each chunk at most 120 KiB of base64url', async () => {
    expect(cut.sha256).toBe(sha256);
    for (const chunk of cut.chunks) expect(chunk.data.length).toBeLessThanOrEqual(120 * 1024);
    const result = await assembleAttachment(expected, [...cut.chunks].reverse());
    expect(result.ok && Array.from(result.bytes)).toEqual(Array.from(bytes));
  });

  it('gives the same answer through WebCrypto and through the pure-JS port', async () => {
    const native = await assembleAttachment(expected, cut.chunks, defaultSha256());
    const pure = await assembleAttachment(expected, cut.chunks, pureSha256);
    expect(native.ok && pure.ok && native.bytes).toEqual(pure.ok && pure.bytes);
    expect(await defaultSha256()(bytes)).toBe(sha256);
  });

  it('takes a chunk delivered twice as one', async () => {
    const result = await assembleAttachment(expected, [...cut.chunks, at(cut.chunks, 1)]);
    expect(result.ok).toBe(true);
  });

  it('refuses a missing chunk, naming it', async () => {
    const result = await assembleAttachment(expected, [at(cut.chunks, 0), at(cut.chunks, 2)]);
    expect(result).toMatchObject({ ok: false, error: { code: 'attachment-chunk-missing' } });
    if (!result.ok) expect(result.error.message).toContain('chunk(s) 1 of 0..2');
    expect(await assembleAttachment(expected, [])).toMatchObject({
      error: { code: 'attachment-chunk-missing' },
    });
  });

  it('refuses a chunk whose bytes do not match its hash', async () => {
    const altered = {
      ...at(cut.chunks, 1),
      data: `${at(cut.chunks, 1).data.startsWith('A') ? 'B' : 'A'}${at(cut.chunks, 1).data.slice(1)}`,
    };
    const result = await assembleAttachment(expected, [at(cut.chunks, 0), altered, at(cut.chunks, 2)]);
    expect(result).toMatchObject({ ok: false, error: { code: 'attachment-hash-mismatch' } });
  });

  it('refuses chunks that agree with themselves but not with the file hash', async () => {
    const other = sha256HexOfBytes(bytesOf(size, 8));
    const result = await assembleAttachment({ ...expected, sha256: other }, cut.chunks);
    expect(result).toMatchObject({ ok: false, error: { code: 'attachment-hash-mismatch' } });
  });

  it('refuses a wrong count, an index out of range, bad base64url and two different chunks at one index', async () => {
    const c0 = at(cut.chunks, 0);
    const cases = [
      [{ ...c0, count: 4 }],
      [{ ...c0, index: 3 }],
      [{ ...c0, index: -1 }],
      [{ ...c0, data: `${c0.data.slice(0, -2)}a=` }, ...cut.chunks.slice(1)],
      [{ ...c0, data: `*${c0.data.slice(1)}` }, ...cut.chunks.slice(1)],
      [c0, { ...c0, data: `${c0.data.startsWith('A') ? 'B' : 'A'}${c0.data.slice(1)}` }],
    ];
    for (const [position, chunks] of cases.entries()) {
      expect([position, await assembleAttachment(expected, chunks)]).toMatchObject([
        position,
        { ok: false, error: { code: 'attachment-chunk-corrupt' } },
      ]);
    }
  });

  it('refuses a chunk shorter than its place in the file', async () => {
    const c0 = at(cut.chunks, 0);
    const result = await assembleAttachment(expected, [
      { ...c0, data: c0.data.slice(4) },
      ...cut.chunks.slice(1),
    ]);
    expect(result).toMatchObject({ ok: false, error: { code: 'attachment-size-mismatch' } });
    expect(checkChunkPlace(expected, at(cut.chunks, 2))).toBeNull();
  });

  it('refuses a file announced larger than any file may be, before reading chunks', async () => {
    const result = await assembleAttachment(
      { ...expected, size: ATTACHMENT_MAX_FILE_BYTES_LIMIT + 1 },
      cut.chunks,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'attachment-too-large' } });
  });

  it('cuts at most 8 chunks per call, from the chunk asked for, reading only their ranges', async () => {
    const big = 20 * ATTACHMENT_CHUNK_MAX_BYTES + 7;
    const file = bytesOf(big, 3);
    const bigMeta = meta(big, { sha256: sha256HexOfBytes(file) });
    const read: [number, number][] = [];
    const plan = chunked(planAttachmentTransfer(bigMeta));
    const result = await cutAttachment(
      bigMeta,
      plan,
      (offset, length) => {
        read.push([offset, length]);
        return rangesOf(file)(offset, length);
      },
      { from: 16 },
    );
    expect(result.ok && result.chunks.map((c) => c.index)).toEqual([16, 17, 18, 19, 20]);
    expect(read.every(([, length]) => length <= ATTACHMENT_CHUNK_MAX_BYTES)).toBe(true);
    expect((await cutAttachment(bigMeta, plan, rangesOf(file), { maxChunks: 3 })).ok).toBe(true);
    expect(await cutAttachment(bigMeta, plan, rangesOf(file), { from: 21 })).toMatchObject({
      ok: false,
      error: { code: 'attachment-chunk-corrupt' },
    });
  });

  it('hashes the whole file when the metadata has no hash', async () => {
    const plain = meta(size);
    const result = await cutAttachment(plain, chunked(planAttachmentTransfer(plain)), rangesOf(bytes), {
      maxChunks: 1,
    });
    expect(result.ok && result.sha256).toBe(sha256);
  });

  it('refuses to cut a file that reads shorter than its metadata says, or is gone', async () => {
    const plan = chunked(planAttachmentTransfer(m));
    expect(await cutAttachment(m, plan, rangesOf(bytes.subarray(1)), { from: 2 })).toMatchObject({
      ok: false,
      error: { code: 'attachment-size-mismatch' },
    });
    expect(await cutAttachment(m, plan, () => Promise.resolve(null))).toMatchObject({
      ok: false,
      error: { code: 'attachment-chunk-missing' },
    });
  });
});

describe('attachmentKey and planAttachmentWants', () => {
  const hash = 'a'.repeat(64);

  it('keys a file by connection, remote id and hash, unambiguously', () => {
    expect(attachmentKey('c', '1', hash)).toBe(attachmentKey('c', '1', hash));
    expect(attachmentKey('c', '1', hash)).not.toBe(attachmentKey('c', '1', 'b'.repeat(64)));
    expect(attachmentKey('a:1', '2', hash)).not.toBe(attachmentKey('a', '1:2', hash));
  });

  it("queues each attachment under its own key beside the record's", () => {
    const entity = { platform: 'jira', type: 'issue', id: '10042' };
    expect(attachmentQueueKey('conn-1', entity, '10200')).toBe('conn-1:issue:10042:att:10200');
    expect(queueKey('conn-1', entity)).toBe('conn-1:issue:10042');
    expect(attachmentQueueKey('conn-1', entity, '10200')).not.toBe(
      attachmentQueueKey('conn-1', entity, '10201'),
    );
  });

  it('wants a file not stored, or stored with another hash, and not one already stored', () => {
    const stored = new Map([
      ['1', hash],
      ['2', hash],
    ]);
    const wants = planAttachmentWants(
      [
        { id: '1', ref: 'attachment:1', sha256: hash },
        { id: '2', ref: 'attachment:2', sha256: 'b'.repeat(64) },
        { id: '3', ref: 'attachment:3', sha256: null },
        { id: '1', ref: 'attachment:1' },
      ],
      (id) => stored.get(id) ?? null,
    );
    expect(wants).toEqual([
      { id: '2', ref: 'attachment:2' },
      { id: '3', ref: 'attachment:3' },
    ]);
  });

  it('formats sizes as a person reads them', () => {
    expect([formatBytes(12), formatBytes(1536), formatBytes(25 * 1024 * 1024)]).toEqual([
      '12 bytes',
      '1.5 KB',
      '25 MB',
    ]);
  });
});
