import type { AppPorts } from '../app/app-ports';
import { issueIdOfEvent } from './issue-id-of-event';
import { queueIssueJob } from './queue-issue-job';

/** What a product event led to. */
export type IssueEventOutcome =
  | { kind: 'ignored'; reason: 'self-generated' | 'no-issue' }
  | { kind: 'coalesced'; issueId: string }
  | { kind: 'queued'; issueId: string }
  | { kind: 'failed'; issueId: string; message: string };

/**
 * A Jira product event (issue created, updated, deleted, commented; attachment created,
 * deleted): ignores the app's own writes (`selfGenerated`, besides the manifest's
 * `ignoreSelf`), and queues one job per issue that builds the replica from the issue's current
 * state, so late, duplicate and reordered events all end in the same replica. Events for an
 * issue that already has a job waiting are coalesced into it. Never throws.
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
  return queueIssueJob(issueId, ports);
}
