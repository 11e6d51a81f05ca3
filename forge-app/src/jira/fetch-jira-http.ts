import { queryString, type JiraHttp } from './jira-http';

/**
 * A `JiraHttp` over the global `fetch`, against a base URL (the Jira stand-in in tests and the
 * sandbox) with a bearer token. Not used in production, where Forge's `requestJira` is the only way out.
 */
export function fetchJiraHttp(baseUrl: string, token = 'sandbox-token'): JiraHttp {
  return async (request) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...request.headers,
    };
    if (typeof request.body === 'string' && headers['content-type'] === undefined)
      headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${request.path}${queryString(request.query)}`, {
      method: request.method,
      headers,
      body:
        typeof request.body === 'string' || request.body === undefined
          ? request.body
          : new Blob([copyBytes(request.body)]),
    });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    if (request.binary) {
      return {
        status: response.status,
        headers: responseHeaders,
        body: '',
        bytes: new Uint8Array(await response.arrayBuffer()),
      };
    }
    return { status: response.status, headers: responseHeaders, body: await response.text() };
  };
}

function copyBytes(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
