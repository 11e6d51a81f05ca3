/**
 * One page of a JQL search (`POST /rest/api/3/search/jql`), paged by `nextPageToken` (no total:
 * the last page has no token). For the sweep (`updated >= ...` over linked and triggered issues)
 * and trigger matching (`issue = KEY AND (<jql>)`), each run bounded by its own page budget.
 */
import type { SyncFailure } from '@tandem/shared-ts/engine';
import { callJiraJson, type JiraContext } from './jira-call';
import type { RestIssue } from './jira-shapes';

/** One page: the issues' ids and keys, and the token of the next page (null on the last). */
export interface SearchPage {
  issues: { id: string; key: string; updated: string | null }[];
  nextPageToken: string | null;
}

/** Jira serves at most 100 issues per page when only a few fields are asked for; 5000 ids. */
export const SEARCH_PAGE_MAX = 100;

/** Runs one page of `jql`, from `pageToken` (null for the first page). */
export async function searchIssues(
  context: JiraContext,
  jql: string,
  pageToken: string | null,
  maxResults: number = SEARCH_PAGE_MAX,
): Promise<{ ok: true; value: SearchPage } | { ok: false; error: SyncFailure }> {
  const body: Record<string, unknown> = {
    jql,
    maxResults: Math.max(1, Math.min(SEARCH_PAGE_MAX, maxResults)),
    fields: ['updated'],
  };
  if (pageToken !== null) body.nextPageToken = pageToken;
  const page = await callJiraJson<{ issues?: RestIssue[]; nextPageToken?: string | null }>(
    context,
    'search-issues',
    {
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: JSON.stringify(body),
    },
  );
  if (!page.ok) return page;
  return {
    ok: true,
    value: {
      issues: (page.value.issues ?? [])
        .filter((issue) => typeof issue.id === 'string')
        .map((issue) => ({
          id: issue.id as string,
          key: String(issue.key ?? ''),
          updated: typeof issue.fields?.updated === 'string' ? issue.fields.updated : null,
        })),
      nextPageToken:
        typeof page.value.nextPageToken === 'string' && page.value.nextPageToken !== ''
          ? page.value.nextPageToken
          : null,
    },
  };
}
