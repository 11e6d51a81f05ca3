import type { UnlinkResult } from '@tandem/shared-ts/engine';
import type { AppPorts } from '../app/app-ports';
import { MAX_CONNECTIONS } from '../consumers/run-work-job';
import { issueIdOfCall } from './issue-id-of-call';
import { ISSUE_MISSING, refuse, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';
import { payloadOf, readText, type UiCall } from './ui-call';

/**
 * `unlinkIssue` `{ issueId?, reason? }` (the issue from the panel's context): stops syncing the
 * issue on every connection and tells each peer, with the reason when given; both records keep
 * their data. Answers what each connection did. Never throws.
 */
export async function unlinkIssue(
  call: UiCall,
  ports: AppPorts,
): Promise<ResolverAnswer<{ connectionId: string; result: UnlinkResult['kind'] }[]>> {
  const issueId = issueIdOfCall(call);
  if (issueId === null) return ISSUE_MISSING;
  const payload = payloadOf(call) ?? {};
  const reason = readText(payload, 'reason', { max: 500, optional: true, what: 'a reason' });
  if (!reason.ok) return reason;
  try {
    const results: { connectionId: string; result: UnlinkResult['kind'] }[] = [];
    for (const connectionId of await ports.connectionIds(MAX_CONNECTIONS)) {
      const engine = await ports.engine(connectionId);
      if (!engine) continue;
      const done = await engine.unlink(
        { platform: 'jira', type: 'issue', id: issueId },
        reason.value ?? null,
      );
      results.push({ connectionId, result: done.kind });
    }
    if (!results.some((entry) => entry.result === 'unlinked'))
      return refuse('not-found', `Issue ${issueId} is not linked on any active connection.`);
    return { ok: true, value: results };
  } catch {
    return UNAVAILABLE;
  }
}
