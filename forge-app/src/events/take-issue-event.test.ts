import { seedEntity } from '@tandem/shared-ts/testing';
import { runWorkJob } from '../consumers/run-work-job';
import { testApp } from '../testing/in-memory-app-ports';
import { ISSUE_COALESCE_SECONDS } from './queue-issue-job';
import { takeIssueEvent } from './take-issue-event';

const updated = (issueId: string, extra: Record<string, unknown> = {}) => ({
  eventType: 'avi:jira:updated:issue',
  atlassianId: '5b10ac8d82e05b22cc7d4ef5',
  selfGenerated: false,
  issue: { id: issueId, key: 'SUP-1', fields: { summary: 'from the payload, never used' } },
  ...extra,
});

describe('takeIssueEvent (Jira product events)', () => {
  it('queues one delayed build job for the issue of an event', async () => {
    const app = testApp();
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
    const app = testApp();
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
    const app = testApp();
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
    const app = testApp();
    app.refuseJobs = true;
    expect(await takeIssueEvent(updated('10042'), app.ports)).toMatchObject({ kind: 'failed' });
    app.refuseJobs = false;
    expect(await takeIssueEvent(updated('10042'), app.ports)).toMatchObject({ kind: 'queued' });
  });

  it('builds from the issue as it is now, whatever order the events came in', async () => {
    const app = testApp();
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
});
