/**
 * Reads an issue's entity view: `GET /issue/{id}?fields=*all&expand=names,schema` (one call
 * when its comments fit the embedded first page), then the rest of the comments page by page.
 */
import type { EntityRef } from '@tandem/shared-ts/replica';
import type { LocalEntity, SyncFailure } from '@tandem/shared-ts/engine';
import { callJira, callJiraJson, parseJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import type { RestComment, RestCommentPage, RestIssue } from './jira-shapes';
import { issueView } from './issue-view';
import { readAppAccountId } from './read-site-facts';

/** At most this many comments are read per issue (a bound on one read: 200 pages of 100). */
export const MAX_COMMENTS_READ = 20_000;
const COMMENT_PAGE = 100;

export type ReadIssueResult = { ok: true; entity: LocalEntity | null } | { ok: false; error: SyncFailure };

/** The view of the issue `ref` names (by id), or null when it does not exist (404). */
export async function readIssue(context: JiraContext, ref: Pick<EntityRef, 'id'>): Promise<ReadIssueResult> {
  const me = await readAppAccountId(context);
  if (!me.ok) return me;
  const called = await callJira(
    context,
    'read-issue',
    {
      method: 'GET',
      path: `/rest/api/3/issue/${segment(ref.id)}`,
      query: { fields: '*all', expand: 'names,schema' },
    },
    (status) => (status >= 200 && status < 300) || status === 404,
  );
  if (!called.ok) return called;
  if (called.response.status === 404) return { ok: true, entity: null };
  const issue = parseJson(called.response.body) as RestIssue | undefined;
  if (!issue || typeof issue !== 'object' || typeof issue.id !== 'string') {
    return {
      ok: false,
      error: {
        code: 'unexpected',
        message: `Jira answered read-issue for ${ref.id} with a body that is not an issue.`,
      },
    };
  }
  const embedded = (issue.fields?.comment ?? {}) as RestCommentPage;
  const comments = await allComments(context, issue.id, embedded);
  if (!comments.ok) return comments;
  const view = issueView(issue, comments.value, me.value, siteOf(issue.self));
  return view.ok ? { ok: true, entity: view.entity } : view;
}

/** The embedded comments, or every page of them when the issue has more than the embedded page. */
async function allComments(
  context: JiraContext,
  issueId: string,
  embedded: RestCommentPage,
): Promise<{ ok: true; value: RestComment[] } | { ok: false; error: SyncFailure }> {
  const first = Array.isArray(embedded.comments) ? embedded.comments : [];
  const total = typeof embedded.total === 'number' ? embedded.total : first.length;
  if (first.length >= total) return { ok: true, value: first };
  return listComments(context, issueId, false);
}

/** Every comment of an issue, paged (`startAt`, `maxResults`), with their properties when asked. */
export async function listComments(
  context: JiraContext,
  issueId: string,
  withProperties: boolean,
): Promise<{ ok: true; value: RestComment[] } | { ok: false; error: SyncFailure }> {
  const out: RestComment[] = [];
  for (let startAt = 0; startAt < MAX_COMMENTS_READ;) {
    const query: Record<string, string> = {
      startAt: String(startAt),
      maxResults: String(COMMENT_PAGE),
      orderBy: 'created',
    };
    if (withProperties) query.expand = 'properties';
    const page = await callJiraJson<RestCommentPage>(context, 'list-comments', {
      method: 'GET',
      path: `/rest/api/3/issue/${segment(issueId)}/comment`,
      query,
    });
    if (!page.ok) return page;
    const comments = Array.isArray(page.value.comments) ? page.value.comments : [];
    out.push(...comments);
    const total = typeof page.value.total === 'number' ? page.value.total : 0;
    startAt += comments.length;
    if (comments.length === 0 || startAt >= total) break;
  }
  return { ok: true, value: out };
}

function siteOf(self: string | undefined): string | null {
  if (typeof self !== 'string') return null;
  try {
    return new URL(self).origin;
  } catch {
    return null;
  }
}
