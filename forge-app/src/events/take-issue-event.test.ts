import { seedEntity } from '@tandem/shared-ts/testing';
import { runWorkJob } from '../consumers/run-work-job';
import { testApp, type TestApp } from '../testing/in-memory-app-ports';
import { ISSUE_COALESCE_SECONDS } from './queue-issue-job';
import { takeIssueEvent } from './take-issue-event';

const updated = (issueId: string, extra: Record<string, unknown> = {}) => ({
  eventType: 'avi:jira:updated:issue',
  atlassianId: '5b10ac8d82e05b22cc7d4ef5',
  selfGenerated: false,
  issue: { id: issueId, key: 'SUP-1', fields: { summary: 'from the payload, never used' } },
  ...extra,
});

const JQL = 'project = SUP';

/** The app with an active trigger whose JQL matches the given issues. */
function triggered(...issueIds: string[]): TestApp {
  const app = testApp();
  app.triggers.set('t1', { id: 't1', jql: JQL, active: true, notes: '', updatedAt: app.clock.iso() });
  for (const id of issueIds) app.matching.add(`${id} ${JQL}`);
  return app;
}

describe('takeIssueEvent (Jira product events)', () => {
  it('queues one delayed build job for the issue of an event', async () => {
    const app = triggered('10042');
    expect(await takeIssueEvent(updated('10042'), app.ports)).toEqual({ kind: 'queued', issueId: '10042' });
    expect(app.jobs).toEqual([
      { job: { kind: 'issue', issueId: '10042' }, delaySeconds: ISSUE_COALESCE_SECONDS },
    ]);
  });

  it('ignores events the app caused itself', async () => {
    const app = testApp();
    expect(await takeIssueEvent(updated('10042', { selfGenerated: true }), app.ports)).toEqual({
      kind: 'ignored',
      reason: 'self-generated',
    });
    expect(app.jobs).toEqual([]);
  });

  it('coalesces a burst of events on one issue into one job, and queues again once it ran', async () => {
    const app = triggered('10042');
    await takeIssueEvent(updated('10042'), app.ports);
    expect(
      await takeIssueEvent({ eventType: 'avi:jira:commented:issue', issue: { id: '10042' } }, app.ports),
    ).toEqual({
      kind: 'coalesced',
      issueId: '10042',
    });
    await runWorkJob({ body: app.jobs[0]?.job }, app.ports);
    expect(await takeIssueEvent(updated('10042'), app.ports)).toMatchObject({ kind: 'queued' });
    expect(app.jobs).toHaveLength(2);
  });

  it('finds the issue of an attachment event', async () => {
    const app = triggered('10042');
    const event = { eventType: 'avi:jira:created:attachment', attachment: { id: '10200', issueId: 10042 } };
    expect(await takeIssueEvent(event, app.ports)).toEqual({ kind: 'queued', issueId: '10042' });
  });

  it.each([null, 'x', {}, { issue: { id: '../10042' } }, { issue: { id: 1.5 } }, { attachment: {} }])(
    'ignores an event with no readable issue id: %p',
    async (event) => {
      const app = testApp();
      expect(await takeIssueEvent(event, app.ports)).toEqual({ kind: 'ignored', reason: 'no-issue' });
    },
  );

  it('releases the mark when the queue refuses, so the next event tries again', async () => {
    const app = triggered('10042');
    app.refuseJobs = true;
    expect(await takeIssueEvent(updated('10042'), app.ports)).toMatchObject({ kind: 'failed' });
    app.refuseJobs = false;
    expect(await takeIssueEvent(updated('10042'), app.ports)).toMatchObject({ kind: 'queued' });
  });

  it('builds from the issue as it is now, whatever order the events came in', async () => {
    const app = triggered('10042');
    const ref = seedEntity(app.jira, '10042', { title: 'Second title', state: 'Done' });
    await takeIssueEvent(
      updated('10042', { issue: { id: '10042', fields: { summary: 'First title' } } }),
      app.ports,
    );
    await runWorkJob({ body: app.jobs[0]?.job }, app.ports);
    const queued = [...app.jira.outbox.items.values()];
    expect(queued).toHaveLength(1);
    expect(queued[0]?.entity).toEqual(ref);
    expect(JSON.stringify(queued[0]?.message)).toContain('Second title');
    expect(JSON.stringify(queued[0]?.message)).not.toContain('First title');
  });

  it('ignores an issue neither linked nor matched by an active trigger, asking Jira per active trigger', async () => {
    const app = triggered('10042');
    app.triggers.set('t2', {
      id: 't2',
      jql: 'labels = x',
      active: false,
      notes: '',
      updatedAt: app.clock.iso(),
    });
    expect(await takeIssueEvent(updated('10077'), app.ports)).toEqual({
      kind: 'ignored',
      reason: 'out-of-scope',
    });
    expect(app.matchCalls).toEqual([`10077 ${JQL}`]);
    expect(app.jobs).toEqual([]);
  });

  it('queues a linked issue without asking the triggers', async () => {
    const app = testApp();
    await app.jira.engine.syncLocalChange(seedEntity(app.jira, '10050', { title: 'x', state: 'Open' }));
    expect(await takeIssueEvent(updated('10050'), app.ports)).toEqual({ kind: 'queued', issueId: '10050' });
    expect(app.matchCalls).toEqual([]);
  });

  it('leaves the issue to the sweep when Jira cannot say whether a trigger matches', async () => {
    const app = triggered();
    app.ports.issues.matches = async () => ({
      ok: false,
      error: { code: 'http', status: 503, message: 'Jira is down' },
    });
    expect(await takeIssueEvent(updated('10042'), app.ports)).toMatchObject({
      kind: 'failed',
      issueId: '10042',
    });
    expect(app.jobs).toEqual([]);
    expect(app.logs).toEqual(['events: issue 10042 left to the sweep: trigger t1: http: Jira is down']);
  });
});
