import { LINEAR_RATIO_LIMIT, linearGrowth } from '../../testing/linear-time';
import { linearGrowthAsync, WIRE_GROWTH } from '../../util/testing/linear-growth-async';
import type { ReplicaContent } from '../outgoing/build-outgoing-replica';
import { fitReplicaBudget } from '../outgoing/replica-budget';
import { decodeStored, encodeStored } from './storage-codec';
import { commentOf, replicaOf } from '../testing/fixtures';

/** A record of about `bytes` bytes: many comments of mixed 1- to 4-byte text. */
function recordOf(bytes: number): { comments: { id: string; body: string }[] } {
  const body = 'ab€😀é'.repeat(20);
  return {
    comments: Array.from({ length: Math.ceil(bytes / 150) }, (_, index) => ({ id: `c${index}`, body })),
  };
}

describe('the storage codec and the replica budget take time linear in the record', () => {
  it('encodeStored then decodeStored', async () => {
    const growth = await linearGrowthAsync(
      (bytes) => recordOf(bytes * 4),
      async (record) => {
        const encoded = await encodeStored(record);
        if (!encoded.ok) throw new Error(encoded.error.message);
        const decoded = await decodeStored(encoded.chunks);
        if (!decoded.ok) throw new Error(decoded.error.message);
      },
      WIRE_GROWTH,
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  }, 60_000);

  it('fitReplicaBudget on a replica many times over the budget', () => {
    const { seq: _seq, hash: _hash, ...base } = replicaOf();
    const growth = linearGrowth(
      (bytes): ReplicaContent => ({
        ...base,
        comments: Array.from({ length: Math.ceil((bytes * 4) / 600) }, (_, index) =>
          commentOf(`c${index}`, 'x'.repeat(500), { created: new Date(index * 1000).toISOString() }),
        ),
      }),
      (content) => fitReplicaBudget(content, 4096),
      WIRE_GROWTH,
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  }, 60_000);
});
