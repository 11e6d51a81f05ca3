import type { JsonValue } from '../../replica';
import type { Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';

/**
 * The local view the outgoing rules may see: comments and attachments that the apply created
 * from remote items (the link's id maps) or that the integration identity wrote are left out,
 * so a synced item never travels back as a new one. The view is returned as is when there is
 * nothing to leave out.
 */
export function withoutEchoItems(local: LocalEntity, link: Link): Record<string, JsonValue> {
  let view = local.view;
  const comments = echoIds(link.comments, local.integrationAuthored?.comments);
  const attachments = echoIds(link.attachments, local.integrationAuthored?.attachments);
  for (const [name, ids] of [
    ['comments', comments],
    ['attachments', attachments],
  ] as const) {
    const items = view[name];
    if (ids.size === 0 || !Array.isArray(items)) continue;
    const kept = items.filter((item) => !ids.has(itemId(item) ?? ''));
    if (kept.length !== items.length) view = { ...view, [name]: kept };
  }
  return view;
}

function echoIds(pairs: { local: string }[], authored: string[] | undefined): Set<string> {
  const ids = new Set<string>(authored ?? []);
  for (const pair of pairs) ids.add(pair.local);
  return ids;
}

function itemId(item: JsonValue): string | null {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
  const id = item.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}
