import fc from 'fast-check';
import { createMessageIdGenerator, formatWireTimestamp, HTTP_STATUS_BY_ERROR } from '../../protocol';
import { signRaw } from '../../protocol/testing/fixtures';
import { anyText, mutatedEnvelope } from '../../protocol/testing/fuzz-arbitraries';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { canonicalJson } from '../../util/canonical-json';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { seedEntity } from '../testing/test-node';
import { rendezvousPair } from './testing/rendezvous-pair';

const STATUSES = new Set([200, ...Object.values(HTTP_STATUS_BY_ERROR)]);

/** The envelope's stamp made to match the headers, so the body gets past the signature to the parser. */
function restamped(
  value: unknown,
  stamp: { connectionId: string; messageId: string; sentAt: string },
): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return canonicalJson(value);
  return canonicalJson({ ...value, ...stamp });
}

describe('handleRendezvousRequest on hostile input', () => {
  it('answers any body signed with the connection secret (attachment wants served) with a known status, and never throws', async () => {
    const pair = rendezvousPair({ attachments: {} });
    pair.files.source.add(
      'attachment:10200',
      { id: '10200', filename: 'a.bin', size: 3 },
      Uint8Array.of(0, 1, 2),
    );
    await syncLocalChange(
      pair.jira.engine.context,
      seedEntity(pair.jira, '10042', { title: 'x', state: 'Open' }),
    );
    const ids = createMessageIdGenerator({ clock: pair.clock });
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedEnvelope, anyText), async (value) => {
        const stamp = {
          connectionId: 'conn-1',
          messageId: ids(),
          sentAt: formatWireTimestamp(pair.clock.now()),
        };
        const body = typeof value === 'string' ? value : restamped(value, stamp);
        const signed = await signRaw({ ...stamp, timestamp: stamp.sentAt, body });
        const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, v]) => [name, [v]]));
        const response = await pair.serve({ method: 'POST', path: '/', headers, body });
        expect(STATUSES.has(response.statusCode)).toBe(true);
        expect(typeof response.body).toBe('string');
      }),
      { numRuns: fuzzRuns(150) },
    );
    expect(pair.jira.outbox.items.size).toBeLessThanOrEqual(1);
  });
});
