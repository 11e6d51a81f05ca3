import type { LinkStatus } from '@tandem/shared-ts/engine';
import type { AppPorts } from '../app/app-ports';
import { MAX_CONNECTIONS } from '../consumers/run-work-job';
import { issueIdOfCall } from './issue-id-of-call';
import { ISSUE_MISSING, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';

/** The sync status of an issue on one connection. */
export interface IssueStatus {
  connectionId: string;
  /** Its link (remote record, last sync) and state, with what is pending or failing in words. */
  status: LinkStatus;
  /** The issue's entries in the connection's error list (retry or discard them by queue and key). */
  errors: { queue: string; key: string; code: string | null; message: string | null; attempts: number }[];
}

/**
 * `recordStatus` `{ issueId? }` (the issue from the panel's context): the issue's link, state
 * and errors on every active connection (at most 50). Never throws.
 */
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
      const errors = (await engine.errors())
        .filter(({ item }) => item.entity.type === 'issue' && item.entity.id === issueId)
        .map(({ queue, item }) => ({
          queue,
          key: item.key,
          code: item.lastError?.code ?? null,
          message: item.lastError?.message.slice(0, 1000) ?? null,
          attempts: item.attempts,
        }));
      statuses.push({
        connectionId,
        status: await engine.status({ platform: 'jira', type: 'issue', id: issueId }),
        errors,
      });
    }
    return { ok: true, value: statuses };
  } catch {
    return UNAVAILABLE;
  }
}
