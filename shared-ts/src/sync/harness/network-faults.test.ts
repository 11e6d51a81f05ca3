import type { EntityRef } from '../../replica';
import { createTwoNodeHarness, type TwoNodeHarness } from './create-two-node-harness';
import { commentTexts, localFields, syncedFieldsOf, type SyncedFields } from './harness-rules';
import type { Fault } from './network';

const START: SyncedFields = {
  summary: 'Printer on fire',
  description: 'Smoke everywhere',
  status: 'New',
  priority: 'High',
  labels: ['hardware'],
};

/** A paired Case and issue, in step, with one comment from Salesforce; the network log is cleared. */
async function linkedPair(): Promise<{ harness: TwoNodeHarness; caseRef: EntityRef; issue: EntityRef }> {
  const harness = await createTwoNodeHarness();
  const caseRef = await harness.createEntity('salesforce', '500A', localFields('salesforce', START));
  await harness.addComment('salesforce', caseRef, 'customer-called');
  await harness.runUntilQuiet();
  const issue = await harness.counterpart('salesforce', caseRef);
  if (!issue) throw new Error('the pair was not made');
  harness.network.log.length = 0;
  return { harness, caseRef, issue };
}

/** Edits the Case summary and adds a comment, then delivers once with `fault` on the first request. */
async function changeCaseThrough(fault: Fault) {
  const pair = await linkedPair();
  const { harness, caseRef } = pair;
  await harness.editLocal('salesforce', caseRef, localFields('salesforce', { summary: 'Printer fixed' }));
  await harness.addComment('salesforce', caseRef, 'technician-came');
  harness.network.schedule('salesforce', fault);
  await harness.deliver('salesforce');
  return pair;
}

async function expectInStep(harness: TwoNodeHarness, caseRef: EntityRef, issue: EntityRef) {
  const caseView = await harness.salesforce.view(caseRef);
  const issueView = await harness.jira.view(issue);
  if (!caseView || !issueView) throw new Error('an entity is missing');
  expect(syncedFieldsOf('jira', issueView)).toEqual({ ...START, summary: 'Printer fixed' });
  expect(syncedFieldsOf('salesforce', caseView)).toEqual(syncedFieldsOf('jira', issueView));
  expect(commentTexts('jira', issueView)).toEqual(['customer-called', 'technician-came']);
  expect(commentTexts('salesforce', caseView)).toEqual(['customer-called', 'technician-came']);
}

function requestsFrom(harness: TwoNodeHarness, from: 'jira' | 'salesforce') {
  return harness.network.log.filter((packet) => packet.from === from);
}

describe('network faults, one at a time', () => {
  it('retries a dropped request after its backoff and then delivers it', async () => {
    const { harness, caseRef, issue } = await changeCaseThrough({ kind: 'drop' });
    expect(harness.jira.inbox.items.size).toBe(0);
    const [item] = harness.salesforce.outbox.items.values();
    expect(item).toMatchObject({ attempts: 1, lastError: { code: 'network' } });

    await harness.runUntilQuiet();

    await expectInStep(harness, caseRef, issue);
    expect(requestsFrom(harness, 'salesforce').map((packet) => packet.outcome)).toEqual(['lost', 200]);
  });

  it('applies a request once when its answer is lost and the sender sends it again', async () => {
    const { harness, caseRef, issue } = await changeCaseThrough({ kind: 'drop-ack' });
    expect(harness.jira.inbox.items.size).toBe(1);

    await harness.runUntilQuiet();

    await expectInStep(harness, caseRef, issue);
    const sent = requestsFrom(harness, 'salesforce');
    expect(sent.map((packet) => packet.outcome)).toEqual([200, 200]);
    expect(new Set(sent.map((packet) => packet.messageId)).size).toBe(2);
    expect(harness.jira.log.entries.filter((entry) => entry.kind === 'dropped')).toHaveLength(1);
  });

  it('delivers a delayed request late and drops it as stale once the retry was applied', async () => {
    const { harness, caseRef, issue } = await changeCaseThrough({ kind: 'delay', ms: 60_000 });
    expect(harness.network.inFlight).toBe(1);

    await harness.runUntilQuiet();

    await expectInStep(harness, caseRef, issue);
    expect(requestsFrom(harness, 'salesforce').map((packet) => [packet.fault, packet.outcome])).toEqual([
      [null, 200],
      ['delay', 200],
    ]);
    expect(harness.jira.log.entries.at(-1)).toMatchObject({ kind: 'dropped' });
  });

  it('refuses the network duplicate of a request by its message id and applies it once', async () => {
    const { harness, caseRef, issue } = await changeCaseThrough({ kind: 'duplicate' });

    await harness.runUntilQuiet();

    await expectInStep(harness, caseRef, issue);
    const [original, copy] = requestsFrom(harness, 'salesforce');
    expect(original).toMatchObject({ fault: 'duplicate', outcome: 200 });
    expect(copy).toMatchObject({ fault: 'copy', outcome: 409, messageId: original?.messageId });
  });

  it('applies an older replica that arrives after a newer one overtook it before the newer one', async () => {
    const { harness, caseRef, issue } = await changeCaseThrough({ kind: 'reorder' });
    await harness.editLocal('salesforce', caseRef, localFields('salesforce', { priority: 'Low' }));

    await harness.runUntilQuiet();

    const issueView = await harness.jira.view(issue);
    expect(issueView && syncedFieldsOf('jira', issueView)).toEqual({
      ...START,
      summary: 'Printer fixed',
      priority: 'Low',
    });
    // Seq 4 was held; seq 5 replaced it in the outbox and, as seq 4 may have been lost, its send
    // carries seq 4 again before it. Both wait in Jira's inbox and seq 4 is applied first; the
    // held original, arriving last, is dropped there as already waiting (before, seq 5 overtook
    // it alone and seq 4 joined it in the inbox late).
    expect(requestsFrom(harness, 'salesforce').map((packet) => packet.fault)).toEqual([
      null,
      'reorder',
      null,
    ]);
    const applied = harness.jira.log.entries
      .filter((entry) => entry.kind === 'applied')
      .map((entry) => /seq (\d+)/.exec(entry.message)?.[1]);
    expect(applied).toEqual(['4', '5']);
    expect(
      harness.jira.log.entries.filter((entry) => entry.kind === 'dropped').map((entry) => entry.message),
    ).toEqual(['Dropped replica seq 4 of salesforce Case 500A: seq 4 is already waiting.']);
    const caseView = await harness.salesforce.view(caseRef);
    expect(caseView && commentTexts('salesforce', caseView)).toEqual(['customer-called', 'technician-came']);
  });

  it('resends from the persisted outbox after the sender crashes between persist and send', async () => {
    const { harness, caseRef, issue } = await changeCaseThrough({ kind: 'crash-sender' });
    expect(harness.salesforce.crashed).toBe(true);
    expect(harness.jira.inbox.items.size).toBe(0);
    const [item] = harness.salesforce.outbox.items.values();
    expect(item).toMatchObject({ attempts: 0, state: 'pending' });

    await harness.runUntilQuiet();

    expect(harness.salesforce.restarts).toBe(1);
    await expectInStep(harness, caseRef, issue);
    expect(requestsFrom(harness, 'salesforce').map((packet) => packet.outcome)).toEqual(['not-sent', 200]);
  });

  it('applies once a message the receiver persisted before crashing, although it arrives again', async () => {
    const { harness, caseRef, issue } = await changeCaseThrough({ kind: 'crash-receiver' });
    expect(harness.jira.crashed).toBe(true);
    expect(harness.jira.inbox.items.size).toBe(1);

    await harness.runUntilQuiet();

    expect(harness.jira.restarts).toBe(1);
    await expectInStep(harness, caseRef, issue);
    expect(requestsFrom(harness, 'salesforce').map((packet) => packet.outcome)).toEqual([200, 200]);
  });

  it('repeats a run with random faults exactly from the same seed', async () => {
    const run = async () => {
      const harness = await createTwoNodeHarness({ seed: 42 });
      harness.network.setRates({ drop: 0.2, 'drop-ack': 0.1, delay: 0.1, duplicate: 0.1, reorder: 0.1 });
      const caseRef = await harness.createEntity('salesforce', '500A', localFields('salesforce', START));
      for (const word of ['one', 'two', 'three']) {
        await harness.editLocal('salesforce', caseRef, localFields('salesforce', { summary: word }));
        await harness.deliver('salesforce');
        await harness.process('jira');
        harness.clock.advance(1_000);
      }
      await harness.runUntilQuiet();
      return harness.network.log.map(({ from, fault, outcome, at, messageId }) => ({
        from,
        fault,
        outcome,
        at,
        messageId,
      }));
    };
    const first = await run();
    expect(first.some((packet) => packet.fault !== null)).toBe(true);
    expect(await run()).toEqual(first);
  });
});
