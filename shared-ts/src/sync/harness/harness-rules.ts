/**
 * The rule scripts the two-node harness runs (in the real rules runtime), and the projections
 * that let a test compare a Jira issue with a Salesforce Case in one vocabulary.
 *
 * The scripts map summary, description, status, priority, labels, comments and attachments
 * (metadata; the bytes travel by `attachments-v1`) both ways and are
 * mutually consistent (a value mapped out and back maps to itself), which is what convergence
 * needs (docs/sync-semantics.md, section 9). They still translate like real rules do: Salesforce
 * keeps plain text and a `;`-separated picklist, Jira HTML, named objects and a list.
 * Basic mode's defaults are deliberately not used: their status and priority maps are lossy
 * (Working and Escalated both become In Progress) and comments gain an attribution line, so
 * "the same value on both sides" would not be well defined.
 */
import type { JsonValue } from '../../replica';
import type { Side } from '../../rules/runtime/types';

/** The incoming and outgoing scripts of one side. */
export interface SideRules {
  incoming: string;
  outgoing: string;
}

const SALESFORCE_OUTGOING = `replica.summary = entity.Subject;
replica.description = text.toHtml(entity.Description);
replica.status = entity.Status ? { name: entity.Status } : null;
replica.priority = entity.Priority ? { name: entity.Priority } : null;
replica.labels = isEmpty(entity.Labels__c) ? [] : entity.Labels__c.split(";");
replica.updated = entity.LastModifiedDate;
replica.comments = (entity.comments ?? []).map((c) => ({
  id: c.id,
  author: null,
  body: text.toHtml(c.body),
  created: c.created,
  updated: null,
  internal: false,
}));
replica.attachments = (entity.attachments ?? []).map((a) => ({
  id: a.id,
  filename: a.filename,
  mimeType: a.mimeType,
  size: a.size,
  sha256: a.sha256 ?? null,
  created: a.created,
  author: null,
  ref: "attachment:" + a.id,
}));
`;

const SALESFORCE_INCOMING = `if (firstSync) {
  entity.entityType = "Case";
}
entity.Subject = replica.summary;
entity.Description = html.toText(replica.description);
entity.Status = replica.status?.name;
entity.Priority = replica.priority?.name;
entity.Labels__c = isEmpty(replica.labels) ? null : join(replica.labels, ";");
entity.comments = replica.comments.map((c) => ({ id: c.id, body: html.toText(c.body), created: c.created }));
entity.attachments = replica.attachments.map((a) => ({
  id: a.id,
  filename: a.filename,
  mimeType: a.mimeType,
  size: a.size,
  sha256: a.sha256 ?? null,
  created: a.created,
}));
`;

const JIRA_OUTGOING = `replica.summary = issue.summary;
replica.description = issue.description;
replica.status = issue.status;
replica.priority = issue.priority;
replica.labels = issue.labels;
replica.updated = issue.updated;
replica.comments = (issue.comments ?? []).map((c) => ({
  id: c.id,
  author: null,
  body: c.body,
  created: c.created,
  updated: null,
  internal: false,
}));
replica.attachments = (issue.attachments ?? []).map((a) => ({
  id: a.id,
  filename: a.filename,
  mimeType: a.mimeType,
  size: a.size,
  sha256: a.sha256 ?? null,
  created: a.created,
  author: null,
  ref: "attachment:" + a.id,
}));
`;

const JIRA_INCOMING = `if (firstSync) {
  issue.projectKey = "SUP";
  issue.typeName = "Task";
}
issue.summary = replica.summary;
issue.description = replica.description;
issue.status = replica.status?.name;
issue.priority = replica.priority?.name;
issue.labels = replica.labels;
issue.comments = replica.comments.map((c) => ({ id: c.id, body: c.body, created: c.created }));
issue.attachments = replica.attachments.map((a) => ({
  id: a.id,
  filename: a.filename,
  mimeType: a.mimeType,
  size: a.size,
  sha256: a.sha256 ?? null,
  created: a.created,
}));
`;

/** The scripts of each side, in the rules language. */
export const HARNESS_RULES: Readonly<Record<Side, SideRules>> = {
  salesforce: { incoming: SALESFORCE_INCOMING, outgoing: SALESFORCE_OUTGOING },
  jira: { incoming: JIRA_INCOMING, outgoing: JIRA_OUTGOING },
};

/** The synced fields of one entity, in the replica's vocabulary with plain-text values. */
export interface SyncedFields {
  summary: string | null;
  description: string | null;
  status: string | null;
  priority: string | null;
  /** In the order the entity holds them. */
  labels: string[];
}

/** The names of the synced fields (comments are compared separately: `commentTexts`). */
export const SYNCED_FIELD_NAMES = ['summary', 'description', 'status', 'priority', 'labels'] as const;

/** The view field in which each side keeps a person's last change (what `replica.updated` says). */
export const MODIFIED_FIELD: Readonly<Record<Side, string>> = {
  salesforce: 'LastModifiedDate',
  jira: 'updated',
};

/**
 * Local field values for synced-field changes, as a person would type them on that side:
 * `{status: "Done"}` is `{Status: "Done"}` on a Case and `{status: {name: "Done"}}` on an issue.
 * Text must be plain words (no markup): Jira keeps it as `<p>text</p>`.
 */
export function localFields(side: Side, changes: Partial<SyncedFields>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  const has = (name: keyof SyncedFields) => Object.prototype.hasOwnProperty.call(changes, name);
  if (side === 'salesforce') {
    if (has('summary')) out.Subject = changes.summary ?? null;
    if (has('description')) out.Description = changes.description ?? null;
    if (has('status')) out.Status = changes.status ?? null;
    if (has('priority')) out.Priority = changes.priority ?? null;
    if (has('labels')) out.Labels__c = changes.labels?.length ? changes.labels.join(';') : null;
    return out;
  }
  if (has('summary')) out.summary = changes.summary ?? null;
  if (has('description')) out.description = toParagraph(changes.description ?? null);
  if (has('status')) out.status = changes.status ? { name: changes.status } : null;
  if (has('priority')) out.priority = changes.priority ? { name: changes.priority } : null;
  if (has('labels')) out.labels = changes.labels ?? [];
  return out;
}

/** The synced fields of an entity's view, whichever side holds it. */
export function syncedFieldsOf(side: Side, view: Record<string, JsonValue>): SyncedFields {
  if (side === 'salesforce') {
    const labels = textOrNull(view.Labels__c);
    return {
      summary: textOrNull(view.Subject),
      description: textOrNull(view.Description),
      status: textOrNull(view.Status),
      priority: textOrNull(view.Priority),
      labels: labels ? labels.split(';') : [],
    };
  }
  return {
    summary: textOrNull(view.summary),
    description: fromParagraph(textOrNull(view.description)),
    status: nameOf(view.status),
    priority: nameOf(view.priority),
    labels: Array.isArray(view.labels) ? view.labels.filter((label) => typeof label === 'string') : [],
  };
}

/** The plain text of every comment on an entity, copies included, sorted (to compare as multisets). */
export function commentTexts(side: Side, view: Record<string, JsonValue>): string[] {
  const comments = Array.isArray(view.comments) ? view.comments : [];
  const texts = comments.map((comment) => {
    const body =
      comment !== null && typeof comment === 'object' && !Array.isArray(comment) ? comment.body : null;
    const text = typeof body === 'string' ? body : '';
    return side === 'jira' ? (fromParagraph(text) ?? '') : text;
  });
  return texts.sort();
}

/** A comment body as a person writes it on that side (HTML on Jira, plain text on Salesforce). */
export function localCommentBody(side: Side, text: string): string {
  return side === 'jira' ? `<p>${text}</p>` : text;
}

function toParagraph(text: string | null): string | null {
  return text === null ? null : `<p>${text}</p>`;
}

function fromParagraph(html: string | null): string | null {
  if (html === null) return null;
  const match = /^<p>(.*)<\/p>$/s.exec(html);
  return match ? (match[1] ?? '') : html;
}

function textOrNull(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function nameOf(value: JsonValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return textOrNull(value.name);
  return null;
}
