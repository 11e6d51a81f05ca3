import { Queue } from '@forge/events';
import type { JobQueue } from './app-ports';

/** The queue named in manifest.yml (`consumer` module `tandem-work-consumer`). */
export const WORK_QUEUE = 'tandem-work';

/**
 * The app's jobs on a @forge/events queue. Jobs of one issue or connection share a concurrency
 * key with limit 1, so two consumers never work on the same issue or inbox at once.
 */
export function forgeJobQueue(queue: Pick<Queue, 'push'> = new Queue({ key: WORK_QUEUE })): JobQueue {
  return {
    async push(jobs) {
      if (jobs.length === 0) return { ok: true };
      try {
        await queue.push(
          jobs.map(({ job, delaySeconds }) => ({
            body: { ...job },
            ...(delaySeconds === undefined ? {} : { delayInSeconds: delaySeconds }),
            concurrency: {
              key: job.kind === 'issue' ? `issue-${job.issueId}` : `${job.kind}-${job.connectionId}`,
              limit: 1,
            },
          })),
        );
        return { ok: true };
      } catch (error) {
        return {
          ok: false,
          message: error instanceof Error ? error.message.slice(0, 500) : 'the queue refused the jobs',
        };
      }
    },
  };
}
