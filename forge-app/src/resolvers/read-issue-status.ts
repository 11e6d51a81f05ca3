import type { LinkStatus } from '@tandem/shared-ts/engine';
import type { AppPorts } from '../app/app-ports';
import { MAX_CONNECTIONS } from '../consumers/run-work-job';
import { issueIdOfCall } from './issue-id-of-call';
import { ISSUE_MISSING, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';

/** The sync status of an issue on one connection. */
export interface IssueStatus {
  connectionId: string;
  status: LinkStatus;
}

/** The issue panel's `status` call: the issue's status on every connection (at most 50). Never throws. */
export async function readIssueStatus(
  call: { payload?: unknown; context?: unknown },
  ports: AppPorts,
): Promise<ResolverAnswer<IssueStatus[]>> {
  const issueId = issueIdOfCall(call);
  if (issueId === null) return ISSUE_MISSING;
  try {
    const statuses: IssueStatus[] = [];
    for (const connectionId of await ports.connectionIds(MAX_CONNECTIONS)) {
      const engine = await ports.engine(connectionId);
      if (!engine) continue;
      statuses.push({
        connectionId,
        status: await engine.status({ platform: 'jira', type: 'issue', id: issueId }),
      });
    }
    return { ok: true, value: statuses };
  } catch {
    return UNAVAILABLE;
  }
}
