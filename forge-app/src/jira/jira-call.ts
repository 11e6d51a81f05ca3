/**
 * One REST call as the operations make it: through the `JiraHttp` port, counted per operation,
 * with the answer read into a value or a `SyncFailure`. 429 and 5xx keep their status and the
 * server's Retry-After, so the core's retry policy (`classifyFailure`: transient; `nextRetryDelay`:
 * never sooner than Retry-After) decides when to try again; other statuses carry Jira's own
 * error messages.
 */
import { syncFailure, type SyncFailure } from '@tandem/shared-ts/engine';
import type { JiraHttp, JiraRequest, JiraResponse } from './jira-http';

/** REST calls made, by operation name (`read-issue`, `edit-fields`, ...). */
export interface CallCounter {
  record(operation: string): void;
  count(operation: string): number;
  total(): number;
  reset(): void;
}

/** A fresh counter. */
export function createCallCounter(): CallCounter {
  const counts = new Map<string, number>();
  return {
    record: (operation) => {
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
    },
    count: (operation) => counts.get(operation) ?? 0,
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    reset: () => counts.clear(),
  };
}

/** What the operations share: the port, the counter, and what they learned about the site this invocation. */
export interface JiraContext {
  http: JiraHttp;
  calls: CallCounter;
  /** Site facts fetched once per context (the field catalogue, the app's own account). */
  cache: Map<string, unknown>;
}

/** A context over a port. */
export function createJiraContext(http: JiraHttp, calls: CallCounter = createCallCounter()): JiraContext {
  return { http, calls, cache: new Map() };
}

export type CallResult = { ok: true; response: JiraResponse } | { ok: false; error: SyncFailure };

/** Largest response body read as JSON (Jira pages are far smaller; a runaway answer is refused). */
export const MAX_JSON_RESPONSE_CHARS = 8 * 1024 * 1024;

/**
 * Makes the call; a status in `accept` (default: any 2xx) is success, anything else a failure
 * naming the operation, the status and Jira's messages.
 */
export async function callJira(
  context: JiraContext,
  operation: string,
  request: JiraRequest,
  accept: (status: number) => boolean = (status) => status >= 200 && status < 300,
): Promise<CallResult> {
  context.calls.record(operation);
  let response: JiraResponse;
  try {
    response = await context.http(request);
  } catch (error) {
    return {
      ok: false,
      error: syncFailure('network', `Jira could not be reached for ${operation} (${describe(error)}).`),
    };
  }
  if (accept(response.status)) return { ok: true, response };
  return { ok: false, error: failureOf(operation, request, response) };
}

/** Calls and reads the JSON body. */
export async function callJiraJson<T>(
  context: JiraContext,
  operation: string,
  request: JiraRequest,
): Promise<{ ok: true; value: T } | { ok: false; error: SyncFailure }> {
  const called = await callJira(context, operation, request);
  if (!called.ok) return called;
  const parsed = parseJson(called.response.body);
  if (parsed === undefined) {
    return {
      ok: false,
      error: syncFailure(
        'unexpected',
        `Jira answered ${operation} with a body that is not JSON (or is over ${MAX_JSON_RESPONSE_CHARS} characters).`,
      ),
    };
  }
  return { ok: true, value: parsed as T };
}

/** The JSON in a body, or undefined. */
export function parseJson(body: string): unknown {
  if (body.length > MAX_JSON_RESPONSE_CHARS) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function failureOf(operation: string, request: JiraRequest, response: JiraResponse): SyncFailure {
  const retryAfter = retryAfterSeconds(response.headers['retry-after']);
  const detail = jiraMessages(response.body);
  const message = `Jira answered ${response.status} to ${operation} (${request.method} ${request.path})${detail === '' ? '' : `: ${detail}`}`;
  const extra: { status: number; retryAfterSeconds?: number } = { status: response.status };
  if (retryAfter !== undefined) extra.retryAfterSeconds = retryAfter;
  return syncFailure('http', message, extra);
}

/** Retry-After in seconds (a number of seconds; an HTTP date is read relative to now). */
export function retryAfterSeconds(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Jira's `errorMessages` and `errors` as one line, at most 500 characters. */
function jiraMessages(body: string): string {
  const parsed = parseJson(body) as { errorMessages?: unknown; errors?: unknown } | undefined;
  if (!parsed || typeof parsed !== 'object') return '';
  const messages = Array.isArray(parsed.errorMessages)
    ? parsed.errorMessages.filter((m) => typeof m === 'string')
    : [];
  const errors =
    parsed.errors && typeof parsed.errors === 'object'
      ? Object.entries(parsed.errors as Record<string, unknown>).map(([field, m]) => `${field}: ${String(m)}`)
      : [];
  return [...messages, ...errors].join('; ').slice(0, 500);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
