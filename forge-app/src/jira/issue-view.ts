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
  const id = String(issue.id ?? '');
  const key = String(issue.key ?? '');
  const description = richText(fields.description, `${key} description`);
  if (!description.ok) return description;
  const commentViews: JsonValue[] = [];
  for (const comment of comments) {
    const body = richText(comment.body, `${key} comment ${comment.id}`);
    if (!body.ok) return body;
    commentViews.push({
      id: String(comment.id ?? ''),
      author: replicaUser(comment.author),
      body: body.html ?? '',
      created: isoTime(comment.created),
      updated: isoTime(comment.updated),
      internal: comment.visibility !== undefined || comment.jsdPublic === false,
    });
  }
  const attachments = Array.isArray(fields.attachment) ? (fields.attachment as RestAttachment[]) : [];
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
      id: String(a.id ?? ''),
      filename: String(a.filename ?? ''),
      mimeType: String(a.mimeType ?? 'application/octet-stream'),
      size: typeof a.size === 'number' ? a.size : 0,
      sha256: null,
      created: isoTime(a.created),
      author: replicaUser(a.author),
      ref: String(a.id ?? ''),
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
      comments: comments.filter((c) => c.author?.accountId === appAccountId).map((c) => String(c.id ?? '')),
      attachments: attachments
        .filter((a) => a.author?.accountId === appAccountId)
        .map((a) => String(a.id ?? '')),
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
  const values: Record<string, JsonValue> = {};
  for (const [fieldId, value] of Object.entries(issue.fields ?? {})) {
    if (!fieldId.startsWith('customfield_')) continue;
    const name = issue.names?.[fieldId] ?? fieldId;
    if (isAdf(value)) {
      const html = richText(value, `${issue.key} field ${name}`);
      if (!html.ok) return html;
      values[name] = html.html;
    } else {
      values[name] = (value ?? null) as JsonValue;
    }
  }
  return { ok: true, values };
}

function isAdf(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';
}
