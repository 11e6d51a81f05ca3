import type { AppPorts } from '../app/app-ports';
import { MAX_CONNECTIONS } from '../consumers/run-work-job';
import { MAX_TRIGGERS } from '../store/trigger-store';

/** Why an issue syncs, or why that could not be told. */
export type IssueScope =
  | { kind: 'linked' }
  | { kind: 'trigger'; triggerId: string }
  | { kind: 'none' }
  | { kind: 'unknown'; message: string };

/**
 * Whether a changed issue is Tandem's to sync: linked on an active connection (and not unlinked),
 * or matched by an active trigger as Jira evaluates `issue = <id> AND (<jql>)`. A trigger whose
 * search fails is skipped; when none matched and one failed, the answer is `unknown` (the caller
 * leaves the issue to the sweep rather than sync an issue no trigger may want). Never throws.
 */
export async function issueInScope(issueId: string, ports: AppPorts): Promise<IssueScope> {
  try {
    for (const connectionId of await ports.connectionIds(MAX_CONNECTIONS)) {
      const engine = await ports.engine(connectionId);
      if (!engine) continue;
      const { state } = await engine.status({ platform: 'jira', type: 'issue', id: issueId });
      if (state !== 'not-linked' && state !== 'unlinked') return { kind: 'linked' };
    }
    let failure: string | null = null;
    for (const trigger of await ports.triggers.list(MAX_TRIGGERS)) {
      if (!trigger.active) continue;
      const matched = await ports.issues.matches(issueId, trigger.jql);
      if (!matched.ok) failure ??= `trigger ${trigger.id}: ${matched.error.code}: ${matched.error.message}`;
      else if (matched.value) return { kind: 'trigger', triggerId: trigger.id };
    }
    return failure === null ? { kind: 'none' } : { kind: 'unknown', message: failure };
  } catch {
    return { kind: 'unknown', message: 'storage or Jira threw' };
  }
}
