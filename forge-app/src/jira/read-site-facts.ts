/**
 * Facts about the site every operation may need, fetched once per context: the field catalogue
 * (ids, display names, schemas: custom fields are written by id) and the app's own account (its
 * comments and attachments are the integration's, never sent back).
 */
import type { SyncFailure } from '@tandem/shared-ts/engine';
import { callJiraJson, type JiraContext } from './jira-call';
import type { RestField, RestUser } from './jira-shapes';

/** The field catalogue: by id, and custom fields by display name. */
export interface FieldCatalogue {
  byId: Map<string, RestField>;
  customByName: Map<string, RestField>;
}

/** `GET /rest/api/3/field`, once per context. */
export async function readFieldCatalogue(
  context: JiraContext,
): Promise<{ ok: true; value: FieldCatalogue } | { ok: false; error: SyncFailure }> {
  const cached = context.cache.get('fields') as FieldCatalogue | undefined;
  if (cached) return { ok: true, value: cached };
  const read = await callJiraJson<unknown>(context, 'read-fields', {
    method: 'GET',
    path: '/rest/api/3/field',
  });
  if (!read.ok) return read;
  const catalogue: FieldCatalogue = { byId: new Map(), customByName: new Map() };
  for (const field of Array.isArray(read.value) ? (read.value as RestField[]) : []) {
    if (typeof field?.id !== 'string') continue;
    catalogue.byId.set(field.id, field);
    if (field.custom === true && typeof field.name === 'string')
      catalogue.customByName.set(field.name, field);
  }
  context.cache.set('fields', catalogue);
  return { ok: true, value: catalogue };
}

/** `GET /rest/api/3/myself` as the app, once per context: the app's account id. */
export async function readAppAccountId(
  context: JiraContext,
): Promise<{ ok: true; value: string } | { ok: false; error: SyncFailure }> {
  const cached = context.cache.get('myself') as string | undefined;
  if (cached !== undefined) return { ok: true, value: cached };
  const read = await callJiraJson<RestUser>(context, 'read-myself', {
    method: 'GET',
    path: '/rest/api/3/myself',
  });
  if (!read.ok) return read;
  const accountId = typeof read.value?.accountId === 'string' ? read.value.accountId : '';
  context.cache.set('myself', accountId);
  return { ok: true, value: accountId };
}
