import type { RendezvousRequest } from '@tandem/shared-ts/protocol';

/** Most headers taken from a request, values per header, and characters per value. */
const MAX_HEADERS = 100;
const MAX_VALUES = 10;
const MAX_VALUE_LENGTH = 8192;

/**
 * Reads the request Forge hands a web trigger (`{method, headers: {name: string[]}, body, path,
 * queryParameters}`) into the core's `RendezvousRequest`, or null when it does not have that
 * shape. Bounded: at most 100 headers of 10 values of 8,192 characters are read; a missing
 * body is empty. The body is passed on exactly as received, so its signature can be checked.
 */
export function readWebTriggerRequest(request: unknown): RendezvousRequest | null {
  if (typeof request !== 'object' || request === null) return null;
  const { method, path, headers, body } = request as Record<string, unknown>;
  if (typeof method !== 'string' || method.length > 16) return null;
  if (body !== undefined && body !== null && typeof body !== 'string') return null;
  const read = readHeaders(headers);
  if (!read) return null;
  return {
    method,
    path: typeof path === 'string' ? path.slice(0, 2048) : '/',
    headers: read,
    body: typeof body === 'string' ? body : '',
  };
}

function readHeaders(headers: unknown): Record<string, string[]> | null {
  if (headers === undefined || headers === null) return {};
  if (typeof headers !== 'object' || Array.isArray(headers)) return null;
  const out: Record<string, string[]> = {};
  let count = 0;
  for (const name in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
    if (++count > MAX_HEADERS) return null;
    const values: unknown = (headers as Record<string, unknown>)[name];
    const list = typeof values === 'string' ? [values] : values;
    if (!Array.isArray(list) || list.length > MAX_VALUES) return null;
    const kept: string[] = [];
    for (const value of list as unknown[]) {
      if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) return null;
      kept.push(value);
    }
    out[name] = kept;
  }
  return out;
}
