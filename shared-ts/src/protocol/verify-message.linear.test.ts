import { LINEAR_RATIO_LIMIT } from '../testing/linear-time';
import { linearGrowthAsync, WIRE_GROWTH } from '../util/testing/linear-growth-async';
import { signRaw, T0, TEST_SECRET, CONNECTION_ID, MESSAGE_ID } from './testing/fixtures';
import { LARGE_MESSAGES } from './testing/large-messages';
import { verifyMessage, type RawMessage } from './verify-message';

/** Every run verifies the same message again: a cache that has seen nothing keeps it from being a replay. */
const forgetfulCache = { seen: async () => false };

/**
 * What verifyMessage adds to parseEnvelope (whose linear-time tests cover every shape of body) is
 * work on bytes: the size check, UTF-8 and the HMAC. So these families are the byte-heavy one,
 * the batch, and the one that took 28 s to verify before (517 KiB of labels).
 */
const FAMILIES = ['a replica with long strings', 'a batch of many messages', 'a replica with wide labels'];

describe('verifyMessage takes time linear in the body', () => {
  it.each(FAMILIES)('with %s', async (family) => {
    const make = (bytes: number): Promise<RawMessage> =>
      signRaw({
        connectionId: CONNECTION_ID,
        messageId: MESSAGE_ID,
        timestamp: '2026-11-20T10:00:00.000Z',
        body: (LARGE_MESSAGES[family] as (bytes: number) => string)(bytes),
      });
    const growth = await linearGrowthAsync(
      make,
      async (raw) => {
        const verified = await verifyMessage(raw, {
          secretFor: async () => TEST_SECRET,
          clock: { now: () => T0 },
          replayCache: forgetfulCache,
          maxBodyBytes: 2 << 20,
        });
        if (!verified.ok) throw new Error(`${family}: ${verified.error.message}`);
      },
      WIRE_GROWTH,
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
