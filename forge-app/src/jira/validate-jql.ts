/**
 * Validates trigger JQL with Jira itself (`POST /rest/api/3/jql/parse?validation=strict`): the
 * errors Jira lists for each query, empty when it is valid. The admin console shows them; the
 * editor's instant syntax feedback comes from @atlaskit/jql-parser in the browser.
 */
import type { SyncFailure } from '@tandem/shared-ts/engine';
import { callJiraJson, type JiraContext } from './jira-call';

/** Errors per query, in the order given. */
export async function validateJql(
  context: JiraContext,
  queries: string[],
): Promise<{ ok: true; value: string[][] } | { ok: false; error: SyncFailure }> {
  const parsed = await callJiraJson<{ queries?: { query?: string; errors?: unknown }[] }>(
    context,
    'validate-jql',
    {
      method: 'POST',
      path: '/rest/api/3/jql/parse',
      query: { validation: 'strict' },
      body: JSON.stringify({ queries }),
    },
  );
  if (!parsed.ok) return parsed;
  const answers = parsed.value.queries ?? [];
  return {
    ok: true,
    value: queries.map((_, index) => {
      const errors = answers[index]?.errors;
      return Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [];
    }),
  };
}
