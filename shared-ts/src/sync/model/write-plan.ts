/**
 * The write plan: exactly what an incoming apply changes on the local entity, decided by the
 * engine and carried out by the entity store port. Plain JSON, so the conformance vectors can
 * spell it out and the Apex engine can be held to it.
 */
import type { EntityRef, JsonValue } from '../../replica';
import type { ConflictPolicy } from './sync-policy';
import type { IdPair } from './link';
import type { LocalEntity } from './local-entity';
import type { SyncFailure } from './sync-failure';

/** Set the local field at `path` (below the entity variable) to `value`. */
export interface FieldWrite {
  path: string[];
  value: JsonValue;
}

/** Keep a collection (comments or attachments) in step by identity. */
export interface CollectionPlan {
  /** Remote items with no local copy yet, in the order the rules listed them. */
  add: { remoteId: string; value: JsonValue }[];
  /** Remote items edited since the last apply; `localId` is the copy to update. */
  update: { remoteId: string; localId: string; value: JsonValue }[];
  /** Remote items gone from the list, when the policy propagates deletes. */
  remove: { remoteId: string; localId: string }[];
}

/** What an incoming apply writes. */
export interface WritePlan {
  /** The local entity to write, or null when the apply creates it (first sync of a new remote entity). */
  target: EntityRef | null;
  /** Field assignments, sorted by path (`comparePaths`: segment by segment, UTF-16 code unit order). */
  fields: FieldWrite[];
  comments: CollectionPlan;
  attachments: CollectionPlan;
}

/**
 * A field both sides changed since they last agreed, and how the policy settled it. Recorded in
 * the sync log.
 */
export interface Conflict {
  path: string[];
  /** The local value before the apply. */
  local: JsonValue;
  /** The value the incoming rules computed from the replica. */
  remote: JsonValue;
  /** The value both sides last agreed on. */
  base: JsonValue;
  /** This side's configured policy. */
  policy: ConflictPolicy;
  winner: 'local' | 'remote';
  /**
   * Only when the policy fell back: the policy that settled the conflict instead (`newest-wins`,
   * because both sides are `remote-wins` or both `local-wins`).
   */
  resolvedBy?: ConflictPolicy;
  /** Only with `resolvedBy`: why, in words (`both sides are remote-wins`). */
  reason?: string;
}

/** What the entity store reports after carrying out a write plan. */
export interface ApplyOutcome {
  /** The entity after the writes, read back (the ref carries the id of a created entity). */
  entity: LocalEntity;
  /** The local copy created for each added remote item. */
  created: { comments: IdPair[]; attachments: IdPair[] };
}

/**
 * The entity store's answer. A failure still names what it created before failing (the entity,
 * the copies), so that a retry creates nothing twice.
 */
export type ApplyResult =
  | { ok: true; outcome: ApplyOutcome }
  | {
      ok: false;
      error: SyncFailure;
      entity: EntityRef | null;
      created: { comments: IdPair[]; attachments: IdPair[] };
    };

/** True when the plan changes nothing on an existing entity (the entity store need not be called). */
export function isEmptyWritePlan(plan: WritePlan): boolean {
  return (
    plan.target !== null &&
    plan.fields.length === 0 &&
    isEmptyCollectionPlan(plan.comments) &&
    isEmptyCollectionPlan(plan.attachments)
  );
}

function isEmptyCollectionPlan(plan: CollectionPlan): boolean {
  return plan.add.length === 0 && plan.update.length === 0 && plan.remove.length === 0;
}
