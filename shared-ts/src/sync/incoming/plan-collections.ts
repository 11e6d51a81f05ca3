/**
 * Section 4.5 of docs/sync-semantics.md: a write to exactly `comments` or `attachments` keeps
 * that collection in step by identity, against the link's id map and the list computed from
 * previous (`planCollectionSync`). Rules that do not assign a collection leave it alone.
 */
import type { IdPair, Link } from '../model/link';
import { pathKey } from '../model/path-key';
import { planCollectionSync } from './plan-collection-sync';
import { leftOutOf } from '../outgoing/replica-budget';
import type { SyncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';
import type { SyncPolicy } from '../model/sync-policy';
import type { CollectionPlan } from '../model/write-plan';
import type { WritesByPath } from './run-incoming-rules';

/** The collections kept in step by identity: a rule write to exactly this path means "keep in step". */
export const SYNCED_COLLECTIONS = ['comments', 'attachments'] as const;

/** Each collection's part of the write plan and the id pairs that survive it. */
export type CollectionPlans = Record<
  (typeof SYNCED_COLLECTIONS)[number],
  { plan: CollectionPlan; pairs: IdPair[] }
>;

/** Whether a written path is one of the synced collections (decided here, not field by field). */
export function isCollectionPath(path: readonly string[]): boolean {
  return path.length === 1 && (path[0] === 'comments' || path[0] === 'attachments');
}

/** Plans both collections; the first collection whose written value is not a list of items with ids fails the apply. */
export function planCollections(
  link: Link | null,
  message: ReplicaMessage,
  policy: SyncPolicy,
  writes: WritesByPath,
  previousWrites: WritesByPath,
): { ok: true; collections: CollectionPlans } | { ok: false; error: SyncFailure } {
  const collections: CollectionPlans = {
    comments: { plan: emptyCollectionPlan(), pairs: link?.comments ?? [] },
    attachments: { plan: emptyCollectionPlan(), pairs: link?.attachments ?? [] },
  };
  for (const name of SYNCED_COLLECTIONS) {
    const write = writes.get(pathKey([name]));
    if (!write) continue;
    const result = planCollectionSync({
      name,
      items: write.value,
      previousItems: previousWrites.get(pathKey([name]))?.value,
      pairs: collections[name].pairs,
      // An item left out of a trimmed replica cannot be told from a deleted one: remove no copy.
      propagateDeletes: policy.deletes[name] && !leftOutOf(message, name),
    });
    if (!result.ok) return { ok: false, error: result.error };
    collections[name] = result;
  }
  return { ok: true, collections };
}

function emptyCollectionPlan(): CollectionPlan {
  return { add: [], update: [], remove: [] };
}
