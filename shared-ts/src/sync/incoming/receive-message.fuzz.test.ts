import fc from 'fast-check';
import { replicaContentHash, type Replica } from '../../replica';
import { exampleReplica } from '../../replica/testing/example-replica';
import { damagedReplica, hostileJson } from '../../replica/testing/hostile-json';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { receiveMessage } from './receive-message';
import type { SyncFailureCode } from '../model/sync-failure';
import type { SyncMessage } from '../model/sync-message';
import { hashedReplicaOf, JIRA_ISSUE, SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode } from '../testing/test-node';

const CODES: ReadonlySet<SyncFailureCode> = new Set<SyncFailureCode>([
  'schema',
  'hash-mismatch',
  'target-invalid',
  'own-entity',
]);

const ref = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constant(SALESFORCE_CASE) },
  fc.constant(JIRA_ISSUE),
  fc.record({
    platform: fc.constantFrom('jira', 'salesforce', 'zendesk', ''),
    type: fc.constantFrom('issue', 'Case', 'Account', '__proto__'),
    id: fc.string({ maxLength: 5 }),
  }),
  hostileJson,
);

/** Messages of every kind, from well formed to nonsense. */
const anyMessage: fc.Arbitrary<unknown> = fc.oneof(
  hostileJson,
  fc.record({
    kind: fc.constant('replica'),
    replica: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null).map(() => structuredClone(exampleReplica)) },
      { weight: 2, arbitrary: damagedReplica },
      { weight: 1, arbitrary: hostileJson },
    ),
    target: ref,
    applied: fc.oneof({ weight: 4, arbitrary: fc.nat() }, fc.integer(), fc.double(), fc.constant(2 ** 53)),
    policy: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.constant('remote-wins') },
      fc.constantFrom('first-wins', null),
    ),
  }),
  fc.record({
    kind: fc.constant('unlink'),
    entity: ref,
    target: ref,
    reason: fc.oneof(fc.string(), hostileJson),
  }),
);

describe("the engine's receive on hostile messages", () => {
  it('stores a message it accepts, or refuses it with a permanent code and stores nothing; never throws', async () => {
    await fc.assert(
      fc.asyncProperty(anyMessage, fc.boolean(), async (message, rehash) => {
        // Most damage changes the content: hash it again half the time, so that more gets through.
        if (rehash && isRecord(message) && isRecord(message.replica)) {
          message.replica.hash = await replicaContentHash(message.replica as unknown as Replica);
        }
        const node = createTestNode({ platform: 'salesforce', type: 'Case' });
        const result = await receiveMessage(node.engine.context, message as SyncMessage);
        if (result.ok) expect(node.inbox.items.size).toBe(1);
        else {
          expect(CODES.has(result.error.code)).toBe(true);
          expect(result.error.message.length).toBeLessThan(1200);
          expect(node.inbox.items.size).toBe(0);
        }
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('applies what it accepted without throwing: every item ends applied, dropped, retrying or in the error list', async () => {
    const target = fc.oneof(
      fc.constant(null),
      fc.constant({ platform: 'jira', type: 'issue', id: 'issue-1' }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(4), fc.string({ maxLength: 20 }), target), { maxLength: 5 }),
        async (sends) => {
          const node = createTestNode({ platform: 'jira', type: 'issue' });
          for (const [seq, summary, to] of sends) {
            const replica = await hashedReplicaOf({ entity: SALESFORCE_CASE, seq: seq + 1, summary });
            await receiveMessage(node.engine.context, { kind: 'replica', replica, target: to, applied: 0 });
          }
          const summary = await node.engine.processInbox();
          expect(summary.done + summary.retrying + summary.failed).toBe(Math.min(sends.length, 1));
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
