/**
 * The issue property `tandem`: marks an issue as linked (searchable in JQL through the app's
 * `jira:entityProperty` index, `tandemLinked = "true"`) and remembers the remote entity it was
 * created from, so creation is idempotent: a retried create finds the issue by this property.
 * Issue properties are capped at 32 KB; this one stays far under.
 */
import type { EntityRef } from '@tandem/shared-ts/replica';
import type { SyncFailure } from '@tandem/shared-ts/engine';
import { callJira, callJiraJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import type { RestIssue } from './jira-shapes';

/** The property's key. */
export const LINK_PROPERTY = 'tandem';

/** The property's value. */
export interface LinkProperty {
  /**
   * `"true"` or `"false"`, a string: Jira's entity-property index has no boolean type, and the
   * manifest indexes this path as `string` (`tandemLinked = "true"`).
   */
  linked: 'true' | 'false';
  /** `platform:type:id` of the remote entity the issue is linked to (or was created from). */
  source: string;
  /** The remote entity's human key (a Case number), for JQL and people. */
  remoteKey?: string;
  remoteUrl?: string;
}

/** `platform:type:id` of a ref. */
export function sourceKey(ref: EntityRef): string {
  return `${ref.platform}:${ref.type}:${ref.id}`;
}

/** The property for a link to `remote`. */
export function linkProperty(remote: EntityRef, linked = true): LinkProperty {
  const value: LinkProperty = { linked: linked ? 'true' : 'false', source: sourceKey(remote) };
  if (remote.key !== undefined) value.remoteKey = remote.key;
  if (remote.url !== undefined) value.remoteUrl = remote.url;
  return value;
}

/** Writes the property (`PUT /issue/{id}/properties/tandem`). */
export async function writeLinkProperty(
  context: JiraContext,
  issueId: string,
  value: LinkProperty,
): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
  const written = await callJira(context, 'write-link-property', {
    method: 'PUT',
    path: `/rest/api/3/issue/${segment(issueId)}/properties/${LINK_PROPERTY}`,
    body: JSON.stringify(value),
  });
  return written.ok ? { ok: true } : written;
}

/** The issue created from `source` earlier, found by JQL on the property, or null. */
export async function findIssueBySource(
  context: JiraContext,
  source: EntityRef,
): Promise<{ ok: true; value: { id: string; key: string } | null } | { ok: false; error: SyncFailure }> {
  const jql = `issue.property[${LINK_PROPERTY}].source = "${sourceKey(source).replace(/["\\]/g, '\\$&')}"`;
  const found = await callJiraJson<{ issues?: RestIssue[] }>(context, 'find-created-issue', {
    method: 'POST',
    path: '/rest/api/3/search/jql',
    body: JSON.stringify({ jql, maxResults: 1, fields: ['summary'] }),
  });
  if (!found.ok) return found;
  const issue = found.value.issues?.[0];
  return {
    ok: true,
    value: typeof issue?.id === 'string' ? { id: issue.id, key: String(issue.key ?? '') } : null,
  };
}
