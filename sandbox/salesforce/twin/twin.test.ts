/**
 * The package's TypeScript twin against a rendezvous served in-process over HTTP by the core's
 * handler, with a Jira test node (in-memory ports, mirror rules) behind it: the Forge app's own
 * in-memory rendezvous (`testApp`), so the twin meets the ports the app tests use.
 */
import type { ManualClock, TestNode } from '@tandem/shared-ts/testing';
import { CONNECTION_ID, SECRET, testApp } from '../../../forge-app/src/testing/in-memory-app-ports';
import { SalesforceOrg } from '../model';
import { createSalesforceTwin, type SalesforceTwin } from './salesforce-twin';
import { defaultSalesforceRules, startTwinOnRendezvous, type TwinOnRendezvous } from './serve-rendezvous';
import type { PullerTimer } from './puller';

let nodes: TwinOnRendezvous;
let jira: TestNode;
let org: SalesforceOrg;
let twin: SalesforceTwin;
let clock: ManualClock;

beforeEach(async () => {
  // The app's in-memory rendezvous: a Jira test node (mirror rules) serving the connection.
  const app = testApp();
  clock = app.clock;
  jira = app.jira;
  const deps = app.ports.rendezvous;
  nodes = await startTwinOnRendezvous(deps, { clock, connectionId: CONNECTION_ID, secret: SECRET });
  ({ org, twin } = nodes);
});

afterEach(() => nodes.close());

function insertCase(values: Record<string, unknown>): string {
  const created = org.insert('Case', values, org.personUserId);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('the Salesforce twin', () => {
  it('pushes a Case that matches an active trigger, and the Jira node takes it as an issue', async () => {
    const caseId = insertCase({ Subject: 'Printer broken', Priority: 'High' });
    insertCase({ Subject: 'Not for Jira', Priority: 'Low' });
    const run = await twin.puller.runOnce();
    expect(run.captured.queued).toEqual([caseId]);
    expect(run.captured.ignored).toHaveLength(1);
    expect(run.pushed).toEqual({ done: 1, failed: 0, retrying: 0 });
    expect(await jira.engine.processInbox()).toMatchObject({ done: 1, failed: 0 });
    expect([...jira.entities.entities.values()].map((issue) => issue.view.title)).toEqual(['Printer broken']);
  });

  it('applies a replica pulled from the rendezvous to the Case, acknowledges it, and sends nothing back', async () => {
    const caseId = insertCase({ Subject: 'Printer broken', Priority: 'High' });
    await twin.puller.runOnce();
    await jira.engine.processInbox();
    const issue = [...jira.entities.entities.values()][0];
    if (!issue) throw new Error('no issue');

    jira.entities.edit(issue.ref, { title: 'Printer fixed' });
    jira.entities.addComment(issue.ref, { body: 'Replaced the fuser.' });
    expect((await jira.engine.syncLocalChange(issue.ref)).kind).not.toBe('failed');
    const run = await twin.puller.runOnce();
    expect(run.pulled).toMatchObject({ received: 1, rejected: 0 });
    expect(run.applied).toMatchObject({ done: 1, failed: 0 });
    expect(org.get(caseId)?.fields.Subject).toBe('Printer fixed');
    const comments = org.all('CaseComment').map((c) => [c.fields.ParentId, c.fields.CreatedById]);
    expect(comments).toEqual([[caseId, org.integrationUserId]]);
    // The ack went with the run's next pull: the rendezvous no longer offers the message.
    expect(run.pulled.acked).toBe(1);
    expect([...jira.outbox.items.values()]).toEqual([]);
    // The apply's own writes were not captured: the next run pushes nothing.
    const next = await twin.puller.runOnce();
    expect(next.captured.queued).toEqual([]);
    expect(next.pushed.done).toBe(0);
  });

  it('sends a person edit of a linked Case even when it no longer matches the trigger', async () => {
    const caseId = insertCase({ Subject: 'Printer broken', Priority: 'High' });
    await twin.puller.runOnce();
    await jira.engine.processInbox();
    expect(
      org.update('Case', caseId, { Priority: 'Low', Subject: 'Printer broken again' }, org.personUserId).ok,
    ).toBe(true);
    const run = await twin.puller.runOnce();
    expect(run.captured.queued).toEqual([caseId]);
    expect(run.pushed.done).toBe(1);
    await jira.engine.processInbox();
    expect([...jira.entities.entities.values()].map((issue) => issue.view.title)).toEqual([
      'Printer broken again',
    ]);
  });

  it("sends a person's comment on a linked Case, and the Jira node adds it to the issue", async () => {
    const caseId = insertCase({ Subject: 'Printer broken', Priority: 'High' });
    await twin.puller.runOnce();
    await jira.engine.processInbox();
    const added = org.insert(
      'CaseComment',
      { ParentId: caseId, CommentBody: 'Customer called again.', IsPublished: true },
      org.personUserId,
    );
    expect(added.ok).toBe(true);
    const run = await twin.puller.runOnce();
    expect(run.captured.queued).toEqual([caseId]);
    expect(run.pushed.done).toBe(1);
    await jira.engine.processInbox();
    const issue = [...jira.entities.entities.values()][0];
    expect((issue?.view.comments as { body: string }[]).map((c) => c.body)).toEqual([
      '<p>Customer called again.</p>',
    ]);
  });

  it('reports a trigger whose clause the org refuses, and still runs the others', async () => {
    twin.triggers.push({ object: 'Case', where: 'Bogus__c = 1', active: true });
    const caseId = insertCase({ Subject: 'x', Priority: 'High' });
    const run = await twin.puller.runOnce();
    expect(run.captured.queued).toEqual([caseId]);
    expect(run.captured.triggerErrors).toEqual([
      { where: 'Bogus__c = 1', message: expect.stringContaining('INVALID_FIELD') },
    ]);
  });

  it('runs on the connection delay, and at once after a Sync', async () => {
    const scheduled: number[] = [];
    const pending: (() => void)[] = [];
    const timer: PullerTimer = {
      schedule: (delayMs, run) => {
        scheduled.push(delayMs);
        pending.push(run);
        return { cancel: () => {} };
      },
    };
    const runs: number[] = [];
    let ran: () => void = () => {};
    const firstRun = new Promise<void>((resolve) => {
      ran = resolve;
    });
    const scheduledTwin = createSalesforceTwin({
      org,
      connectionId: CONNECTION_ID,
      secret: SECRET,
      rendezvousUrl: 'http://127.0.0.1:1/unreachable',
      rules: defaultSalesforceRules(),
      pollDelayMs: 120_000,
      clock,
      timer,
      onRun: (run) => {
        runs.push(run.nextInMs);
        ran();
      },
    });
    scheduledTwin.puller.start();
    expect(scheduled).toEqual([120_000]);
    scheduledTwin.puller.syncNow();
    expect(scheduled).toEqual([120_000, 0]);
    pending.at(-1)?.();
    await firstRun;
    expect(runs).toEqual([120_000]);
    expect(scheduled).toEqual([120_000, 0, 120_000]);
    scheduledTwin.stop();
  });
});
