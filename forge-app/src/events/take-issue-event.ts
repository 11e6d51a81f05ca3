import type { AppPorts } from '../app/app-ports';
import { issueIdOfEvent } from './issue-id-of-event';
import { issueInScope } from './issue-in-scope';
import { queueIssueJob } from './queue-issue-job';

/** What a product event led to. */
export type IssueEventOutcome =
  | { kind: 'ignored'; reason: 'self-generated' | 'no-issue' | 'out-of-scope' }
  | { kind: 'coalesced'; issueId: string }
  | { kind: 'queued'; issueId: string }
  | { kind: 'failed'; issueId: string; message: string };

/**
 * A Jira product event (issue created, updated, deleted, commented; attachment created,
 * deleted): ignores the app's own writes (`selfGenerated`, besides the manifest's
 * `ignoreSelf`), and queues one job per issue that builds the replica from the issue's current
 * state, so late, duplicate and reordered events all end in the same replica. Events for an
 * issue that already has a job waiting are coalesced into it. Only issues in scope are queued:
 * linked ones, and those an active trigger's JQL matches (`issueInScope`); when Jira cannot say,
 * the issue is left to the scheduled sweep. Never throws.
 */
export async function takeIssueEvent(event: unknown, ports: AppPorts): Promise<IssueEventOutcome> {
  if (
    typeof event === 'object' &&
    event !== null &&
    (event as { selfGenerated?: unknown }).selfGenerated === true
  ) {
    return { kind: 'ignored', reason: 'self-generated' };
  }
  const issueId = issueIdOfEvent(event);
  if (issueId === null) return { kind: 'ignored', reason: 'no-issue' };
  const scope = await issueInScope(issueId, ports);
  if (scope.kind === 'none') return { kind: 'ignored', reason: 'out-of-scope' };
  if (scope.kind === 'unknown') {
    ports.log(`events: issue ${issueId} left to the sweep: ${scope.message}`);
    return { kind: 'failed', issueId, message: scope.message };
  }
  return queueIssueJob(issueId, ports);
}
