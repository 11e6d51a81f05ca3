/**
 * The port every Jira REST operation of the app goes through: one HTTP exchange with the site,
 * as the app. Production wraps `api.asApp().requestJira(route...)` (`forge-jira-http.ts`); tests
 * and the sandbox use `fetchJiraHttp` against the Jira stand-in. Implementations answer every
 * exchange, errors included, with a status; only a transport failure rejects (the callers turn
 * that into a `network` failure).
 */

/** One request. `path` starts with `/rest/`; each segment taken from data is percent-encoded by the caller. */
export interface JiraRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | string[]>;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Ask for the body as bytes (`bytes` in the response): attachment content. */
  binary?: boolean;
}

/** One response; header names are lower case. */
export interface JiraResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text (empty for a binary request). */
  body: string;
  /** The body as bytes, for a `binary` request. */
  bytes?: Uint8Array;
}

/** The port. */
export type JiraHttp = (request: JiraRequest) => Promise<JiraResponse>;

/** Percent-encodes one path segment (an issue key, a comment id, a property key). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** The query string of a request, `?a=1&b=2`, or `''`. */
export function queryString(query: JiraRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
