/** The codes a UI call fails with; the console shows the message as it is. */
export type ResolverErrorCode =
  | 'issue-missing'
  | 'unavailable'
  | 'not-set-up'
  | 'payload-invalid'
  | 'not-found'
  | 'jql-invalid'
  | 'too-many-triggers'
  | 'invitation-invalid'
  | 'accept-unsupported';

/** A failed UI call: a code, words a user can act on, and for some codes the details (Jira's JQL errors). */
export interface ResolverError {
  code: ResolverErrorCode;
  message: string;
  details?: string[];
}

/** What a UI call answers: a value, or a coded error the UI shows as it is. */
export type ResolverAnswer<T> = { ok: true; value: T } | { ok: false; error: ResolverError };

/** A failed answer. */
export function refuse(
  code: ResolverErrorCode,
  message: string,
  details?: string[],
): { ok: false; error: ResolverError } {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

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

/** The answer while the site's setup is not stored. */
export const NOT_SET_UP = {
  ok: false,
  error: {
    code: 'not-set-up',
    message: 'Tandem is not set up on this site yet: an admin completes the setup first.',
  },
} as const;
