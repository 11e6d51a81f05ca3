import { LINEAR_RATIO_LIMIT, linearGrowth } from '../testing/linear-time';
import { WIRE_GROWTH } from '../util/testing/linear-growth-async';
import { LARGE_REPLICAS } from './testing/large-replicas';
import { validateReplica } from './validate-replica';

describe('validateReplica takes time linear in the replica', () => {
  it.each(Object.keys(LARGE_REPLICAS))('with %s', (family) => {
    const make = LARGE_REPLICAS[family] as (bytes: number) => unknown;
    const growth = linearGrowth(
      make,
      (replica) => {
        if (!validateReplica(replica).ok) throw new Error(`the ${family} replica is not valid`);
      },
      WIRE_GROWTH,
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
