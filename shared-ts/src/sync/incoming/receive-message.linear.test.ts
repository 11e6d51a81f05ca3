import { LARGE_REPLICAS, withContentHash } from '../../replica/testing/large-replicas';
import type { Replica } from '../../replica/types';
import { LINEAR_RATIO_LIMIT } from '../../testing/linear-time';
import { linearGrowthAsync, WIRE_GROWTH } from '../../util/testing/linear-growth-async';
import { receiveMessage } from './receive-message';
import type { ReplicaMessage } from '../model/sync-message';
import { createTestNode } from '../testing/test-node';

/** The replica as the Salesforce side sends it to Jira. */
async function fromCase(replica: Replica): Promise<ReplicaMessage> {
  const sent = await withContentHash({
    ...replica,
    entity: { platform: 'salesforce', type: 'Case', id: '500A' },
    seq: 1,
  });
  return { kind: 'replica', replica: sent, target: null, applied: 0 };
}

describe("the engine's receive takes time linear in the message", () => {
  it.each(Object.keys(LARGE_REPLICAS))(
    'with a replica with %s',
    async (family) => {
      const make = LARGE_REPLICAS[family] as (bytes: number) => Replica;
      const growth = await linearGrowthAsync(
        (bytes) => fromCase(make(bytes)),
        async (message) => {
          const node = createTestNode({ platform: 'jira', type: 'issue' });
          const received = await receiveMessage(node.engine.context, message);
          if (!received.ok) throw new Error(`${family}: ${received.error.message}`);
        },
        WIRE_GROWTH,
      );
      expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
      // The ratio is of CPU times; the wall clock of five doublings passes jest's 5 s default on a
      // loaded 2-core machine (deep custom: 4.4 s alone, 5.1 s at load 8, on main too).
    },
    30_000,
  );
});
