import { LINEAR_RATIO_LIMIT } from '../testing/linear-time';
import { linearGrowthAsync, WIRE_GROWTH } from '../util/testing/linear-growth-async';
import { replicaContentHash } from './replica-content-hash';
import { LARGE_REPLICAS } from './testing/large-replicas';
import type { Replica } from './types';

describe('replicaContentHash takes time linear in the replica', () => {
  it.each(Object.keys(LARGE_REPLICAS))('with %s', async (family) => {
    const make = LARGE_REPLICAS[family] as (bytes: number) => Replica;
    const growth = await linearGrowthAsync(make, (replica) => replicaContentHash(replica), WIRE_GROWTH);
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
