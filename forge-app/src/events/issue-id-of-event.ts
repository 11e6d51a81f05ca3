/** Jira issue ids are decimal numbers; anything else in a payload is not one. */
const ISSUE_ID = /^[0-9]{1,18}$/;

/**
 * The id of the issue a Jira product event is about, or null: `issue.id` for the issue and
 * comment events, `attachment.issueId` (or `issue.id` when present) for the attachment events.
 * Only the id is read: the issue is built later from its current state, never from the payload.
 */
export function issueIdOfEvent(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return null;
  const { issue, attachment } = event as Record<string, unknown>;
  const fromIssue = idIn(issue, 'id');
  if (fromIssue !== null) return fromIssue;
  return idIn(attachment, 'issueId');
}

function idIn(holder: unknown, field: string): string | null {
  if (typeof holder !== 'object' || holder === null) return null;
  const value = (holder as Record<string, unknown>)[field];
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === 'string' && ISSUE_ID.test(text) ? text : null;
}
