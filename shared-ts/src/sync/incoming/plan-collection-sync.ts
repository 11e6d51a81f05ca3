import type { JsonValue } from '../../replica';
import { jsonEqual } from '../model/json-equal';
import type { IdPair } from '../model/link';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { CollectionPlan } from '../model/write-plan';

/** What `planCollectionSync` needs about one collection (comments or attachments). */
export interface CollectionSyncInput {
  /** `comments` or `attachments`, for messages. */
  name: string;
  /** What the incoming rules assigned to the collection from the new replica. */
  items: unknown;
  /** What they assigned from `previous`, or undefined (no previous, or not assigned then). */
  previousItems: unknown;
  /** The link's id map for this collection. */
  pairs: IdPair[];
  /** Whether items gone from the remote list are removed here. */
  propagateDeletes: boolean;
}

/** The collection's part of the write plan, and the id pairs that survive it (adds are paired on commit). */
export type CollectionSyncResult =
  { ok: true; plan: CollectionPlan; pairs: IdPair[] } | { ok: false; error: SyncFailure };

/**
 * Keeps a collection in step by identity: an item whose remote id has no pair is added, a paired
 * item that differs from what the rules made of it in `previous` is updated, and a paired item
 * gone from the list is removed only when deletes propagate (otherwise its pair stays, so it is
 * never added again). Replaying the same list plans nothing.
 */
export function planCollectionSync(input: CollectionSyncInput): CollectionSyncResult {
  const items = itemsById(input.name, input.items);
  if (!items.ok) return items;
  const previous = itemsById(input.name, input.previousItems ?? []);
  const previousById = previous.ok ? previous.byId : new Map<string, JsonValue>();
  const localByRemote = new Map<string, string>();
  for (const pair of input.pairs) localByRemote.set(pair.remote, pair.local);

  const plan: CollectionPlan = { add: [], update: [], remove: [] };
  for (const [remoteId, value] of items.byId) {
    const localId = localByRemote.get(remoteId);
    if (localId === undefined) {
      plan.add.push({ remoteId, value });
      continue;
    }
    const before = previousById.get(remoteId);
    if (before !== undefined && !jsonEqual(before, value)) plan.update.push({ remoteId, localId, value });
  }

  const pairs: IdPair[] = [];
  for (const pair of input.pairs) {
    if (!items.byId.has(pair.remote) && input.propagateDeletes) {
      plan.remove.push({ remoteId: pair.remote, localId: pair.local });
    } else {
      pairs.push(pair);
    }
  }
  return { ok: true, plan, pairs };
}

type ItemsById = { ok: true; byId: Map<string, JsonValue> } | { ok: false; error: SyncFailure };

/** The list's items by id, first occurrence kept; anything but a list of objects with ids is a rule-output failure. */
function itemsById(name: string, value: unknown): ItemsById {
  if (!Array.isArray(value)) {
    return fail(
      `The incoming rules assigned ${describe(value)} to ${name}; assign a list (for example replica.${name}).`,
    );
  }
  const byId = new Map<string, JsonValue>();
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return fail(`Item ${index} of ${name} is ${describe(item)}; each item must be an object with an id.`);
    }
    const id = (item as Record<string, unknown>).id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      return fail(`Item ${index} of ${name} has no id; keep the remote id when reshaping items (id: c.id).`);
    }
    const key = String(id);
    if (!byId.has(key)) byId.set(key, item as JsonValue);
  }
  return { ok: true, byId };
}

function fail(message: string): ItemsById {
  return { ok: false, error: syncFailure('rule-output', message) };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
