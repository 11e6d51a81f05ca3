import type { AppJob } from '../app/app-ports';

/** Connection ids and issue ids are short: anything longer is not a job of ours. */
const MAX_ID_LENGTH = 200;

/** The job an async event's body holds, or null when the body is not one of ours. */
export function readAppJob(body: unknown): AppJob | null {
  if (typeof body !== 'object' || body === null) return null;
  const { kind, connectionId, issueId } = body as Record<string, unknown>;
  if ((kind === 'inbox' || kind === 'outbox') && isId(connectionId)) return { kind, connectionId };
  if (kind === 'issue' && isId(issueId) && /^[0-9]+$/.test(issueId)) return { kind, issueId };
  return null;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}
