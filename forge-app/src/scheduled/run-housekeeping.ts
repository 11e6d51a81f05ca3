import type { AppPorts, QueuedJob } from '../app/app-ports';
import { MAX_CONNECTIONS } from '../consumers/run-work-job';

/** What the housekeeping queued. */
export interface HousekeepingRun {
  connections: number;
  queued: number;
  failure: string | null;
}

/**
 * The hourly housekeeping: queues an inbox and an outbox job for every connection (at most 50),
 * so that items waiting for a retry, and content whose job was lost (a queue outage after the
 * rendezvous answered, a job that gave up after Forge's retries), are taken up again. Never throws.
 */
export async function runHousekeeping(ports: AppPorts): Promise<HousekeepingRun> {
  const run: HousekeepingRun = { connections: 0, queued: 0, failure: null };
  try {
    const ids = await ports.connectionIds(MAX_CONNECTIONS);
    run.connections = ids.length;
    const jobs: QueuedJob[] = ids.flatMap((connectionId) => [
      { job: { kind: 'inbox', connectionId } },
      { job: { kind: 'outbox', connectionId } },
    ]);
    // 50 events per push at most (Forge's limit).
    for (let start = 0; start < jobs.length; start += 50) {
      const batch = jobs.slice(start, start + 50);
      const queued = await ports.jobs.push(batch);
      if (!queued.ok) {
        run.failure = queued.message;
        break;
      }
      run.queued += batch.length;
    }
  } catch {
    run.failure = 'storage or the queue threw';
  }
  if (run.failure) ports.log(`housekeeping: ${run.failure}`);
  return run;
}
