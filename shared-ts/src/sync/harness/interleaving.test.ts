/**
 * Harness faults that interleave two operations on one entity, as Forge runs handlers at once:
 * the second operation runs whole between the first one's reads and its write (a hook on the
 * node's store). Each scenario must still converge, with no error and no duplicate.
 */
import type { EntityRef } from '../../replica';
import { createTwoNodeHarness, type TwoNodeHarness } from './create-two-node-harness';
import { commentTexts, localFields, syncedFieldsOf } from './harness-rules';
import { runScenario, type Scenario } from './run-scenario';

async function linkedPair(): Promise<{ harness: TwoNodeHarness; sf: EntityRef; jira: EntityRef }> {
  const harness = await createTwoNodeHarness({ seed: 11 });
  const sf = await harness.createEntity(
    'salesforce',
    '500A',
    localFields('salesforce', { summary: 'Printer on fire', status: 'New' }),
  );
  await harness.runUntilQuiet();
  const jira = await harness.counterpart('salesforce', sf);
  if (!jira) throw new Error('not paired');
  return { harness, sf, jira };
}

async function expectConverged(harness: TwoNodeHarness, sf: EntityRef, jira: EntityRef): Promise<void> {
  const report = await harness.runUntilQuiet();
  expect(report.errors).toEqual({ jira: [], salesforce: [] });
  const sfView = (await harness.salesforce.view(sf)) ?? {};
  const jiraView = (await harness.jira.view(jira)) ?? {};
  expect(syncedFieldsOf('jira', jiraView)).toEqual(syncedFieldsOf('salesforce', sfView));
  expect(commentTexts('jira', jiraView)).toEqual(commentTexts('salesforce', sfView));
}

describe('interleaved operations on one entity', () => {
  it('two local changes racing on Salesforce: the newer one reaches Jira', async () => {
    const { harness, sf, jira } = await linkedPair();
    harness.salesforce.links.beforeSave.push(async () => {
      await harness.editLocal('salesforce', sf, localFields('salesforce', { summary: 'newest' }));
    });
    await harness.editLocal('salesforce', sf, localFields('salesforce', { summary: 'older' }));
    await expectConverged(harness, sf, jira);
    expect(syncedFieldsOf('jira', (await harness.jira.view(jira)) ?? {}).summary).toBe('newest');
  });

  it('an outbox run booking its delivery while an apply commits the same link', async () => {
    const { harness, sf, jira } = await linkedPair();
    await harness.editLocal('salesforce', sf, localFields('salesforce', { status: 'Working' }));
    await harness.editLocal('jira', jira, localFields('jira', { summary: 'from jira' }));
    await harness.deliver('jira');
    harness.salesforce.links.beforeSave.push(async () => {
      await harness.process('salesforce');
    });
    await harness.deliver('salesforce');
    await expectConverged(harness, sf, jira);
    expect(syncedFieldsOf('salesforce', (await harness.salesforce.view(sf)) ?? {})).toMatchObject({
      summary: 'from jira',
      status: 'Working',
    });
  });

  it('a person edits the Case while an apply to it is being committed', async () => {
    const { harness, sf, jira } = await linkedPair();
    await harness.addComment('jira', jira, 'look at this');
    await harness.deliver('jira');
    harness.salesforce.links.beforeSave.push(async () => {
      await harness.editLocal('salesforce', sf, localFields('salesforce', { priority: 'High' }));
    });
    await harness.process('salesforce');
    await expectConverged(harness, sf, jira);
    expect(commentTexts('salesforce', (await harness.salesforce.view(sf)) ?? {})).toEqual(['look at this']);
    expect(syncedFieldsOf('jira', (await harness.jira.view(jira)) ?? {}).priority).toBe('High');
  });

  it('the process dies after an apply wrote a comment and before the link recorded it: no duplicate', async () => {
    const { harness, sf, jira } = await linkedPair();
    await harness.addComment('jira', jira, 'only once');
    await harness.deliver('jira');
    harness.salesforce.entities.afterApply.push(() => harness.salesforce.crash());
    await harness.process('salesforce');
    await expectConverged(harness, sf, jira);
    expect(commentTexts('salesforce', (await harness.salesforce.view(sf)) ?? {})).toEqual(['only once']);
  });

  it('an admin links an existing Case to an existing issue: the issue takes the Case, both pair, nothing is created', async () => {
    const harness = await createTwoNodeHarness({ seed: 5 });
    const sf = { platform: 'salesforce', type: 'Case', id: '500K', key: '00001026' };
    const jira = { platform: 'jira', type: 'issue', id: '10012', key: 'PROJ-12' };
    harness.salesforce.entities.put({
      ref: sf,
      view: { comments: [], ...localFields('salesforce', { summary: 'Case text', status: 'New' }) },
      modifiedAt: harness.clock.iso(),
    });
    harness.jira.entities.put({
      ref: jira,
      view: { comments: [], ...localFields('jira', { summary: 'Issue text', status: 'To Do' }) },
      modifiedAt: harness.clock.iso(),
    });
    expect(await harness.salesforce.engine.linkExisting(sf, jira)).toMatchObject({ kind: 'linked' });
    await expectConverged(harness, sf, jira);
    expect(harness.jira.entities.entities.size).toBe(1);
    expect(harness.salesforce.entities.entities.size).toBe(1);
    expect(await harness.counterpart('jira', jira)).toMatchObject({ id: '500K' });
    expect(syncedFieldsOf('jira', (await harness.jira.view(jira)) ?? {}).summary).toBe('Case text');
  });

  it('a person edits the issue between an outbox run sending its replica and booking it', async () => {
    // Found by the interleaving property with a person's edit cutting in (docs/sync-semantics.md,
    // section 6.1). The edit replaced the outbox item in flight, which had no attempt yet, so the
    // snapshot of the replica arriving at Salesforce was forgotten, and Salesforce's reply
    // acknowledging it looked like a remote change: Jira kept start, Salesforce alpha. The outbox
    // run now records the offer (compare-and-set) before it sends, so the snapshot is kept.
    const scenario: Scenario = {
      seed: 1,
      policies: { jira: 'local-wins', salesforce: 'remote-wins' },
      entities: [
        {
          side: 'jira',
          fields: { summary: 'start', description: 'zero', status: 'New', priority: 'Medium', labels: [] },
        },
      ],
      settled: false,
      steps: [
        {
          kind: 'interleave',
          side: 'salesforce',
          store: 'inbox',
          step: { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha' } },
        },
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'process', side: 'salesforce' },
      ],
    };

    const { problems } = await runScenario(scenario);

    expect(problems).toEqual([]);
  });
});
