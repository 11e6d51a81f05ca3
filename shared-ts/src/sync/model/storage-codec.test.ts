import {
  decodeStored,
  encodeStored,
  STORED_CHUNK_MAX_BYTES,
  STORED_CHUNK_MAX_UNITS,
  STORED_HEADER_LENGTH,
  STORED_MAX_CHUNKS,
} from './storage-codec';
import { utf8Length } from '../queue/run-budget';

const PAYLOAD_UNITS = STORED_CHUNK_MAX_UNITS - STORED_HEADER_LENGTH;
const PAYLOAD_BYTES = STORED_CHUNK_MAX_BYTES - STORED_HEADER_LENGTH;

async function chunksOf(value: unknown): Promise<string[]> {
  const encoded = await encodeStored(value);
  if (!encoded.ok) throw new Error(encoded.error.message);
  return encoded.chunks;
}

function expectWithinLimits(chunks: string[]): void {
  for (const chunk of chunks) {
    expect(chunk.length).toBeLessThanOrEqual(STORED_CHUNK_MAX_UNITS);
    expect(utf8Length(chunk)).toBeLessThanOrEqual(STORED_CHUNK_MAX_BYTES);
    expect(chunk.at(-1)).not.toMatch(/[\ud800-\udbff]/);
    expect(chunk.slice(STORED_HEADER_LENGTH, STORED_HEADER_LENGTH + 1)).not.toMatch(/[\udc00-\udfff]/);
  }
}

describe('storage codec', () => {
  it('stores a small record as one chunk with a header naming its place and the record hash, and reads it back', async () => {
    const link = { connectionId: 'conn-1', comments: [{ remote: 'c1', local: 'L1' }], version: 3 };
    const chunks = await chunksOf(link);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/^TS1 0001\/0001 [0-9a-f]{64}\n\{/);
    expect(await decodeStored(chunks)).toEqual({ ok: true, value: link });
  });

  it('fills a chunk to exactly its UTF-16 limit and starts a second one a character later', async () => {
    const exact = 'x'.repeat(PAYLOAD_UNITS - 2); // two quotes make the JSON
    const one = await chunksOf(exact);
    expect(one).toHaveLength(1);
    expect(one[0]).toHaveLength(STORED_CHUNK_MAX_UNITS);
    const two = await chunksOf(`${exact}x`);
    expect(two).toHaveLength(2);
    expect(two[0]).toHaveLength(STORED_CHUNK_MAX_UNITS);
    expect(await decodeStored(two)).toEqual({ ok: true, value: `${exact}x` });
  });

  it('cuts multi-byte text by UTF-8 bytes before units: € is 3 bytes, so a chunk holds ~66,000 of them', async () => {
    const text = '€'.repeat(150_000);
    const chunks = await chunksOf(text);
    expectWithinLimits(chunks);
    expect(utf8Length(chunks[0] ?? '')).toBeGreaterThan(STORED_CHUNK_MAX_BYTES - 3);
    expect(chunks).toHaveLength(Math.ceil((3 * 150_000 + 2) / PAYLOAD_BYTES));
    expect(await decodeStored(chunks)).toEqual({ ok: true, value: text });
  });

  it('never cuts a surrogate pair, wherever the limit falls', async () => {
    for (const shift of [0, 1, 2, 3]) {
      const text = `${'a'.repeat(shift)}${'😀'.repeat(80_000)}`;
      const chunks = await chunksOf(text);
      expectWithinLimits(chunks);
      expect(await decodeStored(chunks)).toEqual({ ok: true, value: text });
    }
  });

  it('reads the chunks back in any order', async () => {
    const text = 'é'.repeat(250_000);
    const chunks = await chunksOf(text);
    expect(chunks.length).toBeGreaterThan(2);
    expect(await decodeStored([...chunks].reverse())).toEqual({ ok: true, value: text });
  });

  it('refuses a missing chunk, naming it', async () => {
    const chunks = await chunksOf('y'.repeat(300_000));
    const result = await decodeStored([chunks[0] ?? '', chunks[2] ?? '']);
    expect(result).toEqual({
      ok: false,
      error: { code: 'stored-chunk-missing', message: 'Chunk(s) 2 of 3 are missing.' },
    });
    expect(await decodeStored([])).toMatchObject({ error: { code: 'stored-chunk-missing' } });
  });

  it('refuses chunks of two different writes mixed together, a repeated chunk and a chunk without a header', async () => {
    const older = await chunksOf('a'.repeat(200_000));
    const newer = await chunksOf('b'.repeat(200_000));
    expect(await decodeStored([older[0] ?? '', newer[1] ?? ''])).toMatchObject({
      error: { code: 'stored-chunk-corrupt' },
    });
    expect(await decodeStored([older[0] ?? '', older[0] ?? ''])).toMatchObject({
      error: { code: 'stored-chunk-corrupt' },
    });
    expect(await decodeStored(['{"plain": "json"}'])).toMatchObject({
      error: { code: 'stored-chunk-corrupt' },
    });
  });

  it('refuses an altered chunk by the record hash', async () => {
    const [chunk] = await chunksOf({ subject: 'Printer on fire' });
    const altered = (chunk ?? '').replace('Printer', 'Plotter');
    expect(await decodeStored([altered])).toMatchObject({
      ok: false,
      error: { code: 'stored-hash-mismatch' },
    });
  });

  it('refuses to store what is not plain JSON: a cycle, a lone surrogate, nesting past its depth', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await encodeStored(cyclic)).toMatchObject({ ok: false, error: { code: 'stored-not-json' } });
    expect(await encodeStored('\ud800')).toMatchObject({ ok: false, error: { code: 'stored-not-json' } });
    let deep: unknown = 1;
    for (let level = 0; level < 10_000; level++) deep = [deep];
    expect(await encodeStored(deep)).toMatchObject({ ok: false, error: { code: 'stored-not-json' } });
  });

  it('refuses a record needing more than the most chunks, and reads back one needing exactly that many', async () => {
    const most = 'z'.repeat(STORED_MAX_CHUNKS * PAYLOAD_UNITS - 2);
    const chunks = await chunksOf(most);
    expect(chunks).toHaveLength(STORED_MAX_CHUNKS);
    expect(await encodeStored(`${most}z`)).toMatchObject({ ok: false, error: { code: 'stored-too-large' } });
    expect(await decodeStored([...chunks, chunks[0] ?? ''])).toMatchObject({
      error: { code: 'stored-chunk-corrupt' },
    });
  });

  it('refuses, when reading, a record nested deeper than a stored record may be', async () => {
    const json = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const { sha256Hex } = await import('../../util/digest');
    const chunk = `TS1 0001/0001 ${await sha256Hex(json)}\n${json}`;
    expect(await decodeStored([chunk])).toMatchObject({ ok: false, error: { code: 'stored-not-json' } });
  });
});
