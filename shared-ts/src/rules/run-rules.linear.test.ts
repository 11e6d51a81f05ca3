/**
 * Runs take time linear in the record: Basic mode's incoming defaults (the heaviest scripts) on
 * doubling comment counts up to 10,000, in both engines. (A long description's cost is the
 * rich-text helpers', whose linear time rich-text's own tests hold.)
 * Weighted steps keep the cost of one operation proportional to its work, so the budgets bound
 * time linearly too.
 */
import { linearGrowth, LINEAR_RATIO_LIMIT } from '../testing/linear-time';
import { DEFAULT_RULES } from './basic-mode';
import { realisticCase, realisticIssue, type Json } from './basic-mode/fixtures';
import { runRules, type Side } from './index';

const NOW = '2024-01-01T00:00:00Z';
const connection = { name: 'Support <-> SUP', settings: {} };
const LIMITS = { maxMillis: 60_000 };
/** A guard against a hung run on a loaded machine, not a timing (the ratios are the test). */
const TIMEOUT_MS = 60_000;

function replicaFrom(side: Side, entity: Json): Json {
  const result = runRules(
    DEFAULT_RULES[side].outgoing,
    side,
    'outgoing',
    { entity, connection, now: NOW },
    LIMITS,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.output;
}

/** The local record and the replica each side's incoming script receives, with `n` comments. */
const RECORDS: Record<
  string,
  { side: Side; make: (size: number) => { entity: Json; replica: Json }; sizes: number[]; runs: number }
> = {
  'Jira incoming, comments': {
    side: 'jira',
    make: (n) => ({ entity: realisticIssue(0), replica: replicaFrom('salesforce', realisticCase(n)) }),
    sizes: [1250, 2500, 5000, 10_000],
    runs: 1,
  },
  'Salesforce incoming, comments': {
    side: 'salesforce',
    make: (n) => ({ entity: realisticCase(0), replica: replicaFrom('jira', realisticIssue(n)) }),
    sizes: [1250, 2500, 5000, 10_000],
    runs: 1,
  },
};

describe.each(['ast', 'ir'] as const)('runRules takes time linear in the record (%s engine)', (engine) => {
  it.each(Object.keys(RECORDS))(
    '%s',
    (name) => {
      const { side, make, sizes, runs } = RECORDS[name] as (typeof RECORDS)[string];
      const script = DEFAULT_RULES[side].incoming;
      const growth = linearGrowth(
        make,
        ({ entity, replica }) => {
          for (let i = 0; i < runs; i++) {
            const inputs = { entity, replica, connection, now: NOW };
            const result = runRules(script, side, 'incoming', inputs, { ...LIMITS, engine });
            if (!result.ok) throw new Error(result.error.message);
          }
        },
        { sizes, repeats: 3 },
      );
      expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
    },
    TIMEOUT_MS,
  );
});
