/** What a UI call answers: a value, or a coded error the UI shows as it is. */
export type ResolverAnswer<T> =
  { ok: true; value: T } | { ok: false; error: { code: 'issue-missing' | 'unavailable'; message: string } };

/** The answer to a call that names no issue. */
export const ISSUE_MISSING = {
  ok: false,
  error: {
    code: 'issue-missing',
    message: 'The call names no Jira issue (open it from an issue, or pass issueId).',
  },
} as const;

/** The answer when storage or Jira failed. */
export const UNAVAILABLE = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'Tandem could not read its storage just now. Try again in a moment.',
  },
} as const;
