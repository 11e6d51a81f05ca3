import type { AppPorts } from '../app/app-ports';
import type { IssueEventOutcome } from './take-issue-event';

/** Seconds a job for an issue waits, so that a burst of events on it becomes one build. */
export const ISSUE_COALESCE_SECONDS = 10;

/** How long a claim on an issue holds when its job is lost: the next event after that queues again. */
const CLAIM_MS = 15 * 60_000;

/** The coalescing mark of an issue. */
export function issueMarkKey(issueId: string): string {
  return `issue:${issueId}`;
}

/**
 * Queues the build of one issue unless one is already waiting (coalesced). The mark is released
 * when queueing fails, so the next event or the sweep tries again. Never throws.
 */
export async function queueIssueJob(
  issueId: string,
  ports: AppPorts,
): Promise<Exclude<IssueEventOutcome, { kind: 'ignored' }>> {
  try {
    const key = issueMarkKey(issueId);
    if (!(await ports.marks.claim(key, ports.clock.now() + CLAIM_MS))) return { kind: 'coalesced', issueId };
    const queued = await ports.jobs.push([
      { job: { kind: 'issue', issueId }, delaySeconds: ISSUE_COALESCE_SECONDS },
    ]);
    if (queued.ok) return { kind: 'queued', issueId };
    await ports.marks.release(key);
    ports.log(`events: issue ${issueId} not queued: ${queued.message}`);
    return { kind: 'failed', issueId, message: queued.message };
  } catch {
    ports.log(`events: issue ${issueId} not queued: storage or queue threw`);
    return { kind: 'failed', issueId, message: 'The coalescing marks or the queue could not be reached.' };
  }
}
