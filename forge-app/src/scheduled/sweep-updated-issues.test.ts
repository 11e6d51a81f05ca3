import { testApp } from '../testing/in-memory-app-ports';
import { runHousekeeping } from './run-housekeeping';
import { SWEEP_MAX_PAGES, sweepUpdatedIssues } from './sweep-updated-issues';

describe('sweepUpdatedIssues (scheduled sweep)', () => {
  it('queues a build of every issue updated since the last pass, and starts the next pass where this one began', async () => {
    const app = testApp();
    app.pages.push(
      { ok: true, issueIds: ['1', '2'], nextPageToken: 'p2' },
      { ok: true, issueIds: ['3'], nextPageToken: null },
    );
    const start = app.clock.iso();

    const run = await sweepUpdatedIssues(app.ports);

    expect(run).toEqual({ pages: 2, issues: 3, passFinished: true, failure: null });
    expect(app.jobs.map((queued) => queued.job)).toEqual([
      { kind: 'issue', issueId: '1' },
      { kind: 'issue', issueId: '2' },
      { kind: 'issue', issueId: '3' },
    ]);
    expect(app.finderCalls.map((call) => call.pageToken)).toEqual([null, 'p2']);
    expect(app.finderCalls[0]?.since).toBe('2026-11-19T10:00:00.000Z');
    // The next pass reaches 5 minutes before this one's start.
    expect(app.cursor.value).toEqual({
      since: '2026-11-20T09:55:00.000Z',
      passStartedAt: start,
      pageToken: null,
    });
  });

  it('reads at most its page limit per run and resumes from the saved page on the next run', async () => {
    const app = testApp();
    for (let page = 0; page < SWEEP_MAX_PAGES + 1; page++) {
      app.pages.push({ ok: true, issueIds: [String(page + 1)], nextPageToken: `p${page + 1}` });
    }
    const first = await sweepUpdatedIssues(app.ports);
    expect(first).toMatchObject({ pages: SWEEP_MAX_PAGES, passFinished: false });
    expect(app.cursor.value?.pageToken).toBe(`p${SWEEP_MAX_PAGES}`);

    await sweepUpdatedIssues(app.ports);
    expect(app.finderCalls[SWEEP_MAX_PAGES]?.pageToken).toBe(`p${SWEEP_MAX_PAGES}`);
  });

  it('stops at a Jira failure, keeping the cursor of the last page read, and says why', async () => {
    const app = testApp();
    app.pages.push(
      { ok: true, issueIds: ['1'], nextPageToken: 'p2' },
      { ok: false, error: { code: 'http', status: 429, message: 'Rate limited' } },
    );
    const run = await sweepUpdatedIssues(app.ports);
    expect(run).toEqual({ pages: 1, issues: 1, passFinished: false, failure: 'http: Rate limited' });
    expect(app.cursor.value?.pageToken).toBe('p2');
    expect(app.logs).toEqual(['sweep: stopped after 1 page(s): http: Rate limited']);
  });

  it('coalesces with an event job already waiting for the same issue', async () => {
    const app = testApp();
    await app.ports.marks.claim('issue:1', app.clock.now() + 60_000);
    app.pages.push({ ok: true, issueIds: ['1'], nextPageToken: null });
    await sweepUpdatedIssues(app.ports);
    expect(app.jobs).toEqual([]);
  });
});

describe('sweepUpdatedIssues over triggers', () => {
  it("pages each active trigger's JQL after the linked issues, each scope with its own cursor", async () => {
    const app = testApp();
    const at = app.clock.iso();
    app.triggers.set('t1', { id: 't1', jql: 'project = SUP', active: true, notes: '', updatedAt: at });
    app.triggers.set('t2', { id: 't2', jql: 'labels = off', active: false, notes: '', updatedAt: at });
    app.pages.push(
      { ok: true, issueIds: ['1'], nextPageToken: null },
      { ok: true, issueIds: ['7'], nextPageToken: 'q2' },
      { ok: true, issueIds: ['8'], nextPageToken: null },
    );
    expect(await sweepUpdatedIssues(app.ports)).toEqual({
      pages: 3,
      issues: 3,
      passFinished: true,
      failure: null,
    });
    expect(app.finderCalls.map((call) => call.jql ?? 'linked')).toEqual([
      'linked',
      'project = SUP',
      'project = SUP',
    ]);
    expect(app.jobs.map((queued) => queued.job)).toEqual(
      ['1', '7', '8'].map((issueId) => ({ kind: 'issue', issueId })),
    );
    expect(app.cursors.get('t1')).toMatchObject({ pageToken: null, passStartedAt: app.clock.iso() });
  });

  it('sweeps the next scope when one fails, keeping the failed one at its cursor', async () => {
    const app = testApp();
    const at = app.clock.iso();
    app.triggers.set('t1', { id: 't1', jql: 'bad = 1', active: true, notes: '', updatedAt: at });
    app.triggers.set('t2', { id: 't2', jql: 'project = SUP', active: true, notes: '', updatedAt: at });
    app.pages.push(
      { ok: true, issueIds: [], nextPageToken: null },
      { ok: false, error: { code: 'http', status: 400, message: 'Field bad does not exist' } },
      { ok: true, issueIds: ['9'], nextPageToken: null },
    );
    const run = await sweepUpdatedIssues(app.ports);
    expect(run).toEqual({
      pages: 2,
      issues: 1,
      passFinished: false,
      failure: 'trigger t1: http: Field bad does not exist',
    });
    expect(app.cursors.has('t1')).toBe(false);
    expect(app.cursors.get('t2')).toBeDefined();
  });
});

describe('runHousekeeping (scheduled)', () => {
  it('queues the inbox and outbox jobs of every connection', async () => {
    const app = testApp();
    expect(await runHousekeeping(app.ports)).toEqual({ connections: 1, queued: 2, failure: null });
    expect(app.jobs.map((queued) => queued.job.kind)).toEqual(['inbox', 'outbox']);
  });

  it('says so when the queue refuses', async () => {
    const app = testApp();
    app.refuseJobs = true;
    expect(await runHousekeeping(app.ports)).toEqual({
      connections: 1,
      queued: 0,
      failure: 'queue refused (test)',
    });
  });
});
