/**
 * The Jira Cloud stand-in's HTTP server: the REST v3 subset Tandem uses, in front of a
 * `JiraModel`, on a node `http` server bound to localhost. Any bearer token (or basic
 * credentials) is accepted and acts as the app; `Bearer as:<accountId>` acts as that user (a
 * person's edit, for tests). Chaos knobs answer 429 with Retry-After, or 503, to the next calls.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonValue } from '@tandem/shared-ts/replica';
import { compileJql, type JqlIssue } from './jql';
import { JiraModel, type StandinComment, type StandinIssue, type StandinError } from './model';
import {
  attachmentBody,
  attachmentMetadata,
  commentBody,
  commentPage,
  editMeta,
  fieldDetails,
  issueBody,
  selectFields,
  transitionBody,
  userBody,
  workflowBody,
} from './responses';
import { parseMultipart } from './multipart';
// jira.js's `Version3Models`, by path (see responses.ts): the bodies below are annotated with them.
import type * as V3 from 'jira.js/dist/esm/types/version3/models';

/** A request as the router sees it. */
interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  actorId: string;
}

interface Answer {
  status: number;
  body?: unknown;
  raw?: { bytes: Uint8Array; contentType: string };
  headers?: Record<string, string>;
}

/** Failures the next calls get, oldest first. */
export interface ServerChaos {
  /** Answer the next `count` calls 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit?: { count: number; retryAfterSeconds: number };
  /** Answer the next `count` calls 503. */
  unavailable?: { count: number; retryAfterSeconds?: number };
}

/** A running stand-in. */
export interface JiraStandin {
  model: JiraModel;
  baseUrl: string;
  /** Calls served, by `METHOD path-pattern`, for tests that count REST calls. */
  calls: string[];
  setChaos(chaos: ServerChaos): void;
  close(): Promise<void>;
}

/** Largest request body accepted (Jira's attachment limit is far larger; tests need little). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Starts the server on an ephemeral localhost port. */
export async function startJiraStandin(model: JiraModel = new JiraModel()): Promise<JiraStandin> {
  let chaos: ServerChaos = {};
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const answer = serve(model, req, Buffer.concat(chunks), size, chaos, calls);
      const headers: Record<string, string> = { ...(answer.headers ?? {}) };
      if (answer.raw) {
        res.writeHead(answer.status, { ...headers, 'content-type': answer.raw.contentType });
        res.end(Buffer.from(answer.raw.bytes));
      } else if (answer.body === undefined) {
        res.writeHead(answer.status, headers);
        res.end();
      } else {
        res.writeHead(answer.status, { ...headers, 'content-type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify(answer.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  model.baseUrl = `http://127.0.0.1:${port}`;
  return {
    model,
    baseUrl: model.baseUrl,
    calls,
    setChaos: (next) => {
      chaos = structuredClone(next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serve(
  model: JiraModel,
  req: http.IncomingMessage,
  body: Buffer,
  size: number,
  chaos: ServerChaos,
  calls: string[],
): Answer {
  const url = new URL(req.url ?? '/', 'http://standin');
  const method = (req.method ?? 'GET').toUpperCase();
  calls.push(`${method} ${url.pathname}`);
  if (chaos.rateLimit && chaos.rateLimit.count > 0) {
    chaos.rateLimit.count -= 1;
    return {
      status: 429,
      headers: { 'retry-after': String(chaos.rateLimit.retryAfterSeconds) },
      body: { errorMessages: ['Rate limit exceeded.'] },
    };
  }
  if (chaos.unavailable && chaos.unavailable.count > 0) {
    chaos.unavailable.count -= 1;
    const headers: Record<string, string> =
      chaos.unavailable.retryAfterSeconds !== undefined
        ? { 'retry-after': String(chaos.unavailable.retryAfterSeconds) }
        : {};
    return { status: 503, headers, body: { errorMessages: ['Service unavailable.'] } };
  }
  const auth = req.headers.authorization ?? '';
  if (!/^(Bearer|Basic) \S+/.test(auth)) {
    return {
      status: 401,
      body: {
        errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
      },
    };
  }
  if (size > MAX_BODY_BYTES)
    return { status: 413, body: { errorMessages: ['The request body is too large.'] } };
  const asUser = /^Bearer as:(\S+)$/.exec(auth)?.[1];
  const actorId = asUser !== undefined && model.users.has(asUser) ? asUser : model.appAccountId;
  const call: Call = {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    actorId,
  };
  try {
    return route(model, call);
  } catch (error) {
    return { status: 500, body: { errorMessages: [`stand-in failure: ${(error as Error).message}`] } };
  }
}

type Handler = (model: JiraModel, call: Call, params: string[]) => Answer;

const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/rest\/api\/3\/myself$/, (m, c) => ok(userBody(m, requireUser(m, c.actorId)))],
  ['GET', /^\/rest\/api\/3\/user$/, getUser],
  ['GET', /^\/rest\/api\/3\/field$/, (m) => ok(m.fields.map(fieldDetails))],
  ['POST', /^\/rest\/api\/3\/issue$/, createIssue],
  ['GET', /^\/rest\/api\/3\/issue\/([^/]+)$/, getIssue],
  ['PUT', /^\/rest\/api\/3\/issue\/([^/]+)$/, editIssue],
  [
    'DELETE',
    /^\/rest\/api\/3\/issue\/([^/]+)$/,
    withIssue((m, c, issue) => (m.deleteIssue(issue, c.actorId), noContent())),
  ],
  ['GET', /^\/rest\/api\/3\/issue\/([^/]+)\/editmeta$/, withIssue((m) => ok(editMeta(m)))],
  [
    'GET',
    /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/,
    withIssue((m, _c, issue) =>
      ok<V3.Transitions>({
        expand: 'transitions',
        transitions: m.availableTransitions(issue).map((t) => transitionBody(m, issue, t)),
      }),
    ),
  ],
  ['POST', /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/, doTransition],
  ['GET', /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, listComments],
  ['POST', /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, addComment],
  [
    'GET',
    /^\/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/,
    withComment((m, c, issue, comment) =>
      ok(commentBody(m, issue, comment, expands(c).includes('properties'))),
    ),
  ],
  ['PUT', /^\/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/, editComment],
  [
    'DELETE',
    /^\/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/,
    withComment((m, _c, issue, comment) => (m.deleteComment(issue, comment), noContent())),
  ],
  ['POST', /^\/rest\/api\/3\/issue\/([^/]+)\/attachments$/, addAttachments],
  ['GET', /^\/rest\/api\/3\/attachment\/content\/([^/]+)$/, attachmentContent],
  [
    'GET',
    /^\/rest\/api\/3\/attachment\/([^/]+)$/,
    (m, _c, [id]) => {
      const a = m.attachment(id ?? '');
      return a ? ok(attachmentMetadata(m, a)) : notFound('The attachment does not exist.');
    },
  ],
  [
    'DELETE',
    /^\/rest\/api\/3\/attachment\/([^/]+)$/,
    (m, c, [id]) => {
      const a = m.attachment(id ?? '');
      if (!a) return notFound('The attachment does not exist.');
      m.deleteAttachment(a, c.actorId);
      return noContent();
    },
  ],
  [
    'GET',
    /^\/rest\/api\/3\/issue\/([^/]+)\/properties$/,
    withIssue((m, _c, issue) =>
      ok<V3.PropertyKeys>({
        keys: [...issue.properties.keys()].map((key) => ({
          key,
          self: `${m.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
        })),
      }),
    ),
  ],
  ['GET', /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/, getProperty],
  ['PUT', /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/, putProperty],
  [
    'DELETE',
    /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/,
    (m, c, params) => {
      const issue = m.issue(params[0] ?? '');
      const key = decodeURIComponent(params[1] ?? '');
      if (!issue || !issue.properties.has(key))
        return notFound(`The property with key '${key}' does not exist.`);
      issue.properties.delete(key);
      return noContent();
    },
  ],
  [
    'GET',
    /^\/rest\/api\/3\/search\/jql$/,
    (m, c) =>
      search(m, {
        jql: c.query.get('jql'),
        nextPageToken: c.query.get('nextPageToken'),
        maxResults: c.query.get('maxResults'),
        fields: c.query.get('fields'),
        expand: c.query.get('expand'),
        properties: c.query.get('properties'),
      }),
  ],
  ['POST', /^\/rest\/api\/3\/search\/jql$/, searchPost],
  ['POST', /^\/rest\/api\/3\/jql\/parse$/, parseJql],
  ['GET', /^\/rest\/api\/3\/workflowscheme\/project$/, workflowSchemes],
  ['GET', /^\/rest\/api\/3\/workflow\/search$/, workflowSearch],
];

function route(model: JiraModel, call: Call): Answer {
  let pathMatched = false;
  for (const [method, pattern, handler] of ROUTES) {
    const match = pattern.exec(call.path);
    if (!match) continue;
    pathMatched = true;
    if (method === call.method)
      return handler(
        model,
        call,
        match.slice(1).map((p) => decodeURIComponent(p)),
      );
  }
  return pathMatched
    ? { status: 405, body: { errorMessages: [`Method ${call.method} is not allowed here.`] } }
    : notFound(`No resource at ${call.path} in the stand-in's REST v3 subset.`);
}

function ok<T>(body: T, status = 200): Answer {
  return { status, body };
}
function noContent(): Answer {
  return { status: 204 };
}
function notFound(message: string): Answer {
  return { status: 404, body: { errorMessages: [message], errors: {} } };
}
function refused(error: StandinError): Answer {
  return { status: error.status, body: { errorMessages: error.errorMessages, errors: error.errors ?? {} } };
}
function badRequest(message: string): Answer {
  return { status: 400, body: { errorMessages: [message], errors: {} } };
}

function requireUser(model: JiraModel, accountId: string) {
  const user = model.users.get(accountId);
  if (!user) throw new Error(`no user ${accountId}`);
  return user;
}

function json(call: Call): { ok: true; value: Record<string, unknown> } | { ok: false; answer: Answer } {
  try {
    const value: unknown = JSON.parse(call.body.toString('utf8') || '{}');
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return { ok: false, answer: badRequest('The request body must be a JSON object.') };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, answer: badRequest('Unexpected character in the request body: it is not JSON.') };
  }
}

function expands(call: Call): string[] {
  return (call.query.get('expand') ?? '').split(',').map((e) => e.trim());
}

function withIssue(
  handler: (model: JiraModel, call: Call, issue: StandinIssue, params: string[]) => Answer,
): Handler {
  return (model, call, params) => {
    const issue = model.issue(params[0] ?? '');
    return issue
      ? handler(model, call, issue, params)
      : notFound('Issue does not exist or you do not have permission to see it.');
  };
}

function withComment(
  handler: (model: JiraModel, call: Call, issue: StandinIssue, comment: StandinComment) => Answer,
): Handler {
  return withIssue((model, call, issue, params) => {
    const comment = issue.comments.find((c) => c.id === params[1]);
    return comment
      ? handler(model, call, issue, comment)
      : notFound(`Can not find a comment for the id: ${params[1]}.`);
  });
}

function getUser(model: JiraModel, call: Call): Answer {
  const user = model.users.get(call.query.get('accountId') ?? '');
  return user
    ? ok(userBody(model, user))
    : notFound(`Specified user does not exist or you do not have required permissions`);
}

function propertiesIn(body: Record<string, unknown>): { key: string; value: JsonValue }[] | null {
  if (body.properties === undefined) return [];
  if (!Array.isArray(body.properties)) return null;
  const out: { key: string; value: JsonValue }[] = [];
  for (const p of body.properties) {
    if (typeof p?.key !== 'string') return null;
    out.push({ key: p.key, value: p.value as JsonValue });
  }
  return out;
}

function createIssue(model: JiraModel, call: Call): Answer {
  const body = json(call);
  if (!body.ok) return body.answer;
  const fields = body.value.fields;
  const properties = propertiesIn(body.value);
  if (fields === null || typeof fields !== 'object' || properties === null)
    return badRequest('A create body needs `fields` (and `properties` as a list of {key, value}).');
  const created = model.createIssue(fields as Record<string, unknown>, call.actorId, properties);
  if (!created.ok) return refused(created.error);
  const issue = created.value;
  return ok<V3.CreatedIssue>(
    { id: issue.id, key: issue.key, self: `${model.baseUrl}/rest/api/3/issue/${issue.id}` },
    201,
  );
}

function getIssue(model: JiraModel, call: Call, [idOrKey]: string[]): Answer {
  const issue = model.issue(idOrKey ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  const properties = (call.query.get('properties') ?? '').split(',').filter((p) => p !== '');
  return ok(
    issueBody(model, issue, selectFields(model, call.query.get('fields')), expands(call), properties),
  );
}

function editIssue(model: JiraModel, call: Call, [idOrKey]: string[]): Answer {
  const issue = model.issue(idOrKey ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  const body = json(call);
  if (!body.ok) return body.answer;
  const fields = { ...((body.value.fields as Record<string, unknown> | undefined) ?? {}) };
  // `update` operations: only `set`, and `add`/`remove` on arrays of strings (labels).
  for (const [fieldId, operations] of Object.entries(
    (body.value.update as Record<string, unknown> | undefined) ?? {},
  )) {
    if (!Array.isArray(operations)) return badRequest(`update.${fieldId} must be a list of operations.`);
    let current = (fields[fieldId] ?? issue.fields.get(fieldId) ?? []) as unknown;
    for (const op of operations as Record<string, unknown>[]) {
      if ('set' in op) current = op.set;
      else if ('add' in op && Array.isArray(current)) current = [...current, op.add];
      else if ('remove' in op && Array.isArray(current))
        current = current.filter((v) => JSON.stringify(v) !== JSON.stringify(op.remove));
      else return badRequest(`update.${fieldId}: unsupported operation ${Object.keys(op).join(',')}.`);
    }
    fields[fieldId] = current;
  }
  const edited = model.editIssue(issue, fields, call.actorId);
  return edited.ok ? noContent() : refused(edited.error);
}

function doTransition(model: JiraModel, call: Call, [idOrKey]: string[]): Answer {
  const issue = model.issue(idOrKey ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  const body = json(call);
  if (!body.ok) return body.answer;
  const id = (body.value.transition as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') return badRequest('A transition body needs transition.id.');
  const moved = model.transition(issue, id, call.actorId);
  return moved.ok ? noContent() : refused(moved.error);
}

function listComments(model: JiraModel, call: Call, [idOrKey]: string[]): Answer {
  const issue = model.issue(idOrKey ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  const startAt = Math.max(0, Number(call.query.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(100, Math.max(1, Number(call.query.get('maxResults') ?? 50) || 50));
  return ok(commentPage(model, issue, startAt, maxResults, expands(call).includes('properties')));
}

function visibilityOf(value: unknown): StandinComment['visibility'] | 'invalid' | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const v = value as { type?: unknown; value?: unknown; identifier?: unknown };
  const name =
    typeof v.value === 'string' ? v.value : typeof v.identifier === 'string' ? v.identifier : undefined;
  if ((v.type === 'role' || v.type === 'group') && name !== undefined) return { type: v.type, value: name };
  return 'invalid';
}

function addComment(model: JiraModel, call: Call, [idOrKey]: string[]): Answer {
  const issue = model.issue(idOrKey ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  const body = json(call);
  if (!body.ok) return body.answer;
  const visibility = visibilityOf(body.value.visibility);
  const properties = propertiesIn(body.value);
  if (!isDoc(body.value.body))
    return badRequest('Comment body is not valid: it must be an Atlassian Document.');
  if (visibility === 'invalid' || properties === null)
    return badRequest(
      'Comment visibility must be {type: role|group, value}; properties a list of {key, value}.',
    );
  const comment = model.addComment(
    issue,
    body.value.body as JsonValue,
    call.actorId,
    visibility ?? null,
    properties,
  );
  return ok(commentBody(model, issue, comment, false), 201);
}

function editComment(model: JiraModel, call: Call, params: string[]): Answer {
  return withComment((m, c, issue, comment) => {
    const body = json(c);
    if (!body.ok) return body.answer;
    const visibility = visibilityOf(body.value.visibility);
    if (!isDoc(body.value.body))
      return badRequest('Comment body is not valid: it must be an Atlassian Document.');
    if (visibility === 'invalid') return badRequest('Comment visibility must be {type: role|group, value}.');
    m.editComment(issue, comment, body.value.body as JsonValue, c.actorId, visibility);
    return ok(commentBody(m, issue, comment, false));
  })(model, call, params);
}

function isDoc(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'doc' &&
    Array.isArray((value as { content?: unknown }).content)
  );
}

function addAttachments(model: JiraModel, call: Call, [idOrKey]: string[]): Answer {
  const issue = model.issue(idOrKey ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  if (String(call.headers['x-atlassian-token'] ?? '').toLowerCase() !== 'no-check') {
    return {
      status: 403,
      body: { errorMessages: ['XSRF check failed: send the header X-Atlassian-Token: no-check.'] },
    };
  }
  const parts = parseMultipart(String(call.headers['content-type'] ?? ''), call.body);
  if (!parts.ok) return badRequest(parts.error);
  const files = parts.parts.filter((p) => p.name === 'file' && p.filename !== null);
  if (files.length === 0) return badRequest('The multipart body has no part named "file" with a filename.');
  const created = files.map((f) =>
    model.addAttachment(issue, f.filename ?? 'file', f.contentType, f.data, call.actorId),
  );
  return ok<V3.Attachment[]>(created.map((a) => attachmentBody(model, a)));
}

function attachmentContent(model: JiraModel, call: Call, [id]: string[]): Answer {
  const attachment = model.attachment(id ?? '');
  if (!attachment) return notFound('The attachment does not exist.');
  const range = /^bytes=(\d+)-(\d*)$/.exec(String(call.headers.range ?? ''));
  const contentType = attachment.mimeType;
  if (!range) return { status: 200, raw: { bytes: attachment.bytes, contentType } };
  const start = Number(range[1]);
  const end =
    range[2] === '' ? attachment.bytes.length - 1 : Math.min(Number(range[2]), attachment.bytes.length - 1);
  if (start >= attachment.bytes.length || end < start) {
    return { status: 416, headers: { 'content-range': `bytes */${attachment.bytes.length}` } };
  }
  return {
    status: 206,
    headers: { 'content-range': `bytes ${start}-${end}/${attachment.bytes.length}` },
    raw: { bytes: attachment.bytes.subarray(start, end + 1), contentType },
  };
}

function getProperty(model: JiraModel, _call: Call, params: string[]): Answer {
  const issue = model.issue(params[0] ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  const key = params[1] ?? '';
  if (!issue.properties.has(key)) return notFound(`The property with key '${key}' does not exist.`);
  return ok<V3.EntityProperty>({ key, value: issue.properties.get(key) });
}

function putProperty(model: JiraModel, call: Call, params: string[]): Answer {
  const issue = model.issue(params[0] ?? '');
  if (!issue) return notFound('Issue does not exist or you do not have permission to see it.');
  let value: JsonValue;
  try {
    value = JSON.parse(call.body.toString('utf8')) as JsonValue;
  } catch {
    return badRequest('The property value must be JSON.');
  }
  const set = model.setProperty(issue, params[1] ?? '', value);
  if (!set.ok) return refused(set.error);
  return { status: set.value === 'created' ? 201 : 200 };
}

interface SearchInput {
  jql: unknown;
  nextPageToken: unknown;
  maxResults: unknown;
  fields: unknown;
  expand: unknown;
  properties: unknown;
}

function searchPost(model: JiraModel, call: Call): Answer {
  const body = json(call);
  if (!body.ok) return body.answer;
  const v = body.value;
  const list = (x: unknown) => (Array.isArray(x) ? x.join(',') : x);
  return search(model, {
    jql: v.jql,
    nextPageToken: v.nextPageToken,
    maxResults: v.maxResults,
    fields: list(v.fields),
    expand: list(v.expand),
    properties: list(v.properties),
  });
}

/** `/search/jql`: matching issues in key order, paged by an opaque `nextPageToken` (absent on the last page). */
function search(model: JiraModel, input: SearchInput): Answer {
  if (typeof input.jql !== 'string')
    return badRequest('The JQL query is required for search (unbounded queries are refused).');
  const compiled = compileJql(input.jql, model.now);
  if (!compiled.ok)
    return { status: 400, body: { errorMessages: compiled.errors, errors: {}, warningMessages: [] } };
  const maxResults = Math.min(100, Math.max(1, Number(input.maxResults ?? 50) || 50));
  let offset = 0;
  if (input.nextPageToken !== undefined && input.nextPageToken !== null && input.nextPageToken !== '') {
    const decoded = /^page:(\d+)$/.exec(
      Buffer.from(String(input.nextPageToken), 'base64url').toString('utf8'),
    );
    if (!decoded) return badRequest('The nextPageToken is not valid.');
    offset = Number(decoded[1]);
  }
  const matching = [...model.issues.values()]
    .filter((issue) => compiled.matches(jqlView(model, issue)))
    .sort((a, b) => Number(a.id) - Number(b.id));
  const page = matching.slice(offset, offset + maxResults);
  const fields =
    typeof input.fields === 'string' ? selectFields(model, input.fields) : ['id'].filter(() => false);
  const expand = typeof input.expand === 'string' ? input.expand.split(',') : [];
  const properties =
    typeof input.properties === 'string' ? input.properties.split(',').filter((p) => p !== '') : [];
  const body: V3.SearchAndReconcileResults & { isLast?: boolean } = {
    issues: page.map((issue) => issueBody(model, issue, fields, expand, properties)),
  };
  if (offset + maxResults < matching.length)
    body.nextPageToken = Buffer.from(`page:${offset + maxResults}`).toString('base64url');
  body.isLast = offset + maxResults >= matching.length;
  return ok(body);
}

/** The facts the JQL evaluator reads about an issue. */
export function jqlView(model: JiraModel, issue: StandinIssue): JqlIssue {
  const status = model.statusOf(issue);
  const project = model.projectOf(issue);
  return {
    id: issue.id,
    key: issue.key,
    project: project.key,
    issueType: project.issueTypes.find((t) => t.id === issue.issueTypeId)?.name ?? '',
    status: status.name,
    statusCategory: { new: 'To Do', indeterminate: 'In Progress', done: 'Done' }[status.category],
    labels: (issue.fields.get('labels') as string[] | undefined) ?? [],
    updated: Date.parse(issue.updated.replace('+0000', 'Z')),
    created: Date.parse(issue.created.replace('+0000', 'Z')),
    text: {
      summary: String(issue.fields.get('summary') ?? ''),
      description: adfText(issue.fields.get('description') ?? null),
      comments: issue.comments.map((c) => adfText(c.body)).join(' '),
    },
    properties: issue.properties,
  };
}

function adfText(node: JsonValue): string {
  const parts: string[] = [];
  const stack: JsonValue[] = [node];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === null || next === undefined || typeof next !== 'object') continue;
    if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as JsonValue);
    } else {
      if (typeof next.text === 'string') parts.push(next.text);
      if (next.content !== undefined) stack.push(next.content);
    }
  }
  return parts.join(' ');
}

function parseJql(model: JiraModel, call: Call): Answer {
  const body = json(call);
  if (!body.ok) return body.answer;
  const queries = body.value.queries;
  if (!Array.isArray(queries) || queries.some((q) => typeof q !== 'string'))
    return badRequest('queries must be a list of JQL strings.');
  return ok<V3.ParsedJqlQueries>({
    queries: (queries as string[]).map((query) => {
      const compiled = compileJql(query, model.now);
      return compiled.ok ? { query, structure: { where: {} } } : { query, errors: compiled.errors };
    }),
  });
}

function workflowSchemes(model: JiraModel, call: Call): Answer {
  const ids = call.query.getAll('projectId');
  const values = [...model.projects.values()]
    .filter((p) => ids.includes(p.id))
    .map((p) => ({
      projectIds: [p.id],
      workflowScheme: {
        id: Number(p.id),
        name: `${p.key} workflow scheme`,
        defaultWorkflow: p.workflow.name,
        issueTypeMappings: {},
      },
    }));
  return ok<V3.ContainerOfWorkflowSchemeAssociations>({ values });
}

function workflowSearch(model: JiraModel, call: Call): Answer {
  const names = call.query.getAll('workflowName');
  const values = [...model.projects.keys()]
    .map((key) => workflowBody(model, key))
    .filter((w): w is V3.Workflow => w !== null && (names.length === 0 || names.includes(w.id.name)));
  return ok<V3.PageWorkflow>({ startAt: 0, maxResults: 50, total: values.length, isLast: true, values });
}
