/**
 * The Salesforce stand-in's HTTP server: the REST API subset under `/services/data/vXX.X/` in
 * front of a `SalesforceOrg`, on a node `http` server bound to localhost: the versions list,
 * describeGlobal and describe, sobject rows (POST, GET, PATCH, DELETE, a ContentVersion's
 * VersionData), and `query` / `queryAll` with `queryMore` through `nextRecordsUrl`. Errors have
 * Salesforce's shape, `[{ message, errorCode, fields }]`. Any `Bearer` (or `OAuth`) token is
 * accepted and acts as the integration user; `Bearer as:<userId>` acts as that user (a person's
 * edit, for tests); no token at all is refused with 401 `INVALID_SESSION_ID`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeBasic, describeGlobal, describeObject } from './describe';
import { isWellFormedId, normalizeId } from './ids';
import { SalesforceOrg, supportedObject, type OrgError } from './model';
import type { ObjectDef } from './schema';
import { MAX_QUERY_CHARS, runQuery, type RecordBody } from './soql';

/** The API versions served (jsforce's default 50.0 among them); the package pins 67.0. */
export const API_VERSIONS = { oldest: 31, newest: 67 };
/** Largest request body (a 10 MB file, base64 in JSON). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Rows per query page unless the client asks for fewer (`Sforce-Query-Options: batchSize=N`, 200 to 2000). */
export const DEFAULT_QUERY_BATCH = 2000;
/** Open query cursors kept; the oldest is dropped past this (its locator then answers INVALID_QUERY_LOCATOR). */
export const MAX_QUERY_CURSORS = 100;

/** A running stand-in. */
export interface SalesforceStandin {
  org: SalesforceOrg;
  /** The instance URL clients connect to (`new Connection({ instanceUrl, accessToken })`). */
  instanceUrl: string;
  /** Calls served, as `METHOD path`, for tests that count API requests. */
  calls: string[];
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
  raw?: { bytes: Uint8Array; contentType: string };
}

interface Cursor {
  rows: RecordBody[];
  totalSize: number;
  batch: number;
}

interface Call {
  method: string;
  version: string;
  /** The path below `/services/data/vXX.X`, split on `/`. */
  parts: string[];
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  actorId: string;
}

/** Starts the server on an ephemeral localhost port. `queryBatchSize` makes small pages for tests. */
export async function startSalesforceStandin(
  org: SalesforceOrg = new SalesforceOrg(),
  options: { queryBatchSize?: number } = {},
): Promise<SalesforceStandin> {
  const calls: string[] = [];
  const cursors = new Map<string, Cursor>();
  let cursorCount = 0;
  const state = {
    org,
    calls,
    defaultBatch: options.queryBatchSize ?? DEFAULT_QUERY_BATCH,
    openCursor(cursor: Cursor): string {
      cursorCount += 1;
      const locator = `01g5g${String(cursorCount).padStart(10, '0')}`;
      cursors.set(locator, cursor);
      for (const key of cursors.keys()) {
        if (cursors.size <= MAX_QUERY_CURSORS) break;
        cursors.delete(key);
      }
      return locator;
    },
    cursor: (locator: string) => cursors.get(locator),
  };
  // Room in the request line for a query at the SOQL cap, percent-encoded.
  const server = http.createServer({ maxHeaderSize: 8 * MAX_QUERY_CHARS }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const answer = serve(state, req, Buffer.concat(chunks), size);
      if (answer.raw) {
        res.writeHead(answer.status, { 'content-type': answer.raw.contentType });
        res.end(Buffer.from(answer.raw.bytes));
      } else if (answer.body === undefined) {
        res.writeHead(answer.status);
        res.end();
      } else {
        res.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify(answer.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    org,
    instanceUrl: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type State = {
  org: SalesforceOrg;
  calls: string[];
  defaultBatch: number;
  openCursor(cursor: Cursor): string;
  cursor(locator: string): Cursor | undefined;
};

const error = (status: number, errorCode: string, message: string, fields: string[] = []): Answer => ({
  status,
  body: [{ message, errorCode, fields }],
});
const fromOrg = (e: OrgError): Answer => error(e.status, e.errorCode, e.message, e.fields);
const notFound = () => error(404, 'NOT_FOUND', 'The requested resource does not exist');

function serve(state: State, req: http.IncomingMessage, body: Buffer, size: number): Answer {
  const url = new URL(req.url ?? '/', 'http://standin');
  const method = (req.method ?? 'GET').toUpperCase();
  state.calls.push(`${method} ${url.pathname}`);
  const auth = req.headers.authorization ?? '';
  if (!/^(Bearer|OAuth) \S+/.test(auth))
    return error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  if (size > MAX_BODY_BYTES)
    return error(413, 'REQUEST_ENTITY_TOO_LARGE', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments[0] !== 'services' || segments[1] !== 'data') return notFound();
  if (segments.length === 2 && method === 'GET') return { status: 200, body: versions() };
  const version = /^v(\d+)\.0$/.exec(segments[2] ?? '');
  const major = Number(version?.[1]);
  if (!version || major < API_VERSIONS.oldest || major > API_VERSIONS.newest) return notFound();
  const asUser = /^Bearer as:(\S+)$/.exec(auth)?.[1];
  const actor = asUser !== undefined ? state.org.get(asUser) : undefined;
  const call: Call = {
    method,
    version: `${major}.0`,
    parts: segments.slice(3).map((s) => decodeURIComponent(s)),
    query: url.searchParams,
    headers: req.headers,
    body,
    actorId: actor?.type === 'User' ? String(actor.fields.Id) : state.org.integrationUserId,
  };
  try {
    return route(state, call);
  } catch (e) {
    return error(500, 'UNKNOWN_EXCEPTION', `stand-in failure: ${(e as Error).message}`);
  }
}

function versions() {
  const out = [];
  for (let v = API_VERSIONS.oldest; v <= API_VERSIONS.newest; v += 1)
    out.push({ label: `v${v}.0`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  return out;
}

function route(state: State, call: Call): Answer {
  const [resource, type, id, field, ...rest] = call.parts;
  if (resource === undefined) {
    const base = `/services/data/v${call.version}`;
    return {
      status: 200,
      body: { sobjects: `${base}/sobjects`, query: `${base}/query`, queryAll: `${base}/queryAll` },
    };
  }
  if (resource === 'query' || resource === 'queryAll') {
    if (call.method !== 'GET')
      return error(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${call.method}' not allowed. Allowed are GET`);
    return type === undefined ? query(state, call) : queryMore(state, call, type);
  }
  if (resource !== 'sobjects' || rest.length > 0) return notFound();
  if (type === undefined)
    return call.method === 'GET' ? { status: 200, body: describeGlobal(call.version) } : notFound();
  const supported = supportedObject(type);
  if (!supported.ok) return fromOrg(supported.error);
  const object = supported.value;
  if (id === undefined) {
    if (call.method === 'GET') return { status: 200, body: describeBasic(object, call.version) };
    if (call.method === 'POST') return create(state, call, object);
    return error(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${call.method}' not allowed. Allowed are HEAD,GET,POST`,
    );
  }
  if (id === 'describe' && field === undefined && call.method === 'GET')
    return { status: 200, body: describeObject(object, call.version) };
  if (field === 'VersionData' && object.name === 'ContentVersion' && call.method === 'GET') {
    const bytes = state.org.versionData.get(normalizeId(id));
    return bytes ? { status: 200, raw: { bytes, contentType: 'application/octetstream' } } : notFound();
  }
  if (field !== undefined) return notFound();
  if (call.method === 'GET') return retrieve(state, call, object, id);
  if (call.method === 'PATCH') {
    const values = jsonObject(call.body);
    if (!values.ok) return values.answer;
    const updated = state.org.update(object.name, id, values.value, call.actorId);
    return updated.ok ? { status: 204 } : fromOrg(updated.error);
  }
  if (call.method === 'DELETE') {
    const deleted = state.org.delete(object.name, id, call.actorId);
    return deleted.ok ? { status: 204 } : fromOrg(deleted.error);
  }
  return error(
    405,
    'METHOD_NOT_ALLOWED',
    `HTTP Method '${call.method}' not allowed. Allowed are HEAD,GET,PATCH,DELETE`,
  );
}

function jsonObject(
  body: Buffer,
): { ok: true; value: Record<string, unknown> } | { ok: false; answer: Answer } {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return {
      ok: false,
      answer: error(400, 'JSON_PARSER_ERROR', `The request body is not JSON: ${(e as Error).message}`),
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return {
      ok: false,
      answer: error(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values.'),
    };
  return { ok: true, value: value as Record<string, unknown> };
}

function create(state: State, call: Call, object: ObjectDef): Answer {
  const values = jsonObject(call.body);
  if (!values.ok) return values.answer;
  const created = state.org.insert(object.name, values.value, call.actorId);
  return created.ok
    ? { status: 201, body: { id: created.value, success: true, errors: [] } }
    : fromOrg(created.error);
}

function retrieve(state: State, call: Call, object: ObjectDef, id: string): Answer {
  if (!isWellFormedId(id)) return error(400, 'MALFORMED_ID', `Malformed id: ${id}`);
  const record = state.org.get(id);
  if (!record || record.type !== object.name) return notFound();
  const wanted = call.query.get('fields');
  const names = wanted ? wanted.split(',').map((s) => s.trim()) : object.fields.map((f) => f.name);
  const body: Record<string, unknown> = {
    attributes: {
      type: object.name,
      url: `/services/data/v${call.version}/sobjects/${object.name}/${String(record.fields.Id)}`,
    },
  };
  for (const name of names) {
    const field = object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field)
      return error(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, [
        name,
      ]);
    const value = record.fields[field.name] ?? null;
    body[field.name] =
      field.name === 'VersionData' && value !== null
        ? `/services/data/v${call.version}/sobjects/ContentVersion/${String(record.fields.Id)}/VersionData`
        : value;
  }
  return { status: 200, body };
}

function batchSize(state: State, call: Call): number {
  const option = /batchSize=(\d+)/i.exec(String(call.headers['sforce-query-options'] ?? ''))?.[1];
  return option === undefined ? state.defaultBatch : Math.min(2000, Math.max(200, Number(option)));
}

function query(state: State, call: Call): Answer {
  const soql = call.query.get('q');
  if (soql === null) return error(400, 'MALFORMED_QUERY', "The query parameter 'q' is missing.");
  const result = runQuery(state.org, soql, call.version);
  if (!result.ok) return fromOrg(result.error);
  const { totalSize, records } = result.value;
  return page(state, call, { rows: records, totalSize, batch: batchSize(state, call) }, 0);
}

function queryMore(state: State, call: Call, locatorAndOffset: string): Answer {
  const match = /^(.+)-(\d+)$/.exec(locatorAndOffset);
  const cursor = match ? state.cursor(match[1] as string) : undefined;
  if (!match || !cursor) return error(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return page(state, call, cursor, Number(match[2]), match[1]);
}

function page(state: State, call: Call, cursor: Cursor, offset: number, locator?: string): Answer {
  const records = cursor.rows.slice(offset, offset + cursor.batch);
  const next = offset + records.length;
  const done = next >= cursor.rows.length;
  const body: Record<string, unknown> = { totalSize: cursor.totalSize, done, records };
  if (!done) {
    const id = locator ?? state.openCursor(cursor);
    body.nextRecordsUrl = `/services/data/v${call.version}/query/${id}-${next}`;
  }
  return { status: 200, body };
}
