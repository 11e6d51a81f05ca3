/**
 * The Jira Cloud stand-in's state: projects, issue types, fields with their schemas, one
 * configurable workflow per project, users, issues with ADF descriptions, comments with
 * visibility, attachments, issue properties, and the product events the changes raise. Pure
 * data and operations; `server.ts` puts the REST v3 subset in front of it and `responses.ts`
 * shapes what it answers.
 */
import type { JsonValue } from '@tandem/shared-ts/replica';
import { htmlToAdf } from '@tandem/shared-ts/replica';
import { createEventOutbox, type EventOutbox, type ProductEvent } from './events';

/** Jira's three status categories. */
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StandinUser {
  accountId: string;
  displayName: string;
  /** Null when the user's privacy settings hide it. */
  emailAddress: string | null;
  accountType: 'atlassian' | 'app';
}

export interface StandinStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface StandinTransition {
  id: string;
  name: string;
  /** Status ids it starts from; empty for a global transition (from anywhere). */
  from: string[];
  to: string;
}

export interface StandinWorkflow {
  name: string;
  statuses: StandinStatus[];
  transitions: StandinTransition[];
  initialStatusId: string;
}

/** A field as `GET /rest/api/3/field` describes it. */
export interface StandinField {
  id: string;
  name: string;
  custom: boolean;
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
}

export interface StandinProject {
  id: string;
  key: string;
  name: string;
  workflow: StandinWorkflow;
  issueTypes: { id: string; name: string }[];
}

export interface StandinComment {
  id: string;
  authorId: string;
  updateAuthorId: string;
  /** ADF. */
  body: JsonValue;
  created: string;
  updated: string;
  visibility: { type: 'role' | 'group'; value: string } | null;
  properties: Map<string, JsonValue>;
}

export interface StandinAttachment {
  id: string;
  issueId: string;
  filename: string;
  mimeType: string;
  authorId: string;
  created: string;
  bytes: Uint8Array;
}

export interface StandinIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  created: string;
  updated: string;
  /** Field values by field id, as Jira stores them (description ADF, priority `{id,name}`, users by accountId). */
  fields: Map<string, JsonValue>;
  comments: StandinComment[];
  attachments: StandinAttachment[];
  properties: Map<string, JsonValue>;
}

/** Why an operation was refused: the HTTP status and Jira's error collection. */
export interface StandinError {
  status: number;
  errorMessages: string[];
  errors?: Record<string, string>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: StandinError };

/** Issue properties are capped at 32 KB of JSON. */
export const ISSUE_PROPERTY_MAX_BYTES = 32_768;

const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

/** The fields every stand-in site has (system fields, plus two custom fields to map). */
export const STANDARD_FIELDS: StandinField[] = [
  { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } },
  {
    id: 'description',
    name: 'Description',
    custom: false,
    schema: { type: 'string', system: 'description' },
  },
  { id: 'status', name: 'Status', custom: false, schema: { type: 'status', system: 'status' } },
  { id: 'priority', name: 'Priority', custom: false, schema: { type: 'priority', system: 'priority' } },
  {
    id: 'labels',
    name: 'Labels',
    custom: false,
    schema: { type: 'array', items: 'string', system: 'labels' },
  },
  {
    id: 'components',
    name: 'Components',
    custom: false,
    schema: { type: 'array', items: 'component', system: 'components' },
  },
  { id: 'assignee', name: 'Assignee', custom: false, schema: { type: 'user', system: 'assignee' } },
  { id: 'reporter', name: 'Reporter', custom: false, schema: { type: 'user', system: 'reporter' } },
  { id: 'duedate', name: 'Due date', custom: false, schema: { type: 'date', system: 'duedate' } },
  { id: 'issuetype', name: 'Issue Type', custom: false, schema: { type: 'issuetype', system: 'issuetype' } },
  { id: 'project', name: 'Project', custom: false, schema: { type: 'project', system: 'project' } },
  { id: 'created', name: 'Created', custom: false, schema: { type: 'datetime', system: 'created' } },
  { id: 'updated', name: 'Updated', custom: false, schema: { type: 'datetime', system: 'updated' } },
  {
    id: 'attachment',
    name: 'Attachment',
    custom: false,
    schema: { type: 'array', items: 'attachment', system: 'attachment' },
  },
  { id: 'comment', name: 'Comment', custom: false, schema: { type: 'comments-page', system: 'comment' } },
  {
    id: 'customfield_10010',
    name: 'Sales Region',
    custom: true,
    schema: {
      type: 'string',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
      customId: 10010,
    },
  },
  {
    id: 'customfield_10016',
    name: 'Story Points',
    custom: true,
    schema: {
      type: 'number',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
      customId: 10016,
    },
  },
];

/** The default workflow: To Do -> In Progress -> In Review -> Done, and Done -> To Do (reopen). */
export function defaultWorkflow(): StandinWorkflow {
  return {
    name: 'Software Simplified Workflow for Project SUP',
    statuses: [
      { id: '10000', name: 'To Do', category: 'new' },
      { id: '10001', name: 'In Progress', category: 'indeterminate' },
      { id: '10002', name: 'In Review', category: 'indeterminate' },
      { id: '10003', name: 'Done', category: 'done' },
      { id: '10004', name: 'Archived', category: 'done' },
    ],
    transitions: [
      { id: '11', name: 'Start work', from: ['10000'], to: '10001' },
      { id: '21', name: 'Request review', from: ['10001'], to: '10002' },
      { id: '31', name: 'Approve', from: ['10002'], to: '10003' },
      { id: '41', name: 'Reopen', from: ['10003'], to: '10000' },
    ],
    initialStatusId: '10000',
  };
}

export interface JiraModelOptions {
  /** The site's base URL, used in `self` links. */
  baseUrl?: string;
  /** Now, in epoch ms; injected so tests control time. */
  now?: () => number;
}

/** The stand-in's site: everything one Jira Cloud site holds, with the operations the REST subset needs. */
export class JiraModel {
  baseUrl: string;
  readonly now: () => number;
  readonly users = new Map<string, StandinUser>();
  readonly projects = new Map<string, StandinProject>();
  readonly fields: StandinField[] = STANDARD_FIELDS.map((field) => ({ ...field }));
  readonly priorities = PRIORITIES;
  readonly issues = new Map<string, StandinIssue>();
  readonly events: EventOutbox;
  /** The app's own user: requests authenticated as the app act as it (Forge `asApp`). */
  readonly appAccountId = '557058:app-tandem';
  private nextId = 10_000;
  private readonly counters = new Map<string, number>();

  constructor(options: JiraModelOptions = {}) {
    this.baseUrl = options.baseUrl ?? 'http://jira.invalid';
    this.now = options.now ?? (() => Date.now());
    this.events = createEventOutbox();
    this.addUser({
      accountId: this.appAccountId,
      displayName: 'Tandem',
      emailAddress: null,
      accountType: 'app',
    });
    this.addUser({
      accountId: '557058:alice',
      displayName: 'Alice Agent',
      emailAddress: 'alice@example.com',
      accountType: 'atlassian',
    });
    this.addUser({
      accountId: '557058:bob',
      displayName: 'Bob Private',
      emailAddress: null,
      accountType: 'atlassian',
    });
    this.addProject('SUP', 'Support');
  }

  addUser(user: StandinUser): void {
    this.users.set(user.accountId, user);
  }

  /** Adds a project with Task and Bug issue types and a copy of the default workflow (or the one given). */
  addProject(key: string, name: string, workflow: StandinWorkflow = defaultWorkflow()): StandinProject {
    const id = String(this.projects.size + 10_000);
    const project: StandinProject = {
      id,
      key,
      name,
      workflow,
      issueTypes: [
        { id: '10001', name: 'Task' },
        { id: '10002', name: 'Bug' },
      ],
    };
    this.projects.set(key, project);
    return project;
  }

  /** Finds an issue by id or key. */
  issue(idOrKey: string): StandinIssue | null {
    const byId = this.issues.get(idOrKey);
    if (byId) return byId;
    for (const issue of this.issues.values()) if (issue.key === idOrKey) return issue;
    return null;
  }

  projectOf(issue: StandinIssue): StandinProject {
    for (const project of this.projects.values()) if (project.id === issue.projectId) return project;
    throw new Error(`stand-in invariant: issue ${issue.key} has no project`);
  }

  statusOf(issue: StandinIssue): StandinStatus {
    const status = this.projectOf(issue).workflow.statuses.find((s) => s.id === issue.statusId);
    if (!status) throw new Error(`stand-in invariant: issue ${issue.key} has an unknown status`);
    return status;
  }

  fieldById(id: string): StandinField | undefined {
    return this.fields.find((field) => field.id === id);
  }

  /** Creates an issue from a create body's `fields` (project, issuetype, summary required). */
  createIssue(
    fields: Record<string, unknown>,
    actorId: string,
    properties: { key: string; value: JsonValue }[] = [],
  ) {
    const projectRef = fields.project as { key?: string; id?: string } | undefined;
    const project = [...this.projects.values()].find(
      (p) => p.key === projectRef?.key || (projectRef?.id !== undefined && p.id === projectRef.id),
    );
    if (!project) return fail(400, { project: 'valid project is required' });
    const typeRef = fields.issuetype as { name?: string; id?: string } | undefined;
    const issueType = project.issueTypes.find((t) => t.name === typeRef?.name || t.id === typeRef?.id);
    if (!issueType) return fail(400, { issuetype: 'valid issue type is required' });
    if (typeof fields.summary !== 'string' || fields.summary.trim() === '') {
      return fail(400, { summary: 'You must specify a summary of the issue.' });
    }
    const id = String(++this.nextId);
    const number = (this.counters.get(project.key) ?? 0) + 1;
    this.counters.set(project.key, number);
    const at = this.timestamp();
    const issue: StandinIssue = {
      id,
      key: `${project.key}-${number}`,
      projectId: project.id,
      issueTypeId: issueType.id,
      statusId: project.workflow.initialStatusId,
      created: at,
      updated: at,
      fields: new Map([
        ['labels', []],
        ['components', []],
        ['priority', this.priorities[2] as unknown as JsonValue],
        ['reporter', actorId],
        ['assignee', null],
        ['duedate', null],
        ['description', null],
      ]),
      comments: [],
      attachments: [],
      properties: new Map(),
    };
    const rest = { ...fields };
    delete rest.project;
    delete rest.issuetype;
    const written = this.writeFields(issue, rest);
    if (!written.ok) return written;
    for (const property of properties) issue.properties.set(property.key, property.value);
    this.issues.set(id, issue);
    this.raise('avi:jira:created:issue', issue, actorId, {});
    return ok(issue);
  }

  /** Edits fields (only those given) and raises an updated event with the changelog. */
  editIssue(issue: StandinIssue, fields: Record<string, unknown>, actorId: string): Outcome<null> {
    const before = new Map(issue.fields);
    const written = this.writeFields(issue, fields);
    if (!written.ok) return written;
    const items = Object.keys(fields).map((fieldId) => ({
      field: this.fieldById(fieldId)?.name ?? fieldId,
      fieldId,
      from: null,
      fromString: displayString(before.get(fieldId)),
      to: null,
      toString: displayString(issue.fields.get(fieldId)),
    }));
    this.touch(issue);
    this.raise('avi:jira:updated:issue', issue, actorId, { changelog: { items } });
    return ok(null);
  }

  deleteIssue(issue: StandinIssue, actorId: string): void {
    this.issues.delete(issue.id);
    this.raise('avi:jira:deleted:issue', issue, actorId, {});
  }

  /** The transitions available from the issue's current status. */
  availableTransitions(issue: StandinIssue): StandinTransition[] {
    return this.projectOf(issue).workflow.transitions.filter(
      (t) => t.from.length === 0 || t.from.includes(issue.statusId),
    );
  }

  transition(issue: StandinIssue, transitionId: string, actorId: string): Outcome<null> {
    const transition = this.availableTransitions(issue).find((t) => t.id === transitionId);
    if (!transition) {
      return fail(400, {}, [`Transition id '${transitionId}' is not valid for this issue.`]);
    }
    const from = this.statusOf(issue);
    issue.statusId = transition.to;
    const to = this.statusOf(issue);
    this.touch(issue);
    this.raise('avi:jira:updated:issue', issue, actorId, {
      changelog: {
        items: [
          {
            field: 'status',
            fieldId: 'status',
            from: from.id,
            fromString: from.name,
            to: to.id,
            toString: to.name,
          },
        ],
      },
    });
    return ok(null);
  }

  addComment(
    issue: StandinIssue,
    body: JsonValue,
    actorId: string,
    visibility: StandinComment['visibility'],
    properties: { key: string; value: JsonValue }[] = [],
  ): StandinComment {
    const at = this.timestamp();
    const comment: StandinComment = {
      id: String(++this.nextId),
      authorId: actorId,
      updateAuthorId: actorId,
      body,
      created: at,
      updated: at,
      visibility,
      properties: new Map(properties.map((p) => [p.key, p.value])),
    };
    issue.comments.push(comment);
    this.touch(issue);
    this.raise('avi:jira:commented:issue', issue, actorId, { comment: { id: comment.id } });
    return comment;
  }

  /** Edits a comment. Jira raises no event for it (the sweep finds edits by `updated`). */
  editComment(
    issue: StandinIssue,
    comment: StandinComment,
    body: JsonValue,
    actorId: string,
    visibility: StandinComment['visibility'] | undefined,
  ): void {
    comment.body = body;
    comment.updateAuthorId = actorId;
    comment.updated = this.timestamp();
    if (visibility !== undefined) comment.visibility = visibility;
    this.touch(issue);
  }

  deleteComment(issue: StandinIssue, comment: StandinComment): void {
    issue.comments = issue.comments.filter((c) => c !== comment);
    this.touch(issue);
  }

  addAttachment(issue: StandinIssue, filename: string, mimeType: string, bytes: Uint8Array, actorId: string) {
    const attachment: StandinAttachment = {
      id: String(++this.nextId),
      issueId: issue.id,
      filename,
      mimeType,
      authorId: actorId,
      created: this.timestamp(),
      bytes,
    };
    issue.attachments.push(attachment);
    this.touch(issue);
    this.raise('avi:jira:created:attachment', issue, actorId, {
      attachment: { id: attachment.id, fileName: filename, mimeType, size: bytes.length },
    });
    return attachment;
  }

  attachment(id: string): StandinAttachment | null {
    for (const issue of this.issues.values()) {
      const found = issue.attachments.find((a) => a.id === id);
      if (found) return found;
    }
    return null;
  }

  deleteAttachment(attachment: StandinAttachment, actorId: string): void {
    const issue = this.issues.get(attachment.issueId);
    if (!issue) return;
    issue.attachments = issue.attachments.filter((a) => a !== attachment);
    this.touch(issue);
    this.raise('avi:jira:deleted:attachment', issue, actorId, { attachment: { id: attachment.id } });
  }

  /** Sets an issue property; refuses a value over 32 KB of JSON. */
  setProperty(issue: StandinIssue, key: string, value: JsonValue): Outcome<'created' | 'updated'> {
    const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (size > ISSUE_PROPERTY_MAX_BYTES) {
      return fail(400, {}, [
        `The property '${key}' exceeds the property size limit of ${ISSUE_PROPERTY_MAX_BYTES} bytes.`,
      ]);
    }
    const existed = issue.properties.has(key);
    issue.properties.set(key, value);
    return ok(existed ? 'updated' : 'created');
  }

  /** Writes a person's ADF or HTML description (test setup helper). */
  static adfOf(html: string): JsonValue {
    return htmlToAdf(html) as unknown as JsonValue;
  }

  private writeFields(issue: StandinIssue, fields: Record<string, unknown>): Outcome<null> {
    const errors: Record<string, string> = {};
    for (const [fieldId, value] of Object.entries(fields)) {
      const field = this.fieldById(fieldId);
      if (
        !field ||
        ['status', 'created', 'updated', 'attachment', 'comment', 'project', 'issuetype'].includes(fieldId)
      ) {
        errors[fieldId] =
          `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
        continue;
      }
      const stored = this.coerce(field, value);
      if (!stored.ok) errors[fieldId] = stored.error;
      else issue.fields.set(fieldId, stored.value);
    }
    if (Object.keys(errors).length > 0) return fail(400, errors);
    return ok(null);
  }

  private coerce(
    field: StandinField,
    value: unknown,
  ): { ok: true; value: JsonValue } | { ok: false; error: string } {
    if (value === null)
      return field.id === 'summary'
        ? { ok: false, error: 'Summary is required.' }
        : { ok: true, value: null };
    switch (field.schema.type) {
      case 'string':
        if (field.id === 'description') {
          return isAdf(value)
            ? { ok: true, value: value as JsonValue }
            : {
                ok: false,
                error: 'Operation value must be an Atlassian Document (see the Atlassian Document Format).',
              };
        }
        return typeof value === 'string'
          ? { ok: true, value }
          : { ok: false, error: 'Operation value must be a string' };
      case 'number':
        return typeof value === 'number'
          ? { ok: true, value }
          : { ok: false, error: 'Operation value must be a number' };
      case 'date':
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? { ok: true, value }
          : { ok: false, error: "Error parsing date string: use 'yyyy-MM-dd'" };
      case 'priority': {
        const ref = value as { id?: string; name?: string };
        const priority = this.priorities.find((p) => p.id === ref?.id || p.name === ref?.name);
        return priority
          ? { ok: true, value: { ...priority } }
          : { ok: false, error: `Priority name '${ref?.name ?? ref?.id}' is not valid` };
      }
      case 'user': {
        const accountId = (value as { accountId?: string })?.accountId;
        return accountId !== undefined && this.users.has(accountId)
          ? { ok: true, value: accountId }
          : { ok: false, error: `Specified user does not exist or you do not have required permissions` };
      }
      case 'array':
        if (!Array.isArray(value)) return { ok: false, error: 'Operation value must be an array' };
        if (field.schema.items === 'string') {
          return value.every((v) => typeof v === 'string' && !/\s/.test(v))
            ? { ok: true, value: value as string[] }
            : { ok: false, error: 'The label must not contain spaces.' };
        }
        return value.every((v) => typeof (v as { name?: unknown })?.name === 'string')
          ? { ok: true, value: value.map((v) => ({ name: (v as { name: string }).name })) }
          : { ok: false, error: 'Component name is not valid' };
      default:
        return { ok: false, error: `Field '${field.id}' cannot be set.` };
    }
  }

  private touch(issue: StandinIssue): void {
    issue.updated = this.timestamp();
  }

  /** Jira's timestamp format: `2026-12-03T13:40:00.000+0000`. */
  timestamp(): string {
    return new Date(this.now()).toISOString().replace('Z', '+0000');
  }

  private raise(
    eventType: ProductEvent['eventType'],
    issue: StandinIssue,
    actorId: string,
    extra: Record<string, unknown>,
  ) {
    this.events.push({
      eventType,
      atlassianId: actorId,
      selfGenerated: actorId === this.appAccountId,
      issue: { id: issue.id, key: issue.key, fields: { summary: String(issue.fields.get('summary') ?? '') } },
      ...extra,
    });
  }
}

function isAdf(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'doc' &&
    (value as { version?: unknown }).version === 1 &&
    Array.isArray((value as { content?: unknown }).content)
  );
}

function displayString(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => displayString(v)).join(' ');
  if (typeof value === 'object' && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
}

function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

function fail(
  status: number,
  errors: Record<string, string>,
  errorMessages: string[] = [],
): { ok: false; error: StandinError } {
  return { ok: false, error: { status, errorMessages, errors } };
}
