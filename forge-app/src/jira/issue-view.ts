/**
 * The entity view of a Jira issue: what the rules see as `issue` (docs/rules.md, "The Jira
 * issue"), built from `GET /issue?expand=names,schema` and the issue's comments. Rich text
 * (description, comment bodies, ADF custom fields) goes through the core's ADF -> HTML codec.
 * Pure: no calls.
 */
import type { LocalEntity, SyncFailure } from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import { adfToHtml, type JsonValue } from '@tandem/shared-ts/replica';
import type { RestAttachment, RestComment, RestIssue, RestUser } from './jira-shapes';

/** Jira's platform name and entity type in an `EntityRef`. */
export const JIRA_PLATFORM = 'jira';
export const JIRA_ISSUE_TYPE = 'issue';

/** Builds the view; fails only when a rich-text value is not ADF the codec can read. */
export function issueView(
  issue: RestIssue,
  comments: RestComment[],
  appAccountId: string,
  siteUrl: string | null,
): { ok: true; entity: LocalEntity } | { ok: false; error: SyncFailure } {
  const fields = issue.fields ?? {};
  const id = idText(issue.id);
  const key = idText(issue.key);
  const description = richText(fields.description, `${key} description`);
  if (!description.ok) return description;
  const commentViews: JsonValue[] = [];
  // Only objects count: an answer whose list holds null or text cannot make a comment.
  const readable = comments.filter(isRecord);
  for (const comment of readable) {
    const body = richText(comment.body, `${key} comment ${idText(comment.id)}`);
    if (!body.ok) return body;
    commentViews.push({
      id: idText(comment.id),
      author: replicaUser(comment.author),
      body: body.html ?? '',
      created: isoTime(comment.created),
      updated: isoTime(comment.updated),
      internal: comment.visibility !== undefined || comment.jsdPublic === false,
    });
  }
  const attachments = (Array.isArray(fields.attachment) ? fields.attachment : []).filter(
    isRecord,
  ) as RestAttachment[];
  const custom = customFields(issue);
  if (!custom.ok) return custom;
  const view: Record<string, JsonValue> = {
    id,
    key,
    summary: typeof fields.summary === 'string' ? fields.summary : null,
    description: description.html,
    status: status(fields.status),
    priority: named(fields.priority),
    issueType: named(fields.issuetype),
    resolution: named(fields.resolution),
    labels: Array.isArray(fields.labels)
      ? fields.labels.filter((l): l is string => typeof l === 'string')
      : [],
    assignee: user(fields.assignee),
    reporter: user(fields.reporter),
    project: project(fields.project),
    parent:
      typeof (fields.parent as { key?: unknown } | undefined)?.key === 'string'
        ? { key: (fields.parent as { key: string }).key }
        : null,
    created: isoTime(fields.created),
    updated: isoTime(fields.updated),
    dueDate: typeof fields.duedate === 'string' ? fields.duedate : null,
    components: namedList(fields.components),
    fixVersions: namedList(fields.fixVersions),
    customFields: custom.values,
    comments: commentViews,
    attachments: attachments.map((a) => ({
      id: idText(a.id),
      filename: idText(a.filename),
      mimeType: idText(a.mimeType) || 'application/octet-stream',
      size: typeof a.size === 'number' ? a.size : 0,
      sha256: null,
      created: isoTime(a.created),
      author: replicaUser(a.author),
      ref: idText(a.id),
    })),
  };
  const ref: LocalEntity['ref'] = { platform: JIRA_PLATFORM, type: JIRA_ISSUE_TYPE, id, key };
  if (siteUrl !== null) ref.url = `${siteUrl}/browse/${key}`;
  const entity: LocalEntity = {
    ref,
    view,
    // Jira's `updated` counts the app's own writes too; docs/sync-semantics.md wants a person's
    // last change. Without the changelog (a call per read) `updated` is the best cheap answer.
    modifiedAt: isoTime(fields.updated),
    integrationAuthored: {
      comments: readable.filter((c) => c.author?.accountId === appAccountId).map((c) => idText(c.id)),
      attachments: attachments.filter((a) => a.author?.accountId === appAccountId).map((a) => idText(a.id)),
    },
  };
  return { ok: true, entity };
}

function richText(
  value: unknown,
  where: string,
): { ok: true; html: string | null } | { ok: false; error: SyncFailure } {
  if (value === null || value === undefined) return { ok: true, html: null };
  if (typeof value === 'string') return { ok: true, html: value };
  const converted = adfToHtml(value);
  if (!converted.ok) {
    return {
      ok: false,
      error: syncFailure('schema', `The ${where} is not ADF Tandem can read: ${converted.error.message}`),
    };
  }
  return { ok: true, html: converted.html };
}

/**
 * An id, key or name from Jira's answer as text: a string as it is, a finite number in decimal,
 * anything else (an object, even one whose `toString` is not a function) as ''.
 */
function idText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/** Jira's `2026-12-03T12:00:00.000+0000` as the replica's UTC `2026-12-03T12:00:00.000Z`; null when unreadable. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const at = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

function named(value: unknown): JsonValue {
  const name = (value as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' ? { name } : null;
}

function namedList(value: unknown): JsonValue[] {
  return Array.isArray(value) ? value.map(named).filter((v) => v !== null) : [];
}

function status(value: unknown): JsonValue {
  const s = value as { name?: unknown; statusCategory?: { key?: unknown } } | null | undefined;
  if (typeof s?.name !== 'string') return null;
  return { name: s.name, category: typeof s.statusCategory?.key === 'string' ? s.statusCategory.key : null };
}

function project(value: unknown): JsonValue {
  const p = value as { key?: unknown; name?: unknown } | null | undefined;
  return typeof p?.key === 'string' ? { key: p.key, name: typeof p.name === 'string' ? p.name : null } : null;
}

/** A user as rules see `issue.assignee`: email only where the user's privacy settings show it. */
function user(value: unknown): JsonValue {
  const u = value as RestUser | null | undefined;
  if (typeof u?.accountId !== 'string') return null;
  return { email: u.emailAddress ?? null, displayName: u.displayName ?? '', accountId: u.accountId };
}

/** A comment or attachment author in the replica's shape. */
function replicaUser(value: RestUser | undefined): JsonValue {
  if (typeof value?.accountId !== 'string') return null;
  return {
    email: value.emailAddress ?? null,
    displayName: value.displayName ?? '',
    platformId: value.accountId,
  };
}

/** Custom fields by display name; rich-text (ADF) values as HTML, others as Jira gives them. */
function customFields(
  issue: RestIssue,
): { ok: true; values: Record<string, JsonValue> } | { ok: false; error: SyncFailure } {
  // Entries, then one object: a display name such as `__proto__` stays an own member.
  const values: [string, JsonValue][] = [];
  for (const [fieldId, value] of Object.entries(issue.fields ?? {})) {
    if (!fieldId.startsWith('customfield_')) continue;
    const named = issue.names?.[fieldId];
    const name = typeof named === 'string' ? named : fieldId;
    if (isAdf(value)) {
      const html = richText(value, `${idText(issue.key)} field ${name}`);
      if (!html.ok) return html;
      values.push([name, html.html]);
    } else {
      values.push([name, (value ?? null) as JsonValue]);
    }
  }
  return { ok: true, values: Object.fromEntries(values) };
}

function isRecord<T>(value: T): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAdf(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';
}
