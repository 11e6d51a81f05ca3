/**
 * THE SANDBOX'S TWIN OF THE APEX PACKAGE, NOT WHAT SHIPS. The Salesforce package does this in
 * Apex (issue 12, "Apply"); this TypeScript stand-in does it over the stand-in org so that the
 * rest of the system can be proven end to end.
 *
 * The core's `EntityStore` port on a Case of the stand-in org: `read` builds the view the
 * Salesforce rules see (`entity.Subject`, `entity.comments`, `entity.attachments`, ...), `apply`
 * carries out a write plan as the integration user: Case fields, CaseComments (IsPublished
 * false for internal ones), and attachments paired by a pending id until their bytes arrive.
 * Every write runs inside the inbound-apply flag, so capture does not send it back.
 */
import type {
  ApplyResult,
  EntityStore,
  IdPair,
  LocalEntity,
  SyncFailure,
  WritePlan,
} from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import type { EntityRef, JsonValue } from '@tandem/shared-ts/replica';
import type { OrgError, OrgRecord, SalesforceOrg } from '../model';

/** The platform and entity type of a Case, as refs spell them. */
export const SALESFORCE_PLATFORM = 'salesforce';
export const CASE_TYPE = 'Case';

/** Prefix of the local id an attachment add pairs with, until its bytes arrive as a ContentVersion. */
export const PENDING_ATTACHMENT_PREFIX = 'tandem-pending:';

/** The Case fields the rules may read and write (the view's top level, besides the collections). */
export const CASE_VIEW_FIELDS = [
  'CaseNumber',
  'Subject',
  'Description',
  'Status',
  'Priority',
  'Origin',
  'IsClosed',
];
const WRITABLE = new Set(['Subject', 'Description', 'Status', 'Priority', 'Origin']);

/** The transaction flag of the inbound apply: set while the twin writes what came from the peer. */
export interface InboundFlag {
  active: boolean;
}

/** The entity store over one org, with the flag capture reads. */
export function createCaseEntityStore(org: SalesforceOrg, inbound: InboundFlag): EntityStore {
  // The comment copies this store made, by `caseId|remoteId`: adds are idempotent by remote id
  // (the package keeps the pairs on its Link__c; a retried apply finds the copy there).
  const copies = new Map<string, string>();
  const createdFrom = new Map<string, string>();
  return {
    read: async (ref) => readCase(org, ref.id),
    apply: async (plan, source) => {
      inbound.active = true;
      try {
        return applyPlan(org, plan, source, copies, createdFrom);
      } finally {
        inbound.active = false;
      }
    },
  };
}

/** The Case `id` as the rules see it, or null when it does not exist. */
export function readCase(org: SalesforceOrg, id: string): LocalEntity | null {
  const record = org.get(id);
  if (!record || record.type !== CASE_TYPE) return null;
  const caseId = String(record.fields.Id);
  const view: Record<string, JsonValue> = { entityType: CASE_TYPE };
  for (const name of CASE_VIEW_FIELDS) view[name] = record.fields[name] ?? null;
  const user = (userId: unknown): JsonValue => {
    const found = typeof userId === 'string' ? org.get(userId) : undefined;
    return found
      ? {
          platformId: String(found.fields.Id),
          displayName: String(found.fields.Name),
          email: (found.fields.Email as string | null) ?? null,
        }
      : null;
  };
  const comments = org
    .all('CaseComment')
    .filter((c) => c.fields.ParentId === caseId)
    .map((c) => ({
      id: String(c.fields.Id),
      author: user(c.fields.CreatedById),
      body: String(c.fields.CommentBody ?? ''),
      created: isoOf(c.fields.CreatedDate),
      updated: c.fields.LastModifiedDate === c.fields.CreatedDate ? null : isoOf(c.fields.LastModifiedDate),
      internal: c.fields.IsPublished !== true,
    }));
  const attachments = org
    .all('ContentDocumentLink')
    .filter((l) => l.fields.LinkedEntityId === caseId)
    .flatMap((link) => {
      const document = org.get(String(link.fields.ContentDocumentId));
      const version = document ? org.get(String(document.fields.LatestPublishedVersionId)) : undefined;
      if (!document || !version) return [];
      return [
        {
          id: String(document.fields.Id),
          filename: String(version.fields.PathOnClient ?? version.fields.Title ?? ''),
          mimeType: mimeTypeOf(String(version.fields.FileExtension ?? '')),
          size: Number(version.fields.ContentSize ?? 0),
          created: isoOf(version.fields.CreatedDate),
          author: user(version.fields.CreatedById),
          ref: String(version.fields.Id),
        },
      ];
    });
  view.comments = comments;
  view.attachments = attachments;
  const integration = org.integrationUserId;
  return {
    ref: { platform: SALESFORCE_PLATFORM, type: CASE_TYPE, id: caseId },
    view,
    modifiedAt: record.fields.LastModifiedById === integration ? null : isoOf(record.fields.LastModifiedDate),
    integrationAuthored: {
      comments: org
        .all('CaseComment')
        .filter((c) => c.fields.ParentId === caseId && c.fields.CreatedById === integration)
        .map((c) => String(c.fields.Id)),
      attachments: attachments
        .filter((a) => (a.author as { platformId?: string } | null)?.platformId === integration)
        .map((a) => a.id),
    },
  };
}

type Created = { comments: IdPair[]; attachments: IdPair[] };

function applyPlan(
  org: SalesforceOrg,
  plan: WritePlan,
  source: EntityRef | undefined,
  copies: Map<string, string>,
  createdFrom: Map<string, string>,
): ApplyResult {
  const created: Created = { comments: [], attachments: [] };
  let entity: EntityRef | null = null;
  const failed = (error: SyncFailure): ApplyResult => ({ ok: false, error, entity, created });
  const fields = caseFields(plan);
  if (!fields.ok) return failed(fields.error);
  let caseId = plan.target?.id ?? (source ? createdFrom.get(refKey(source)) : undefined) ?? null;
  if (caseId === null) {
    const inserted = org.insert(CASE_TYPE, fields.value);
    if (!inserted.ok) return failed(orgFailure(inserted.error));
    caseId = inserted.value;
    if (source) createdFrom.set(refKey(source), caseId);
  } else if (Object.keys(fields.value).length > 0) {
    const updated = org.update(CASE_TYPE, caseId, fields.value);
    if (!updated.ok) return failed(orgFailure(updated.error));
  }
  if (!plan.target) entity = { platform: SALESFORCE_PLATFORM, type: CASE_TYPE, id: caseId };
  const comments = applyComments(org, caseId, plan, copies, created.comments);
  if (!comments.ok) return failed(comments.error);
  for (const add of plan.attachments.add)
    created.attachments.push({ remote: add.remoteId, local: `${PENDING_ATTACHMENT_PREFIX}${add.remoteId}` });
  for (const remove of plan.attachments.remove) {
    if (remove.localId.startsWith(PENDING_ATTACHMENT_PREFIX)) continue;
    const removed = org.delete('ContentDocument', remove.localId);
    if (!removed.ok && removed.error.errorCode !== 'NOT_FOUND') return failed(orgFailure(removed.error));
  }
  const read = readCase(org, caseId);
  if (!read)
    return failed(syncFailure('local-missing', `Case ${caseId} disappeared while Tandem was writing it.`));
  return { ok: true, outcome: { entity: read, created } };
}

/** The plan's field writes as Case fields: top-level paths on the fields the rules may write. */
function caseFields(
  plan: WritePlan,
): { ok: true; value: Record<string, JsonValue> } | { ok: false; error: SyncFailure } {
  const out: Record<string, JsonValue> = {};
  for (const write of plan.fields) {
    const [name, ...rest] = write.path;
    if (name === 'entityType') continue;
    if (name === undefined || rest.length > 0 || !WRITABLE.has(name))
      return {
        ok: false,
        error: syncFailure(
          'rejected',
          `The incoming rules write entity.${write.path.join('.')}, which is not a Case field Tandem may set (${[...WRITABLE].join(', ')}).`,
        ),
      };
    out[name] = write.value;
  }
  return { ok: true, value: out };
}

function applyComments(
  org: SalesforceOrg,
  caseId: string,
  plan: WritePlan,
  copies: Map<string, string>,
  created: IdPair[],
): { ok: true } | { ok: false; error: SyncFailure } {
  for (const add of plan.comments.add) {
    const key = `${caseId}|${add.remoteId}`;
    const existing = copies.get(key);
    if (existing !== undefined) {
      created.push({ remote: add.remoteId, local: existing });
      continue;
    }
    const inserted = org.insert('CaseComment', { ParentId: caseId, ...commentFields(add.value) });
    if (!inserted.ok) return { ok: false, error: orgFailure(inserted.error) };
    copies.set(key, inserted.value);
    created.push({ remote: add.remoteId, local: inserted.value });
  }
  for (const update of plan.comments.update) {
    const updated = org.update('CaseComment', update.localId, commentFields(update.value));
    if (!updated.ok && updated.error.errorCode !== 'NOT_FOUND')
      return { ok: false, error: orgFailure(updated.error) };
  }
  for (const remove of plan.comments.remove) {
    const removed = org.delete('CaseComment', remove.localId);
    if (!removed.ok && removed.error.errorCode !== 'NOT_FOUND')
      return { ok: false, error: orgFailure(removed.error) };
  }
  return { ok: true };
}

/** A comment value of the rules as CaseComment fields (CommentBody is plain text, at most 4,000 characters). */
function commentFields(value: JsonValue): Record<string, JsonValue> {
  const item = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  const body = typeof item.body === 'string' ? item.body : '';
  return {
    CommentBody: body.length > 4000 ? `${body.slice(0, 3999)}…` : body,
    IsPublished: item.internal !== true,
  };
}

function orgFailure(error: OrgError): SyncFailure {
  const transient = error.errorCode === 'UNABLE_TO_LOCK_ROW';
  return syncFailure(
    transient ? 'unavailable' : 'rejected',
    `Salesforce refused the write: ${error.errorCode}: ${error.message}`,
  );
}

function refKey(ref: EntityRef): string {
  return `${ref.platform}:${ref.type}:${ref.id}`;
}

function isoOf(value: unknown): string {
  const at = Date.parse(String(value).replace(/\+0000$/, 'Z'));
  return Number.isNaN(at) ? new Date(0).toISOString() : new Date(at).toISOString();
}

const MIME_TYPES: Record<string, string> = {
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  json: 'application/json',
};

function mimeTypeOf(extension: string): string {
  return MIME_TYPES[extension.toLowerCase()] ?? 'application/octet-stream';
}

/** The Case a change to `record` concerns: the Case itself, a comment's or post's parent, a file link's entity. */
export function caseOfRecord(record: OrgRecord): string | null {
  const f = record.fields;
  if (record.type === CASE_TYPE) return String(f.Id);
  const parent =
    record.type === 'ContentDocumentLink'
      ? f.LinkedEntityId
      : record.type === 'CaseComment' || record.type === 'FeedItem'
        ? f.ParentId
        : null;
  return typeof parent === 'string' && parent.startsWith('500') ? parent : null;
}
