import type { PushEvent } from '@forge/events';
import { forgeJobQueue } from './forge-job-queue';

describe('forgeJobQueue (the jobs on a @forge/events queue)', () => {
  it('pushes each job as an event body, one at a time per issue or connection, with its delay', async () => {
    const pushed: PushEvent[] = [];
    const queue = forgeJobQueue({
      push: async (events) => {
        pushed.push(...(Array.isArray(events) ? events : [events]));
        return { jobId: 'job-1' };
      },
    });
    expect(
      await queue.push([
        { job: { kind: 'issue', issueId: '10042' }, delaySeconds: 10 },
        { job: { kind: 'inbox', connectionId: 'conn-1' } },
      ]),
    ).toEqual({ ok: true });
    expect(pushed).toEqual([
      {
        body: { kind: 'issue', issueId: '10042' },
        delayInSeconds: 10,
        concurrency: { key: 'issue-10042', limit: 1 },
      },
      { body: { kind: 'inbox', connectionId: 'conn-1' }, concurrency: { key: 'inbox-conn-1', limit: 1 } },
    ]);
  });

  it('answers a failure value with the platform message when the push is refused', async () => {
    const queue = forgeJobQueue({
      push: async () => {
        throw new Error('Rate limit exceeded');
      },
    });
    expect(await queue.push([{ job: { kind: 'outbox', connectionId: 'c' } }])).toEqual({
      ok: false,
      message: 'Rate limit exceeded',
    });
  });
});
