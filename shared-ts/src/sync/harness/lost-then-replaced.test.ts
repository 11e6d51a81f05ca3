import type { ConflictPolicy } from '../model/sync-policy';
import type { SyncedFields } from './harness-rules';
import { runScenario, type Scenario } from './run-scenario';

const START: SyncedFields = {
  summary: 'start',
  description: 'zero',
  status: 'New',
  priority: 'Medium',
  labels: [],
};

const PAIRINGS: [string, Record<'jira' | 'salesforce', ConflictPolicy>][] = [
  ['Salesforce is the master', { salesforce: 'local-wins', jira: 'remote-wins' }],
  ['Jira is the master', { jira: 'local-wins', salesforce: 'remote-wins' }],
  ['both are remote-wins', { jira: 'remote-wins', salesforce: 'remote-wins' }],
  ['both are local-wins', { jira: 'local-wins', salesforce: 'local-wins' }],
  ['both are newest-wins', { jira: 'newest-wins', salesforce: 'newest-wins' }],
];

describe.each(['push', 'rendezvous'] as const)(
  'case 1, a lost send replaced by a delivered one (%s)',
  (topology) => {
    it.each(PAIRINGS)('%s', async (_pairing, policies) => {
      const scenario: Scenario = {
        seed: 1,
        policies,
        topology,
        entities: [{ side: 'jira', fields: START }],
        settled: true,
        steps: [
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { priority: 'High' } },
          { kind: 'deliver', side: 'salesforce', faults: [{ kind: 'drop' }] },
          { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
          { kind: 'deliver', side: 'jira', faults: [] },
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { priority: 'Medium' } },
          { kind: 'tick', ms: 60_000 },
          { kind: 'deliver', side: 'salesforce', faults: [] },
          { kind: 'process', side: 'jira' },
        ],
      };
      const { problems } = await runScenario(scenario);
      expect(problems).toEqual([]);
    });
  },
);
