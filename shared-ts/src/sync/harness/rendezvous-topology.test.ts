import type { EntityRef } from '../../replica';
import { createTwoNodeHarness, type TwoNodeHarness } from './create-two-node-harness';
import { commentTexts, localFields, syncedFieldsOf, type SyncedFields } from './harness-rules';
import { runScenario } from './run-scenario';

const START: SyncedFields = {
  summary: 'Printer on fire',
  description: 'Smoke everywhere',
  status: 'New',
  priority: 'High',
  labels: ['hardware'],
};

/** A Jira issue paired with a Case through the rendezvous; the network log is cleared. */
async function linkedPair(
  options: { pullLimit?: number; maxBatchBytes?: number } = {},
): Promise<{ harness: TwoNodeHarness; issue: EntityRef; caseRef: EntityRef }> {
  const harness = await createTwoNodeHarness({ topology: 'rendezvous', ...options });
  const issue = await harness.createEntity('jira', '10042', localFields('jira', START));
  await harness.runUntilQuiet();
  const caseRef = await harness.counterpart('jira', issue);
  if (!caseRef) throw new Error('the pair was not made');
  harness.network.log.length = 0;
  return { harness, issue, caseRef };
}

async function expectInStep(
  harness: TwoNodeHarness,
  issue: EntityRef,
  caseRef: EntityRef,
  comments: string[],
) {
  const issueView = await harness.jira.view(issue);
  const caseView = await harness.salesforce.view(caseRef);
  if (!caseView || !issueView) throw new Error('an entity is missing');
  expect(syncedFieldsOf('salesforce', caseView)).toEqual(syncedFieldsOf('jira', issueView));
  expect([...commentTexts('jira', issueView)].sort()).toEqual([...comments].sort());
  expect([...commentTexts('salesforce', caseView)].sort()).toEqual([...comments].sort());
}

function kinds(harness: TwoNodeHarness): string[] {
  return harness.network.log.map((packet) => `${packet.kind}:${packet.fault ?? 'ok'}:${packet.outcome}`);
}

describe('the rendezvous topology: Jira hosts the rendezvous, Salesforce pushes and pulls', () => {
  it('pairs, agrees on attachments-both-ways, attachments-v1 and batch-push, and syncs both ways with only Salesforce calling out', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    expect(harness.salesforce.agreed).toEqual({
      protocol: [1],
      replica: [1, 2],
      capabilities: ['attachments-both-ways', 'attachments-v1', 'batch-push'],
    });
    await harness.editLocal('salesforce', caseRef, localFields('salesforce', { summary: 'Printer fixed' }));
    await harness.addComment('jira', issue, 'technician-came');

    await harness.runUntilQuiet();

    await expectInStep(harness, issue, caseRef, ['technician-came']);
    expect(harness.network.log.every((packet) => packet.from === 'salesforce')).toBe(true);
    expect(new Set(harness.network.log.map((packet) => packet.kind))).toEqual(new Set(['push', 'pull']));
  });

  it('keeps what a pull fetched in the queue until a later pull acknowledges it', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addComment('jira', issue, 'technician-came');

    await harness.deliver('jira');

    const [offered] = harness.jira.outbox.items.values();
    expect(offered).toMatchObject({ offers: 1, attempts: 0 });
    expect(await harness.salesforce.acks.pending(harness.connectionId, 10)).toEqual([
      { messageId: offered?.messageId, outcome: 'accepted' },
    ]);

    await harness.deliver('jira');

    expect(harness.jira.outbox.items.size).toBe(0);
    expect(await harness.salesforce.acks.pending(harness.connectionId, 10)).toEqual([]);
    await harness.runUntilQuiet();
    await expectInStep(harness, issue, caseRef, ['technician-came']);
  });

  it('offers a message again when the pull was answered but its ack was lost, and applies it once', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addComment('jira', issue, 'technician-came');
    await harness.deliver('jira');
    harness.network.schedule('jira', { kind: 'drop' });
    await harness.deliver('jira'); // the pull carrying the ack is lost
    await harness.process('salesforce');

    await harness.runUntilQuiet();

    await expectInStep(harness, issue, caseRef, ['technician-came']);
    expect(kinds(harness).slice(0, 2)).toEqual(['pull:ok:200', 'pull:drop:lost']);
    const [first] = harness.jira.log.entries.filter((entry) => entry.kind === 'delivered');
    expect(first?.message).toMatch(/^Delivered replica seq \d+ of jira issue 10042/);
  });

  it('settles an ack once when it arrives twice (a pull whose answer was lost is sent again with the same acks)', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addComment('jira', issue, 'technician-came');
    await harness.deliver('jira');
    const acked = await harness.salesforce.acks.pending(harness.connectionId, 10);
    const deliveredBefore = harness.jira.log.entries.filter((entry) => entry.kind === 'delivered').length;
    harness.network.schedule('jira', { kind: 'drop-ack' });
    await harness.deliver('jira'); // the rendezvous settled the ack; its answer was lost

    expect(harness.jira.outbox.items.size).toBe(0);
    expect(await harness.salesforce.acks.pending(harness.connectionId, 10)).toEqual(acked);
    await harness.deliver('jira'); // the same ack again

    expect(harness.jira.log.entries.filter((entry) => entry.kind === 'delivered')).toHaveLength(
      deliveredBefore + 1,
    );
    expect(await harness.salesforce.acks.pending(harness.connectionId, 10)).toEqual([]);
    await harness.runUntilQuiet();
    await expectInStep(harness, issue, caseRef, ['technician-came']);
  });

  it('cuts a batch at the size budget and says more, and the next pulls bring the rest', async () => {
    const harness = await createTwoNodeHarness({ topology: 'rendezvous', maxBatchBytes: 2_000 });
    const issues = [];
    for (const id of ['10041', '10042', '10043']) {
      issues.push(await harness.createEntity('jira', id, localFields('jira', START)));
    }

    const first = await harness.node('salesforce').pull(20, 'jira');

    expect(first).toMatchObject({ ok: true, more: true });
    expect(first.ok && first.received).toBeLessThan(3);
    expect(first.ok && first.received).toBeGreaterThan(0);
    await harness.runUntilQuiet();
    for (const issue of issues) expect(await harness.counterpart('jira', issue)).not.toBeNull();
    const pulls = harness.network.log.filter((packet) => packet.kind === 'pull');
    expect(pulls.length).toBeGreaterThanOrEqual(3);
  });

  it('cuts a batch at the pull limit', async () => {
    const harness = await createTwoNodeHarness({ topology: 'rendezvous' });
    for (const id of ['10041', '10042']) await harness.createEntity('jira', id, localFields('jira', START));

    expect(await harness.node('salesforce').pull(1, 'jira')).toMatchObject({
      ok: true,
      received: 1,
      more: true,
    });
    expect(await harness.node('salesforce').pull(1, 'jira')).toMatchObject({
      ok: true,
      received: 1,
      more: false,
    });
  });

  it('recovers when the rendezvous dies after settling acks and offering a batch, before answering', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addComment('jira', issue, 'technician-came');
    await harness.deliver('jira');
    await harness.addComment('jira', issue, 'parts-ordered');
    harness.network.schedule('jira', { kind: 'crash-receiver' });
    await harness.deliver('jira');

    await harness.runUntilQuiet();

    await expectInStep(harness, issue, caseRef, ['technician-came', 'parts-ordered']);
  });

  it('ignores a late ack for content that was replaced meanwhile: the newer content stays queued', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addComment('jira', issue, 'technician-came');
    await harness.deliver('jira'); // offered and received; the ack is owed
    await harness.addComment('jira', issue, 'parts-ordered'); // new content, new message id
    const [queued] = harness.jira.outbox.items.values();

    await harness.deliver('jira'); // carries the ack for the old content

    const [after] = harness.jira.outbox.items.values();
    expect(after?.messageId).toBe(queued?.messageId);
    await harness.runUntilQuiet();
    await expectInStep(harness, issue, caseRef, ['technician-came', 'parts-ordered']);
  });

  it("keeps an offered replica's snapshot when newer content replaces it, so the puller's reply is no remote change", async () => {
    // Jira creates an issue; Salesforce pulls its seq 1 (the ack is owed). Jira then edits the
    // summary, so seq 2 replaces seq 1 in the outbox. Salesforce applies seq 1 and replies with
    // applied = 1. Jira used to forget seq 1's snapshot (replaced, never tried, so "never sent"),
    // took the reply's old summary for a remote change and wrote it over its own edit, while
    // Salesforce took seq 2: the sides ended apart. Found by the rendezvous convergence property.
    const { problems } = await runScenario({
      seed: 1,
      policies: { jira: 'remote-wins', salesforce: 'remote-wins' },
      entities: [{ side: 'jira', fields: { ...START, summary: 'start' } }],
      settled: false,
      steps: [
        { kind: 'deliver', side: 'jira', faults: [] },
        { kind: 'edit', side: 'jira', pair: 0, changes: { summary: 'alpha' } },
        { kind: 'process', side: 'salesforce' },
      ],
      topology: 'rendezvous',
      pullLimit: 1,
    });

    expect(problems).toEqual([]);
  });
});
