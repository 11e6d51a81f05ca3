import { seedEntity } from '@tandem/shared-ts/testing';
import { CONNECTION_ID, testApp } from '../testing/in-memory-app-ports';
import { listConnectionErrors } from './list-connection-errors';
import { readIssueStatus } from './read-issue-status';
import { syncIssueNow } from './sync-issue-now';
import { settleError } from './settle-error';
import { saveTrigger } from './triggers';
import { MAX_TRIGGERS } from '../store/trigger-store';

const inPanel = (issueId: unknown) => ({ payload: {}, context: { extension: { issue: { id: issueId } } } });

describe('the UI resolvers', () => {
  it('status: the issue status on each connection, from the issue in the panel context', async () => {
    const app = testApp();
    await app.jira.engine.syncLocalChange(seedEntity(app.jira, '10042', { title: 'x', state: 'Open' }));
    const answer = await readIssueStatus(inPanel('10042'), app.ports);
    expect(answer).toMatchObject({
      ok: true,
      value: [{ connectionId: CONNECTION_ID, status: { state: 'pending' } }],
    });
  });

  it('status: refuses a call that names no issue', async () => {
    const app = testApp();
    expect(await readIssueStatus({ payload: { issueId: 'SUP-1' } }, app.ports)).toMatchObject({
      ok: false,
      error: { code: 'issue-missing' },
    });
  });

  it('syncNow: queues a build of the issue named in the payload', async () => {
    const app = testApp();
    expect(await syncIssueNow({ payload: { issueId: '10042' } }, app.ports)).toEqual({
      ok: true,
      value: { queued: true },
    });
    expect(app.jobs.map((queued) => queued.job)).toEqual([{ kind: 'issue', issueId: '10042' }]);
  });

  it('syncNow: says unavailable when the queue refuses', async () => {
    const app = testApp();
    app.refuseJobs = true;
    expect(await syncIssueNow(inPanel(10042), app.ports)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('errors: lists failed items with their code, and unavailable when storage throws', async () => {
    const app = testApp();
    const ref = seedEntity(app.jira, '10042', { title: 'x', state: 'Open' });
    await app.jira.engine.syncLocalChange(ref);
    const [item] = [...app.jira.outbox.items.values()];
    if (!item) throw new Error('nothing queued');
    await app.jira.outbox.put({
      ...item,
      state: 'error',
      lastError: { code: 'rejected', message: 'No permission' },
    });

    expect(await listConnectionErrors(app.ports)).toMatchObject({
      ok: true,
      value: [{ connectionId: CONNECTION_ID, queue: 'outbox', code: 'rejected', message: 'No permission' }],
    });
    app.ports.connectionIds = async () => {
      throw new Error('KVS down');
    };
    expect(await listConnectionErrors(app.ports)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('retryError makes a listed error due again; discardError then finds it gone', async () => {
    const app = testApp();
    const ref = seedEntity(app.jira, '10042', { title: 'x', state: 'Open' });
    await app.jira.engine.syncLocalChange(ref);
    const [item] = [...app.jira.outbox.items.values()];
    if (!item) throw new Error('nothing queued');
    await app.jira.outbox.put({ ...item, state: 'error', lastError: { code: 'rejected', message: 'No' } });
    const target = { connectionId: CONNECTION_ID, queue: 'outbox', key: item.key };
    expect(await settleError('retry', { payload: target }, app.ports)).toEqual({
      ok: true,
      value: { done: true },
    });
    expect(await listConnectionErrors(app.ports)).toEqual({ ok: true, value: [] });
    expect(await settleError('discard', { payload: target }, app.ports)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('saveTrigger refuses a trigger past the cap, and says unavailable when Jira cannot validate', async () => {
    const app = testApp();
    for (let n = 0; n < MAX_TRIGGERS; n++)
      app.triggers.set(`t${n}`, { id: `t${n}`, jql: 'x = 1', active: true, notes: '', updatedAt: '' });
    expect(await saveTrigger({ payload: { jql: 'project = SUP' } }, app.ports)).toMatchObject({
      ok: false,
      error: { code: 'too-many-triggers' },
    });
    app.triggers.clear();
    app.ports.admin.validateJql = async () => ({
      ok: false,
      error: { code: 'http', status: 503, message: 'down' },
    });
    expect(await saveTrigger({ payload: { jql: 'project = SUP' } }, app.ports)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(app.triggers.size).toBe(0);
  });
});
