// The storage codec and the replica budget on records at their sizes: encoding and decoding a
// 1 MiB link-like record (mixed 1- to 4-byte text) as chunks, and fitting a replica of 30
// comments of 40,000 characters (1.2 MB) into the 768 KiB budget. CPU milliseconds per call and
// the chunk count. Target: each under 100 ms of CPU. Exits 1 when missed.
import type { ReplicaContent } from '../shared-ts/src/sync';
import { decodeStored, encodeStored, fitReplicaBudget } from '../shared-ts/src/sync';
import { commentOf, replicaOf } from '../shared-ts/src/sync/testing';

const TARGET_MS = 100;

const body = 'Printer on fire — 炎 😀 '.repeat(40);
const record = {
  connectionId: 'conn-acme',
  comments: Array.from({ length: Math.ceil((1 << 20) / (body.length + 40)) }, (_, index) => ({
    remote: `c${index}`,
    local: `L${index}`,
    body,
  })),
};

const { seq: _seq, hash: _hash, ...base } = replicaOf();
const replica: ReplicaContent = {
  ...base,
  comments: Array.from({ length: 30 }, (_, index) =>
    commentOf(`c${index}`, 'x'.repeat(40_000), {
      created: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    }),
  ),
};

/** CPU milliseconds per call (the process's, so other work on a shared machine does not count). */
async function timeMs(run: () => Promise<unknown> | unknown, iterations: number): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / iterations;
}

async function main(): Promise<void> {
  const encoded = await encodeStored(record);
  if (!encoded.ok) throw new Error(encoded.error.message);
  const chars = encoded.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const encodeMs = await timeMs(() => encodeStored(record), 20);
  const decodeMs = await timeMs(() => decodeStored(encoded.chunks), 20);
  const fitted = fitReplicaBudget(replica);
  if (!fitted.ok) throw new Error(fitted.error.message);
  const fitMs = await timeMs(() => fitReplicaBudget(replica), 20);
  console.log(`record: ${chars} characters in ${encoded.chunks.length} chunks`);
  console.log(`encodeStored: ${encodeMs.toFixed(1)} ms (target < ${TARGET_MS} ms)`);
  console.log(`decodeStored: ${decodeMs.toFixed(1)} ms (target < ${TARGET_MS} ms)`);
  console.log(
    `fitReplicaBudget: ${fitMs.toFixed(1)} ms for 30 x 40,000-character comments, sent ${fitted.content.comments.length} (target < ${TARGET_MS} ms)`,
  );
  if (Math.max(encodeMs, decodeMs, fitMs) >= TARGET_MS) process.exit(1);
}

void main();
