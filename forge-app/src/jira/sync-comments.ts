/**
 * Carries out a plan's comment changes on an issue: adds (each carrying its remote id in the
 * comment property `tandem`, so a retried add finds the copy instead of posting twice), updates
 * and deletes. Internal comments are posted with a role visibility; bodies go in as ADF.
 */
import type { CollectionPlan, IdPair, SyncFailure } from '@tandem/shared-ts/engine';
import { htmlToAdf, type JsonValue } from '@tandem/shared-ts/replica';
import { callJira, callJiraJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import type { RestComment } from './jira-shapes';
import { listComments } from './read-issue';

/** The comment property that holds the remote id of a comment Tandem posted. */
export const COMMENT_PROPERTY = 'tandem';

/** Who may see an internal comment; Jira Software has no "internal", so a project role stands in. */
export interface CommentVisibility {
  type: 'role' | 'group';
  value: string;
}

/** The default role for internal comments. */
export const DEFAULT_INTERNAL_VISIBILITY: CommentVisibility = { type: 'role', value: 'Administrators' };

/** Adds, updates and removes; `created` names every copy made (or found) even when a later step fails. */
export async function syncComments(
  context: JiraContext,
  issueId: string,
  plan: CollectionPlan,
  internalVisibility: CommentVisibility,
  created: IdPair[],
): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
  const base = `/rest/api/3/issue/${segment(issueId)}/comment`;
  if (plan.add.length > 0) {
    const existing = await copiesByRemoteId(context, issueId);
    if (!existing.ok) return existing;
    for (const add of plan.add) {
      const copy = existing.value.get(add.remoteId);
      if (copy !== undefined) {
        created.push({ remote: add.remoteId, local: copy });
        continue;
      }
      const body = commentBody(add.value, internalVisibility);
      body.properties = [{ key: COMMENT_PROPERTY, value: { remoteId: add.remoteId } }];
      const posted = await callJiraJson<RestComment>(context, 'add-comment', {
        method: 'POST',
        path: base,
        body: JSON.stringify(body),
      });
      if (!posted.ok) return posted;
      created.push({ remote: add.remoteId, local: String(posted.value.id ?? '') });
    }
  }
  for (const update of plan.update) {
    const body = commentBody(update.value, internalVisibility);
    const edited = await callJira(
      context,
      'edit-comment',
      { method: 'PUT', path: `${base}/${segment(update.localId)}`, body: JSON.stringify(body) },
      (status) => (status >= 200 && status < 300) || status === 404,
    );
    if (!edited.ok) return edited;
  }
  for (const remove of plan.remove) {
    const removed = await callJira(
      context,
      'delete-comment',
      { method: 'DELETE', path: `${base}/${segment(remove.localId)}` },
      (status) => (status >= 200 && status < 300) || status === 404,
    );
    if (!removed.ok) return removed;
  }
  return { ok: true };
}

/** The comment body for Jira: ADF from the view's HTML, with visibility when internal. */
function commentBody(value: JsonValue, internalVisibility: CommentVisibility): Record<string, unknown> {
  const item = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  const body: Record<string, unknown> = { body: htmlToAdf(typeof item.body === 'string' ? item.body : '') };
  if (item.internal === true) body.visibility = { ...internalVisibility };
  return body;
}

/** Comments already copied by Tandem, by the remote id in their property. */
async function copiesByRemoteId(
  context: JiraContext,
  issueId: string,
): Promise<{ ok: true; value: Map<string, string> } | { ok: false; error: SyncFailure }> {
  const listed = await listComments(context, issueId, true);
  if (!listed.ok) return listed;
  const copies = new Map<string, string>();
  for (const comment of listed.value) {
    const property = comment.properties?.find((p) => p.key === COMMENT_PROPERTY)?.value as
      { remoteId?: unknown } | undefined;
    if (typeof property?.remoteId === 'string' && typeof comment.id === 'string')
      copies.set(property.remoteId, comment.id);
  }
  return { ok: true, value: copies };
}
