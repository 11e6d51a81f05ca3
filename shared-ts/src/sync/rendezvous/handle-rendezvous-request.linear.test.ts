import { signForTest } from '../../protocol/testing/signed';
import { createEnvelope, type AckResult } from '../../protocol';
import { InMemoryReplayCache } from '../../protocol/testing';
import { TEST_SECRET } from '../../protocol/testing/fixtures';
import { LINEAR_RATIO_LIMIT } from '../../testing/linear-time';
import { linearGrowthAsync, WIRE_GROWTH } from '../../util/testing/linear-growth-async';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { seedEntity } from '../testing/test-node';
import type { RendezvousRequest } from './handle-rendezvous-request';
import { rendezvousPair } from './testing/rendezvous-pair';

/** Crockford base32 digits, for message ids that differ. */
const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function messageId(n: number): string {
  let tail = '';
  for (let rest = n, i = 0; i < 8; i++, rest = Math.floor(rest / 32))
    tail = (DIGITS[rest % 32] as string) + tail;
  return `01M7W6C3800000000${tail}X`;
}

describe('the rendezvous takes time linear in the request', () => {
  it('with a pull carrying as many acks as fill the body', async () => {
    const pair = rendezvousPair();
    for (const id of ['10041', '10042', '10043']) {
      await syncLocalChange(
        pair.jira.engine.context,
        seedEntity(pair.jira, id, { title: id, state: 'Open' }),
      );
    }
    const growth = await linearGrowthAsync(
      async (bytes): Promise<RendezvousRequest> => {
        const acks: AckResult[] = [];
        for (let n = 0; n * 160 < bytes - 2_000; n++) {
          acks.push({
            messageId: messageId(n),
            outcome: 'rejected',
            error: { code: 'rule-error', message: 'Line 3: x is not defined.', retryable: false },
          });
        }
        const pull = createEnvelope(
          'pull',
          { limit: 100, acks },
          { connectionId: 'conn-1', messageId: messageId(1 << 30), sentAt: pair.clock.now() },
        );
        const signed = await signForTest(pull, TEST_SECRET);
        const headers = Object.fromEntries(
          Object.entries(signed.headers).map(([name, value]) => [name, [value]]),
        );
        return { method: 'POST', path: '/', headers, body: signed.body };
      },
      async (request) => {
        pair.server.replayCache = new InMemoryReplayCache(pair.clock);
        const response = await pair.serve(request);
        if (response.statusCode !== 200) throw new Error(response.body);
      },
      WIRE_GROWTH,
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
