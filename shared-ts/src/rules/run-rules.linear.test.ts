/**
 * Runs take time linear in the record: Basic mode's incoming defaults (the heaviest scripts) on
 * doubling comment counts up to 10,000 and doubling descriptions up to 1 MiB, in both engines.
 * Weighted steps keep the cost of one operation proportional to its work, so the budgets bound
 * time linearly too.
 */
import { linearGrowth, LINEAR_RATIO_LIMIT } from '../testing/linear-time';
import { DEFAULT_RULES } from './basic';
import { realisticCase, realisticIssue, type Json } from './basic/fixtures';
import { runRules, type Side } from './index';

const NOW = '2024-01-01T00:00:00Z';
const connection = { name: 'Support <-> SUP', settings: {} };
const LIMITS = { maxMillis: 60_000 };

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

/** The replica each side's incoming script receives, with `comments` comments and a description of `bytes`. */
const RECORDS: Record<
  string,
  { side: Side; make: (size: number) => { entity: Json; replica: Json }; sizes: number[] }
> = {
  'Jira incoming, comments': {
    side: 'jira',
    make: (n) => ({ entity: realisticIssue(0), replica: replicaFrom('salesforce', realisticCase(n)) }),
    sizes: [1250, 2500, 5000, 10_000],
  },
  'Salesforce incoming, comments': {
    side: 'salesforce',
    make: (n) => ({ entity: realisticCase(0), replica: replicaFrom('jira', realisticIssue(n)) }),
    sizes: [1250, 2500, 5000, 10_000],
  },
  'Salesforce incoming, description': {
    side: 'salesforce',
    make: (bytes) => ({
      entity: realisticCase(0),
      replica: replicaFrom('jira', {
        ...realisticIssue(0),
        description: '<p>The export <b>stops</b> &amp; waits.</p>'.repeat(bytes / 40),
      }),
    }),
    sizes: [1 << 17, 1 << 18, 1 << 19, 1 << 20],
  },
};

describe.each(['ast', 'ir'] as const)('runRules takes time linear in the record (%s engine)', (engine) => {
  it.each(Object.keys(RECORDS))('%s', (name) => {
    const { side, make, sizes } = RECORDS[name] as (typeof RECORDS)[string];
    const growth = linearGrowth(
      make,
      ({ entity, replica }) => {
        const result = runRules(
          DEFAULT_RULES[side].incoming,
          side,
          'incoming',
          { entity, replica, connection, now: NOW },
          {
            ...LIMITS,
            engine,
          },
        );
        if (!result.ok) throw new Error(result.error.message);
      },
      { sizes, repeats: 2 },
    );
    expect(growth.worstRatio).toBeLessThanOrEqual(LINEAR_RATIO_LIMIT);
  });
});
