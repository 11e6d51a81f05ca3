/**
 * The core's `EntityStore` port on Jira REST: `read` builds the entity view of an issue (null on
 * 404; Jira's failures, 429 with its Retry-After among them, as the port's failure value), `apply`
 * carries out a write plan as the app (create the issue or edit only the fields the plan
 * changes, move the status through transitions, keep comments in step, pair attachments). A
 * field update is two calls (the edit and the read-back) once the context knows the site.
 */
import type { ApplyResult, EntityStore, IdPair, SyncFailure, WritePlan } from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import type { EntityRef } from '@tandem/shared-ts/replica';
import { fieldWrites, type JiraFieldWrites } from './field-writes';
import { JIRA_ISSUE_TYPE, JIRA_PLATFORM } from './issue-view';
import { callJira, callJiraJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import { findIssueBySource, LINK_PROPERTY, linkProperty } from './issue-link-property';
import { resolvePendingAttachment } from './jira-attachment-store';
import { moveToStatus } from './move-to-status';
import { readIssue } from './read-issue';
import { readFieldCatalogue, type FieldCatalogue } from './read-site-facts';
import { DEFAULT_INTERNAL_VISIBILITY, syncComments, type CommentVisibility } from './sync-comments';

export interface JiraEntityStoreOptions {
  /** Who sees comments that arrive as internal (default: the Administrators project role). */
  internalVisibility?: CommentVisibility;
}

/** Prefix of the local id an attachment add pairs with, until its bytes arrive and are uploaded. */
export const PENDING_ATTACHMENT_PREFIX = 'tandem-pending:';

/** The entity store over a Jira context. */
export function createJiraEntityStore(
  context: JiraContext,
  options: JiraEntityStoreOptions = {},
): EntityStore {
  const visibility = options.internalVisibility ?? DEFAULT_INTERNAL_VISIBILITY;
  return {
    read: async (ref) => {
      const read = await readIssue(context, ref);
      // A failure goes back as a value: 429 and 5xx keep their status and Retry-After, so the
      // core's retry policy waits at least as long as Jira asked.
      return read.ok ? read.entity : read;
    },
    apply: (plan, source) => applyPlan(context, plan, source, visibility),
  };
}

type Created = { comments: IdPair[]; attachments: IdPair[] };

async function applyPlan(
  context: JiraContext,
  plan: WritePlan,
  source: EntityRef | undefined,
  visibility: CommentVisibility,
): Promise<ApplyResult> {
  const created: Created = { comments: [], attachments: [] };
  let entity: EntityRef | null = null;
  const failed = (error: SyncFailure): ApplyResult => ({ ok: false, error, entity, created });
  const catalogue = await catalogueFor(context, plan);
  if (!catalogue.ok) return failed(catalogue.error);
  const writes = fieldWrites(plan.fields, catalogue.value);
  if (!writes.ok) return failed(writes.error);
  let issueId = plan.target?.id ?? null;
  let fieldsWritten = false;
  if (issueId === null) {
    const made = await findOrCreate(context, writes.value, source);
    if (!made.ok) return failed(made.error);
    issueId = made.value.id;
    entity = { platform: JIRA_PLATFORM, type: JIRA_ISSUE_TYPE, id: made.value.id, key: made.value.key };
    fieldsWritten = made.value.created;
  }
  if (!fieldsWritten && Object.keys(writes.value.fields).length > 0) {
    const edited = await callJira(context, 'edit-fields', {
      method: 'PUT',
      path: `/rest/api/3/issue/${segment(issueId)}`,
      query: { notifyUsers: 'false' },
      body: JSON.stringify({ fields: writes.value.fields }),
    });
    if (!edited.ok) return failed(edited.error);
  }
  if (writes.value.status !== null) {
    const moved = await moveToStatus(context, issueId, writes.value.status);
    if (!moved.ok) return failed(moved.error);
  }
  const comments = await syncComments(context, issueId, plan.comments, visibility, created.comments);
  if (!comments.ok) return failed(comments.error);
  const attachments = await pairAttachments(context, issueId, plan, created.attachments);
  if (!attachments.ok) return failed(attachments.error);
  const read = await readIssue(context, { id: issueId });
  if (!read.ok) return failed(read.error);
  if (read.entity === null)
    return failed(syncFailure('local-missing', `Issue ${issueId} disappeared while Tandem was writing it.`));
  return { ok: true, outcome: { entity: read.entity, created } };
}

/** The field catalogue, read only when the plan writes custom fields. */
async function catalogueFor(
  context: JiraContext,
  plan: WritePlan,
): Promise<{ ok: true; value: FieldCatalogue } | { ok: false; error: SyncFailure }> {
  if (!plan.fields.some((write) => write.path[0] === 'customFields'))
    return { ok: true, value: { byId: new Map(), customByName: new Map() } };
  return readFieldCatalogue(context);
}

/** The issue an earlier apply created from `source`, or a new one (`POST /issue` with the link property). */
async function findOrCreate(
  context: JiraContext,
  writes: JiraFieldWrites,
  source: EntityRef | undefined,
): Promise<
  { ok: true; value: { id: string; key: string; created: boolean } } | { ok: false; error: SyncFailure }
> {
  if (source) {
    const found = await findIssueBySource(context, source);
    if (!found.ok) return found;
    if (found.value) return { ok: true, value: { ...found.value, created: false } };
  }
  if (writes.projectKey === null || writes.typeName === null) {
    return {
      ok: false,
      error: syncFailure(
        'rejected',
        'A new issue needs a project and an issue type: the incoming rules must set issue.projectKey and issue.typeName on the first sync.',
      ),
    };
  }
  const body: Record<string, unknown> = {
    fields: { ...writes.fields, project: { key: writes.projectKey }, issuetype: { name: writes.typeName } },
  };
  if (source) body.properties = [{ key: LINK_PROPERTY, value: linkProperty(source) }];
  const made = await callJiraJson<{ id?: string; key?: string }>(context, 'create-issue', {
    method: 'POST',
    path: '/rest/api/3/issue',
    body: JSON.stringify(body),
  });
  if (!made.ok) return made;
  if (typeof made.value.id !== 'string')
    return { ok: false, error: syncFailure('unexpected', 'Jira created an issue but did not say its id.') };
  return { ok: true, value: { id: made.value.id, key: String(made.value.key ?? ''), created: true } };
}

/**
 * Attachments: an add pairs the remote file with a pending local id (its bytes come later through
 * the core's chunked transfer and the attachment store's multipart upload); a remove deletes the
 * Jira attachment (for a pending id, the one stored for it since, if any). Updates change
 * nothing: a file's bytes are fixed, and its metadata is Jira's.
 */
async function pairAttachments(
  context: JiraContext,
  issueId: string,
  plan: WritePlan,
  created: IdPair[],
): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
  for (const add of plan.attachments.add)
    created.push({ remote: add.remoteId, local: `${PENDING_ATTACHMENT_PREFIX}${add.remoteId}` });
  for (const remove of plan.attachments.remove) {
    let attachmentId: string | null = remove.localId;
    if (remove.localId.startsWith(PENDING_ATTACHMENT_PREFIX)) {
      const resolved = await resolvePendingAttachment(context, issueId, remove.remoteId);
      if (!resolved.ok) return resolved;
      attachmentId = resolved.value;
    }
    if (attachmentId === null) continue;
    const removed = await callJira(
      context,
      'delete-attachment',
      { method: 'DELETE', path: `/rest/api/3/attachment/${segment(attachmentId)}` },
      (status) => (status >= 200 && status < 300) || status === 404,
    );
    if (!removed.ok) return removed;
  }
  return { ok: true };
}
