import fc from 'fast-check';
import type { Side } from '../../rules/runtime/types';
import type { ConflictPolicy } from '../model/sync-policy';
import type { Scenario } from './run-scenario';
import { converges, scenarioOf, scenarioStep, SINGLE_FIELD_CHANGES } from './scenario-arbitraries';

/**
 * The convergence model of docs/sync-semantics.md, section 12: whatever people do on both sides
 * and whatever the network does (drops as failed sends, lost answers, delays, duplicates,
 * reordering, crashes between persist and send), once the traffic stops both sides hold the same
 * value in every synced field, every comment exactly once, and nothing was echoed. Every policy
 * pairing of section 9 is claimed: a master pair, both newest-wins, and both remote-wins or both
 * local-wins, whose conflicts fall back to newest-wins.
 *
 * The entity-wide times of newest-wins are replaced by per-field times (Replica v2), the
 * counterexamples of "changed and changed back" that the forced long scenarios found from seed 11
 * are closed (Link v2), and so is the last one, found from seed 7 after 81 runs: a replica
 * replaced in the remote's inbox before it was applied (the inbox now applies it first,
 * `carry-replaced-replicas.ts`); all are kept in regressions.test.ts. The forced scenarios (3
 * pairs, 20 to 90 steps) run here from the fixed seeds that found them (docs/sync-semantics.md,
 * section 9).
 */

// HARNESS_RUNS=1000 for a longer hunt; 100 keeps the suite fast.
const RUNS = Number(process.env.HARNESS_RUNS ?? 100);
// The forced long scenarios (3 pairs, 20 to 90 steps) run per pairing from fixed fast-check seeds
// in the suite: 40 runs from seed 11, and 100 from seed 7 (its counterexample came at run 81).
// HARNESS_FORCED_RUNS=1000 HARNESS_SEED=<n> runs one long hunt instead.
const FORCED_SEEDS: [seed: number, runs: number][] =
  process.env.HARNESS_SEED === undefined
    ? [
        [11, Number(process.env.HARNESS_FORCED_RUNS ?? 40)],
        [7, Number(process.env.HARNESS_FORCED_RUNS ?? 100)],
      ]
    : [[Number(process.env.HARNESS_SEED), Number(process.env.HARNESS_FORCED_RUNS ?? 40)]];
const PAIRS = 2;
const FORCED_PAIRS = 3;
const TIMEOUT_MS = Math.max(60_000, RUNS * 400);

const changes = fc.oneof(
  ...SINGLE_FIELD_CHANGES,
  fc.record({ summary: fc.constantFrom('alpha', 'beta'), status: fc.constantFrom('New', 'Closed') }),
);

function scenarios(
  policies: Record<Side, ConflictPolicy>,
  shape = { pairs: PAIRS, minSteps: 0, maxSteps: 40 },
): fc.Arbitrary<Scenario> {
  const step = scenarioStep({ pairs: shape.pairs, changes, deliverWeight: 3, faults: true });
  return scenarioOf(policies, step, shape);
}

describe('two nodes under random edits and network faults', () => {
  it(
    'converge when Salesforce is local-wins and Jira remote-wins (Salesforce is the master)',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios({ salesforce: 'local-wins', jira: 'remote-wins' }), converges),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'converge when Jira is local-wins and Salesforce remote-wins (Jira is the master)',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios({ jira: 'local-wins', salesforce: 'remote-wins' }), converges),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'converge when both sides keep the default remote-wins (conflicts fall back to newest-wins)',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios({ jira: 'remote-wins', salesforce: 'remote-wins' }), converges),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'converge when both sides are local-wins (conflicts fall back to newest-wins)',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios({ jira: 'local-wins', salesforce: 'local-wins' }), converges),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'converge when both sides are newest-wins',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios({ jira: 'newest-wins', salesforce: 'newest-wins' }), converges),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

const PAIRINGS: [string, Record<Side, ConflictPolicy>][] = [
  ['Salesforce local-wins, Jira remote-wins', { salesforce: 'local-wins', jira: 'remote-wins' }],
  ['Jira local-wins, Salesforce remote-wins', { jira: 'local-wins', salesforce: 'remote-wins' }],
  ['both remote-wins', { jira: 'remote-wins', salesforce: 'remote-wins' }],
  ['both local-wins', { jira: 'local-wins', salesforce: 'local-wins' }],
  ['both newest-wins', { jira: 'newest-wins', salesforce: 'newest-wins' }],
];

describe.each(FORCED_SEEDS)(
  'forced long scenarios: 3 pairs, 20 to 90 steps, seed %i, %i runs',
  (seed, runs) => {
    it.each(PAIRINGS)(
      'converge when %s',
      async (_name, policies) => {
        await fc.assert(
          fc.asyncProperty(
            scenarios(policies, { pairs: FORCED_PAIRS, minSteps: 20, maxSteps: 90 }),
            converges,
          ),
          { numRuns: runs, seed },
        );
      },
      Math.max(60_000, runs * 800),
    );
  },
);
