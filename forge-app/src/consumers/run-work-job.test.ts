import { InvocationErrorCode } from '@forge/events';
import { seedEntity } from '@tandem/shared-ts/testing';
import { CONNECTION_ID, testApp } from '../testing/in-memory-app-ports';
import { invocationResult } from './invocation-result';
import { runWorkJob } from './run-work-job';

describe('runWorkJob (the queue consumer)', () => {
  it('drops a body that is not a job', async () => {
    const app = testApp();
    expect(await runWorkJob({ body: { kind: 'inbox', connectionId: 7 } }, app.ports)).toEqual({
      kind: 'done',
      job: null,
    });
    expect(app.logs).toHaveLength(1);
  });

  it('is done with the job of a connection that is gone', async () => {
    const app = testApp();
    expect(await runWorkJob({ body: { kind: 'inbox', connectionId: 'gone' } }, app.ports)).toMatchObject({
      kind: 'done',
    });
  });

  it('queues a follow-up job when the run left items for later', async () => {
    const app = testApp();
    app.jira.engine.deliverOutbox = async () => ({ done: 50, retrying: 0, failed: 0, remaining: 3 });
    const outcome = await runWorkJob({ body: { kind: 'outbox', connectionId: CONNECTION_ID } }, app.ports);
    expect(outcome).toMatchObject({ kind: 'done', summary: { remaining: 3 } });
    expect(app.jobs).toEqual([{ job: { kind: 'outbox', connectionId: CONNECTION_ID } }]);
  });

  it('asks Forge to retry with backoff when storage throws, and gives up after 4 retries', async () => {
    const app = testApp();
    app.ports.engine = async () => {
      throw new Error('KVS down');
    };
    const job = { kind: 'inbox', connectionId: CONNECTION_ID };
    expect(await runWorkJob({ body: job }, app.ports)).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 30,
    });
    expect(await runWorkJob({ body: job, retryContext: { retryCount: 2 } }, app.ports)).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 120,
    });
    expect(await runWorkJob({ body: job, retryContext: { retryCount: 4 } }, app.ports)).toMatchObject({
      kind: 'gave-up',
    });
  });

  it('turns a retry into an InvocationError with retryAfter, and anything else into no result', () => {
    const job = { kind: 'issue' as const, issueId: '1' };
    const error = invocationResult({ kind: 'retry', job, retryAfterSeconds: 5000, reason: 'x' });
    // @forge/events' constructor answers the JSON Forge reads (`_retry`, `retryOptions`).
    expect(error).toEqual({
      _retry: true,
      retryOptions: {
        retryAfter: 900,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        retryData: { reason: 'x' },
      },
    });
    expect(invocationResult({ kind: 'done', job })).toBeUndefined();
  });

  it('retries an issue build that failed for a transient reason', async () => {
    const app = testApp();
    seedEntity(app.jira, '10042', { title: 'x', state: 'Open' });
    app.jira.engine.syncLocalChange = async () => ({
      kind: 'failed',
      error: { code: 'http', status: 429, message: 'Too many requests', retryAfterSeconds: 10 },
    });
    expect(await runWorkJob({ body: { kind: 'issue', issueId: '10042' } }, app.ports)).toMatchObject({
      kind: 'retry',
      reason: 'issue 10042: http',
    });
  });
});
