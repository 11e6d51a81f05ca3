import api, { route, type Route } from '@forge/api';
import { queryString, type JiraHttp } from './jira-http';

/**
 * Production's `JiraHttp`: `api.asApp().requestJira` with a `route` built segment by segment,
 * so Forge's own path checks (no `/ ? # ..` inside a segment) apply to every value the caller
 * encoded. A path `route` refuses is answered as a 400 without a call.
 */
export function forgeJiraHttp(): JiraHttp {
  return async (request) => {
    let safe: Route;
    try {
      safe = toRoute(request.path, queryString(request.query));
    } catch (error) {
      return {
        status: 400,
        headers: {},
        body: JSON.stringify({
          errorMessages: [`Refused path ${request.path}: ${(error as Error).message}`],
        }),
      };
    }
    const response = await api.asApp().requestJira(safe, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(typeof request.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      },
      body:
        typeof request.body === 'string' || request.body === undefined
          ? request.body
          : toArrayBuffer(request.body),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    if (request.binary) {
      return {
        status: response.status,
        headers,
        body: '',
        bytes: new Uint8Array(await response.arrayBuffer()),
      };
    }
    return { status: response.status, headers, body: await response.text() };
  };
}

/** `/rest/api/3/issue/SUP-1` as a `route`, one checked segment at a time, then the query. */
function toRoute(path: string, query: string): Route {
  const segments = path.split('/').filter((part) => part !== '');
  let built: Route | null = null;
  for (const part of segments) {
    const decoded = decodeURIComponent(part);
    built = built === null ? route`/${decoded}` : route`${built}/${decoded}`;
  }
  if (built === null) throw new Error('empty path');
  return query === '' ? built : route`${built}?${new URLSearchParams(query.slice(1))}`;
}

/** The bytes as an ArrayBuffer of exactly their length (Forge's `RequestInit.body` takes no typed array). */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
