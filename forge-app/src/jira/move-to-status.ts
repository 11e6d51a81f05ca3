/**
 * Moves an issue to a status by name, through the workflow's transitions: a transition available
 * now that leads there (2 calls), else the shortest path over the issue's workflow (found through
 * the project's workflow scheme), taken one transition at a time. When no path exists the failure
 * names the workflow, the from and the to status.
 */
import type { SyncFailure } from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import { callJira, callJiraJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import type { RestIssue, RestTransition, RestWorkflow } from './jira-shapes';
import { findTransitionPath, type WorkflowGraph } from './find-transition-path';

type Done = { ok: true } | { ok: false; error: SyncFailure };

/** Brings issue `issueId` to the status named `target` (case-insensitive). */
export async function moveToStatus(context: JiraContext, issueId: string, target: string): Promise<Done> {
  const path = `/rest/api/3/issue/${segment(issueId)}/transitions`;
  const available = await callJiraJson<{ transitions?: RestTransition[] }>(context, 'move-status', {
    method: 'GET',
    path,
  });
  if (!available.ok) return available;
  const direct = (available.value.transitions ?? []).find((t) => sameName(t.to?.name, target));
  if (direct?.id !== undefined) return transition(context, path, direct.id);
  const issue = await callJiraJson<RestIssue>(context, 'move-status', {
    method: 'GET',
    path: `/rest/api/3/issue/${segment(issueId)}`,
    query: { fields: 'status,project,issuetype' },
  });
  if (!issue.ok) return issue;
  const fields = issue.value.fields ?? {};
  const from = fields.status as { id?: string; name?: string } | undefined;
  if (sameName(from?.name, target)) return { ok: true };
  const workflow = await readWorkflow(context, fields);
  if (!workflow.ok) return workflow;
  const to = workflow.value.statuses.find((s) => sameName(s.name, target));
  const steps = to && from?.id !== undefined ? findTransitionPath(workflow.value, from.id, to.id) : null;
  if (steps === null) {
    return {
      ok: false,
      error: syncFailure(
        'rejected',
        `No path of transitions in workflow "${workflow.value.name}" leads from status "${from?.name ?? '?'}" to "${target}"${to ? '' : ' (the workflow has no such status)'}; change the status rules or the workflow.`,
      ),
    };
  }
  for (const step of steps) {
    const moved = await transition(context, path, step);
    if (!moved.ok) return moved;
  }
  return { ok: true };
}

async function transition(context: JiraContext, path: string, id: string): Promise<Done> {
  const done = await callJira(context, 'move-status', {
    method: 'POST',
    path,
    body: JSON.stringify({ transition: { id } }),
  });
  return done.ok ? { ok: true } : done;
}

/** The issue's workflow: its project's workflow scheme names it (per issue type, else the default). */
async function readWorkflow(
  context: JiraContext,
  fields: Record<string, unknown>,
): Promise<{ ok: true; value: WorkflowGraph } | { ok: false; error: SyncFailure }> {
  const projectId = String((fields.project as { id?: unknown } | undefined)?.id ?? '');
  const typeId = String((fields.issuetype as { id?: unknown } | undefined)?.id ?? '');
  const schemes = await callJiraJson<{
    values?: { workflowScheme?: { defaultWorkflow?: string; issueTypeMappings?: Record<string, string> } }[];
  }>(context, 'move-status', {
    method: 'GET',
    path: '/rest/api/3/workflowscheme/project',
    query: { projectId },
  });
  if (!schemes.ok) return schemes;
  const scheme = schemes.value.values?.[0]?.workflowScheme;
  const name = scheme?.issueTypeMappings?.[typeId] ?? scheme?.defaultWorkflow;
  if (typeof name !== 'string') {
    return {
      ok: false,
      error: syncFailure(
        'rejected',
        `Project ${projectId} has no workflow scheme Tandem can read, so it cannot find a path of transitions.`,
      ),
    };
  }
  const page = await callJiraJson<{ values?: RestWorkflow[] }>(context, 'move-status', {
    method: 'GET',
    path: '/rest/api/3/workflow/search',
    query: { workflowName: name, expand: 'transitions,statuses' },
  });
  if (!page.ok) return page;
  const found = page.value.values?.find((w) => w.id?.name === name);
  if (!found)
    return { ok: false, error: syncFailure('rejected', `Workflow "${name}" could not be read from Jira.`) };
  return {
    ok: true,
    value: {
      name,
      statuses: (found.statuses ?? []).map((s) => ({ id: String(s.id ?? ''), name: String(s.name ?? '') })),
      transitions: (found.transitions ?? []).map((t) => ({
        id: String(t.id ?? ''),
        name: String(t.name ?? ''),
        from: Array.isArray(t.from) ? t.from.map(String) : [],
        to: String(t.to ?? ''),
      })),
    },
  };
}

function sameName(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}
