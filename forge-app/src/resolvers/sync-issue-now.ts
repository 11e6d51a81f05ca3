import type { AppPorts } from '../app/app-ports';
import { queueIssueJob } from '../events/queue-issue-job';
import { issueIdOfCall } from './issue-id-of-call';
import { ISSUE_MISSING, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';

/**
 * The issue action's `syncNow` call: queues a build of the issue from its current state
 * (coalesced with one already waiting); the panel's status shows the outcome. Never throws.
 */
export async function syncIssueNow(
  call: { payload?: unknown; context?: unknown },
  ports: AppPorts,
): Promise<ResolverAnswer<{ queued: boolean }>> {
  const issueId = issueIdOfCall(call);
  if (issueId === null) return ISSUE_MISSING;
  const outcome = await queueIssueJob(issueId, ports);
  if (outcome.kind === 'failed') return UNAVAILABLE;
  return { ok: true, value: { queued: true } };
}
