import { classifyFailure, type QueueRunSummary, type SyncEngine } from '@tandem/shared-ts/engine';
import type { AppJob, AppPorts } from '../app/app-ports';
import { issueMarkKey } from '../events/queue-issue-job';
import { readAppJob } from './read-app-job';

/** A consumer run stops taking items this long after it started: Forge stops it at 900 s. */
export const CONSUMER_DEADLINE_MS = 780_000;

/** Most connections one issue job builds for. */
export const MAX_CONNECTIONS = 50;

/** Forge retries an async event at most 4 times; after that the housekeeping picks the work up. */
const MAX_RETRIES = 4;

/** What a job led to: done, or retry the event later (Forge: `InvocationError` with `retryAfter`). */
export type WorkJobOutcome =
  | { kind: 'done'; job: AppJob | null; summary?: QueueRunSummary }
  | { kind: 'retry'; job: AppJob; retryAfterSeconds: number; reason: string }
  | { kind: 'gave-up'; job: AppJob; reason: string };

/**
 * The queue consumer: one job per async event. `inbox` applies a connection's due inbox items
 * (`processInbox`), `outbox` sends its due outbox items (`deliverOutbox`), both within the
 * consumer's deadline, queueing a follow-up job when items remain; `issue` builds an issue's
 * replica from its current state for every connection (`syncLocalChange`). A transient failure
 * (storage or Jira unavailable, rate limited, items waiting for a retry) asks Forge to deliver
 * the event again after a backoff; after 4 retries it gives up and the housekeeping takes over.
 * A body that is not a job is done with. Never throws.
 */
export async function runWorkJob(
  event: { body?: unknown; retryContext?: { retryCount?: unknown } },
  ports: AppPorts,
): Promise<WorkJobOutcome> {
  const job = readAppJob(event.body);
  if (!job) {
    ports.log('consumer: an event whose body is not a job was dropped');
    return { kind: 'done', job: null };
  }
  const retries = typeof event.retryContext?.retryCount === 'number' ? event.retryContext.retryCount : 0;
  let reason: string | null;
  let summary: QueueRunSummary | undefined;
  try {
    const run = await runJob(job, ports);
    reason = run.retry;
    summary = run.summary;
  } catch {
    reason = 'storage or Jira threw';
  }
  if (reason === null) return { kind: 'done', job, ...(summary ? { summary } : {}) };
  if (retries >= MAX_RETRIES) {
    ports.log(`consumer: ${job.kind} job gave up after ${retries} retries: ${reason}`);
    return { kind: 'gave-up', job, reason };
  }
  return { kind: 'retry', job, retryAfterSeconds: Math.min(900, 30 * 2 ** retries), reason };
}

async function runJob(
  job: AppJob,
  ports: AppPorts,
): Promise<{ retry: string | null; summary?: QueueRunSummary }> {
  if (job.kind === 'issue') return { retry: await buildIssue(job.issueId, ports) };
  const engine = await ports.engine(job.connectionId);
  if (!engine) return { retry: null };
  const budget = { deadline: ports.clock.now() + CONSUMER_DEADLINE_MS };
  const summary =
    job.kind === 'inbox' ? await engine.processInbox(budget) : await engine.deliverOutbox(budget);
  if (summary.remaining > 0) {
    const queued = await ports.jobs.push([{ job }]);
    if (!queued.ok) return { retry: `follow-up not queued: ${queued.message}`, summary };
  }
  if (summary.retrying > 0) return { retry: `${summary.retrying} item(s) wait for a retry`, summary };
  return { retry: null, summary };
}

/** Builds one issue for every connection; the first transient failure asks for a retry. */
async function buildIssue(issueId: string, ports: AppPorts): Promise<string | null> {
  // Released first: an event arriving while this build runs queues the next one.
  await ports.marks.release(issueMarkKey(issueId));
  const engines: SyncEngine[] = [];
  for (const connectionId of await ports.connectionIds(MAX_CONNECTIONS)) {
    const engine = await ports.engine(connectionId);
    if (engine) engines.push(engine);
  }
  let retry: string | null = null;
  for (const engine of engines) {
    const result = await engine.syncLocalChange({ platform: 'jira', type: 'issue', id: issueId });
    if (result.kind === 'failed' && classifyFailure(result.error) === 'transient') {
      retry ??= `issue ${issueId}: ${result.error.code}`;
    }
  }
  return retry;
}
