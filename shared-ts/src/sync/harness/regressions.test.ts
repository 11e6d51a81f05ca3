import type { ConflictPolicy } from '../model/sync-policy';
import type { SyncedFields } from './harness-rules';
import { runScenario, type Scenario } from './run-scenario';

/** Shrunk counterexamples the convergence properties found, kept as they were reported. */

const START: SyncedFields = {
  summary: 'start',
  description: 'zero',
  status: 'New',
  priority: 'Medium',
  labels: [],
};

describe('convergence regressions', () => {
  it('does not echo a replica the creator sent before it learned the pair, once the reply is queued', async () => {
    // The second replica still has target null (Jira had not applied the Case's reply yet).
    // The Salesforce side used to send its entity back again for it: a second, needless echo.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'local-wins', salesforce: 'remote-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: false,
      steps: [
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { status: 'Working' } },
        { kind: 'process', side: 'salesforce' },
      ],
    };

    const { problems, harness } = await runScenario(scenario);

    expect(problems).toEqual([]);
    expect(harness.network.log.filter((packet) => packet.from === 'salesforce')).toHaveLength(1);
  });

  it.each<[ConflictPolicy, Partial<SyncedFields>, Partial<SyncedFields>]>([
    ['remote-wins', { labels: ['b'] }, { labels: ['c'] }],
    ['local-wins', { status: 'Working' }, { status: 'Closed' }],
  ])(
    'does not leave a field changed on both sides swapped when both sides are %s',
    async (policy, onJira, onSalesforce) => {
      // Without the sender's policy on the message each side took the other's value (remote-wins)
      // or kept its own (local-wins) for good; the pair now settles the conflict by newest-wins.
      const scenario: Scenario = {
        seed: 1,
        policies: { jira: policy, salesforce: policy },
        entities: [{ side: 'jira', fields: START }],
        settled: true,
        steps: [
          { kind: 'edit', side: 'jira', pair: 0, changes: onJira },
          { kind: 'edit', side: 'salesforce', pair: 0, changes: onSalesforce },
        ],
      };

      const { problems } = await runScenario(scenario);

      expect(problems).toEqual([]);
    },
  );
  it('does not revert a newer edit when both sides reached the same value independently', async () => {
    // Both sides set the description to "three"; Jira then moved on to "one". Salesforce's replica,
    // queued before it applied Jira's "three", still claimed to have seen nothing of Jira's, so
    // Jira took its "three" as a concurrent edit and (remote-wins) reverted "one" while
    // Salesforce had already taken "one". A queued replica that the apply left unchanged now
    // claims the apply.
    const scenario: Scenario = {
      seed: 1,
      policies: { salesforce: 'local-wins', jira: 'remote-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: true,
      steps: [
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { description: 'three' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'three' } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'one' } },
        { kind: 'process', side: 'salesforce' },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
  it('takes a value the remote changed back after seeing ours, even back to what previous held', async () => {
    // Salesforce set High; Jira applied it, then set Medium again. Salesforce compared Jira's
    // Medium with Jira's previous replica (also Medium), saw no change and kept High. A remote
    // that acknowledged our value and now shows another one has changed it.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'remote-wins', salesforce: 'remote-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: true,
      steps: [
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { priority: 'High' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'Medium' } },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
  it('does not let a reply queued before a suppressed echo claim the applies after it', async () => {
    // Salesforce queued its creation reply (Medium), then applied Jira's Low without sending it
    // back (echo suppressed), then applied a resent replica that changed nothing. The reply was
    // re-stamped as having seen Jira's Low, so Jira took its stale Medium for a newer edit and
    // reverted Low, while Salesforce kept Low. A waiting replica now takes the state after the
    // apply along with the claim.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'local-wins', salesforce: 'local-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: false,
      steps: [
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'salesforce' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'Low' } },
        { kind: 'tick', ms: 1 },
        { kind: 'deliver', side: 'jira', faults: [{ kind: 'crash-receiver', ms: 0 }] },
        { kind: 'deliver', side: 'salesforce', faults: [{ kind: 'drop', ms: 0 }] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'Low' } },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
  it('does not end swapped when a replica waiting before an apply reaches the other side after it', async () => {
    // Jira queued summary "beta", then applied Salesforce's "beta" and Closed (echo suppressed);
    // Salesforce meanwhile moved on to "alpha". Jira's waiting replica still said it had seen
    // nothing of Salesforce's, so Salesforce took its "beta" as a concurrent edit and kept it
    // (newest-wins, a tie on time), while Jira, which had agreed on "beta", took "alpha".
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'newest-wins', salesforce: 'newest-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: true,
      steps: [
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'beta' } },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { summary: 'beta', status: 'Closed' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { summary: 'alpha' } },
        { kind: 'process', side: 'jira' },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });

  it('meets a second remote change made without seeing the master value as a conflict too', async () => {
    // Jira (the master) kept "alpha" over Salesforce's "beta". The base that conflict used came
    // from the snapshot of Jira's acknowledged replica, which the apply then forgot; Salesforce's
    // next change, "gamma", made without seeing "alpha", found no base and was written over it.
    // A conflict the local value wins now keeps the acknowledged value as the base.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'local-wins', salesforce: 'remote-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: false,
      steps: [
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'salesforce' },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { summary: 'beta', status: 'New' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha' } },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { summary: 'gamma' } },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });

  it('does not overwrite a burst of local edits with the reply that acknowledges the first replica', async () => {
    // Jira edited the new pair eight times (each replica replacing the one queued) while
    // Salesforce's reply to the first was on its way. The link keeps eight snapshots, so the
    // first replica's was pushed out; the reply no longer read as an echo and reverted every edit.
    const scenario: Scenario = {
      seed: 1,
      policies: { salesforce: 'local-wins', jira: 'remote-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: false,
      steps: [
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'salesforce' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'New' } },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'Closed' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'edit', side: 'jira', pair: 0, changes: { status: 'New' } },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
  it.each<ConflictPolicy>(['remote-wins', 'local-wins'])(
    "settles a field changed on both sides by its own change times, not the entities' (both %s)",
    async (policy) => {
      // Found by the forced long scenarios (29 steps; the steps on pairs the scenario does not
      // have are left out). Both sides changed the description ("three" on Jira, then "two" on
      // Salesforce); Jira's labels changed after. Comparing entity-wide times, each side found its
      // own entity newer and kept its own description, for good. Replica v2 carries a time per
      // field and both sides now compare the two description edits (sync-semantics.md, 4.4).
      const scenario: Scenario = {
        seed: 362395,
        policies: { jira: policy, salesforce: policy },
        entities: [{ side: 'jira', fields: START }],
        settled: true,
        steps: [
          { kind: 'process', side: 'salesforce' },
          { kind: 'tick', ms: 88492 },
          { kind: 'process', side: 'jira' },
          { kind: 'process', side: 'jira' },
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { status: 'Working' } },
          { kind: 'deliver', side: 'jira', faults: [null, null, { kind: 'drop', ms: 381017 }] },
          { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'three' } },
          { kind: 'deliver', side: 'salesforce', faults: [{ kind: 'delay', ms: 336121 }] },
          { kind: 'deliver', side: 'salesforce', faults: [null] },
          { kind: 'deliver', side: 'salesforce', faults: [null] },
          { kind: 'tick', ms: 40475 },
          { kind: 'deliver', side: 'jira', faults: [] },
          { kind: 'tick', ms: 68783 },
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { description: 'three' } },
          { kind: 'tick', ms: 84985 },
          { kind: 'deliver', side: 'jira', faults: [null, null, { kind: 'crash-receiver', ms: 128023 }] },
          { kind: 'edit', side: 'jira', pair: 0, changes: { labels: ['a', 'b', 'c'] } },
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { description: 'two' } },
          { kind: 'deliver', side: 'salesforce', faults: [] },
          { kind: 'process', side: 'salesforce' },
          { kind: 'deliver', side: 'jira', faults: [null, null, null] },
          { kind: 'deliver', side: 'jira', faults: [null, null] },
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { status: 'Working' } },
        ],
      };

      const { problems } = await runScenario(scenario);

      expect(problems).toEqual([]);
    },
  );
  it.each<[string, Record<'jira' | 'salesforce', ConflictPolicy>]>([
    ['Salesforce is the master', { salesforce: 'local-wins', jira: 'remote-wins' }],
    ['Jira is the master', { jira: 'local-wins', salesforce: 'remote-wins' }],
    ['both are remote-wins', { jira: 'remote-wins', salesforce: 'remote-wins' }],
    ['both are local-wins', { jira: 'local-wins', salesforce: 'local-wins' }],
    ['both are newest-wins', { jira: 'newest-wins', salesforce: 'newest-wins' }],
  ])(
    'does not end swapped when one side changes a value and changes it back while the other changes it too (%s)',
    async (_pairing, policies) => {
      // Open case 1 of docs/sync-semantics.md, section 9 ("changed and changed back"), shrunk from
      // the forced long scenarios (seed 11, the master pair), here for every pairing.
      // Salesforce sets High (delivered), Jira sets High too before applying it, Salesforce sets
      // Medium again. Jira agreed on High when Salesforce's High arrived, then took Medium as
      // Salesforce's change; Salesforce took Jira's High as Jira's change against its base Medium:
      // swapped. Now each side counts a delivered, unacknowledged replica of its own as a change the
      // remote will judge (Salesforce's High), and a value reached on both sides while ours was
      // unseen keeps the older agreement (Jira), so both see the conflict and settle it alike.
      const scenario: Scenario = {
        seed: 1,
        policies,
        entities: [{ side: 'jira', fields: START }],
        settled: true,
        steps: [
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { priority: 'High' } },
          { kind: 'deliver', side: 'salesforce', faults: [] },
          { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
          { kind: 'deliver', side: 'jira', faults: [] },
          { kind: 'edit', side: 'salesforce', pair: 0, changes: { priority: 'Medium' } },
          { kind: 'process', side: 'jira' },
        ],
      };

      const { problems } = await runScenario(scenario);

      expect(problems).toEqual([]);
    },
  );
  it('judges a replica of ours that an apply refreshed in the outbox by what it carried', async () => {
    // Found while closing open case 1 (forced long scenarios, shrunk). A replica waiting in the
    // outbox is refreshed by an apply (refresh-pending-replica.ts); its snapshot kept the values
    // from before, so once delivered it looked like a change of ours back to the old summary, and
    // the two sides settled a conflict only one of them saw. The snapshot is refreshed with it.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'remote-wins', salesforce: 'local-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: false,
      steps: [
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'New' } },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { status: 'New' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'process', side: 'salesforce' },
        { kind: 'tick', ms: 1 },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'tick', ms: 1 },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'New' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'beta', status: 'New' } },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
        { kind: 'process', side: 'jira' },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'process', side: 'salesforce' },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
        { kind: 'deliver', side: 'jira', faults: [] },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });

  it('does not count an unchanged field of a delivered replica as a change against a newer agreement', async () => {
    // Found while closing open case 1. Jira's delivered, unacknowledged replica still held the old
    // summary; Salesforce's "alpha" had been agreed since. Compared with that agreement, the old
    // value looked like a change of Jira's, which Salesforce never sees. Unseen replicas are now
    // compared one with the next, the first only with what the remote acknowledged.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'local-wins', salesforce: 'remote-wins' },
      entities: [
        { side: 'jira', fields: START },
        { side: 'jira', fields: START },
      ],
      settled: true,
      steps: [
        { kind: 'edit', side: 'jira', pair: 1, changes: { priority: 'High' } },
        { kind: 'edit', side: 'salesforce', pair: 1, changes: { summary: 'alpha' } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'salesforce', pair: 1, changes: { summary: 'beta', status: 'New' } },
        { kind: 'process', side: 'jira' },
        { kind: 'deliver', side: 'jira', faults: [] },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });

  it('keeps the older agreement when both sides reach a value while ours is still unseen', async () => {
    // Open case 1, found by the forced long scenarios (both remote-wins; the steps on the other
    // pair left out). Salesforce set Low (delivered) then High; Jira set Low before applying it.
    // Jira recorded Low as agreed and later took High as Salesforce's change, while Salesforce took
    // Jira's Low as a concurrent change: swapped. Jira now keeps the agreement Salesforce had seen
    // (Medium), so both see the conflict and settle it alike.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'remote-wins', salesforce: 'remote-wins' },
      entities: [
        { side: 'jira', fields: START },
        { side: 'jira', fields: START },
      ],
      settled: false,
      steps: [
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'salesforce' },
        { kind: 'edit', side: 'salesforce', pair: 1, changes: { priority: 'Low' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'salesforce', pair: 1, changes: { priority: 'High' } },
        { kind: 'edit', side: 'jira', pair: 1, changes: { priority: 'Low' } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'tick', ms: 1 },
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'tick', ms: 1 },
        { kind: 'process', side: 'jira' },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'jira', faults: [] },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
  it('does not take a replica of ours that shows the remote its own value back for a change of ours', async () => {
    // Found while closing open case 1 (forced long scenarios, Jira the master). Salesforce set
    // labels "b", then none again; Jira never touched them. Jira's delivered replicas went from
    // none (built before it applied "b") to "b" (built after, acknowledging it), which looked like
    // a change of Jira's, so Jira kept "b" as the master. Salesforce judges the second as an echo
    // of its own value, so a replica that acknowledges a newer remote seq is no change of ours.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'local-wins', salesforce: 'remote-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: true,
      steps: [
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'New' } },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { labels: ['b'] } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'tick', ms: 1 },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { labels: [] } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'one' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha' } },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'New' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { status: 'New' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'one' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { status: 'New' } },
        { kind: 'process', side: 'salesforce' },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'New' } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha' } },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });

  it('does not take a field time that moved over a replica that was never sent for a remote change', async () => {
    // Found by the forced long scenarios (HARNESS_SEED=23) while closing open case 1. Salesforce
    // set Closed, then New again before the Closed replica left its outbox (Jira never saw it);
    // Jira set Working. A rule that read "the field's time moved on" as a remote change made Jira
    // see a conflict Salesforce did not: the pair ended Working on Salesforce, New on Jira. A
    // remote change is judged by values and acknowledgements only.
    const scenario: Scenario = {
      seed: 1,
      policies: { salesforce: 'local-wins', jira: 'remote-wins' },
      entities: [
        { side: 'jira', fields: START },
        { side: 'salesforce', fields: START },
      ],
      settled: false,
      steps: [
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'salesforce', pair: 1, changes: { summary: 'alpha', status: 'Closed' } },
        { kind: 'tick', ms: 1 },
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'salesforce', pair: 1, changes: { status: 'New' } },
        { kind: 'process', side: 'jira' },
        { kind: 'tick', ms: 1 },
        { kind: 'edit', side: 'jira', pair: 1, changes: { status: 'Working' } },
        { kind: 'process', side: 'jira' },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'deliver', side: 'jira', faults: [] },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
  it.each<[string, Record<'jira' | 'salesforce', ConflictPolicy>, Scenario['steps']]>([
    [
      'Salesforce is the master',
      { salesforce: 'local-wins', jira: 'remote-wins' },
      [
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'Closed' } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'salesforce' },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { status: 'New' } },
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'one' } },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { labels: [] } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { status: 'New' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { labels: [] } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'tick', ms: 1 },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { summary: 'alpha', status: 'Closed' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { labels: [] } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'one' } },
        { kind: 'deliver', side: 'jira', faults: [] },
      ],
    ],
    [
      'both sides are newest-wins',
      { jira: 'newest-wins', salesforce: 'newest-wins' },
      [
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'Closed' } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'salesforce' },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { status: 'New' } },
        { kind: 'process', side: 'jira' },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'one' } },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { labels: [] } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'comment', side: 'jira', pair: 0 },
        { kind: 'process', side: 'jira' },
        { kind: 'edit', side: 'jira', pair: 0, changes: { status: 'New' } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { labels: [] } },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'tick', ms: 1 },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'Closed' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { labels: [] } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { priority: 'High' } },
        { kind: 'edit', side: 'jira', pair: 0, changes: { description: 'one' } },
        { kind: 'deliver', side: 'jira', faults: [] },
      ],
    ],
  ])(
    'judges a replica of ours that a newer one replaced in the remote inbox before it was applied, when %s',
    async (_name, policies, steps) => {
      // Found by the forced long scenarios (HARNESS_SEED=7), the open part of "changed and changed
      // back". Salesforce set New, then Closed again; both replicas reached Jira's inbox before Jira
      // ran it, and the inbox kept only Closed (one item per entity). Jira judged Closed against the
      // Closed before, saw no change and kept its own New, while Salesforce counted its delivered
      // New as judged, met Jira's New as a conflict and kept Closed: apart for good. The inbox now
      // keeps the replaced replica and applies both in order (docs/sync-semantics.md, section 6).
      const scenario: Scenario = {
        seed: 1,
        policies,
        entities: [{ side: 'jira', fields: START }],
        settled: false,
        steps,
      };

      const { problems } = await runScenario(scenario);

      expect(problems).toEqual([]);
    },
  );

  it('converges when the master changes back to a value the other side left while that side changes it too', async () => {
    // Found by the push-topology property (seed -1778462068) before the inbox applied the
    // replicas it replaced: Salesforce (the master) went New -> Working -> New while Jira, having
    // received Working, moved to Closed; the pair ended apart (Jira Closed, Salesforce New). It
    // fails on the commit before that change and passes since.
    const scenario: Scenario = {
      seed: 1,
      policies: { salesforce: 'local-wins', jira: 'remote-wins' },
      entities: [{ side: 'jira', fields: START }],
      settled: true,
      steps: [
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { status: 'Working' } },
        { kind: 'deliver', side: 'salesforce', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha', status: 'Closed' } },
        { kind: 'edit', side: 'salesforce', pair: 0, changes: { summary: 'alpha', status: 'New' } },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
});
