/**
 * The per-field decision table of section 4.3 of docs/sync-semantics.md, and the conflict
 * settling of section 4.4: for one path the incoming rules wrote (not a collection), whether to
 * write the remote value, what both sides now agree on, and the conflict, if any.
 */
import type { EntityRef, FieldTimes, JsonValue } from '../../replica';
import { jsonEqual } from '../model/json-equal';
import type { BaselineEntry } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import { resolveConflict, type EffectiveConflictPolicy } from './resolve-conflict';
import { snapshotValueAt } from '../model/snapshot-view';
import type { ConflictPolicy } from '../model/sync-policy';
import { valueAtPath } from '../model/value-at-path';
import { writtenValueMatches } from './written-value-matches';
import { fieldTimesAt } from '../outgoing/field-times-at';
import type { Conflict, FieldWrite } from '../model/write-plan';
import type { Acknowledgement } from './read-acknowledgement';
import type { WritesByPath } from './run-incoming-rules';

/** What `newest-wins` compares (section 4.4). */
export interface ConflictTimes {
  /** The replica's per-field times (v2), or null for a v1 replica (entity-wide times). */
  remoteTimes: FieldTimes | null;
  /** Our own per-field times. */
  localTimes: FieldTimes;
  /** The replica paths each written path reads (by `pathKey`), or null when unknown. */
  reads: ReadonlyMap<string, string[][]> | null;
  /** `replica.updated`, the v1 remote time. */
  remoteUpdated: string | null;
  /** The remote entity, for the tie rule. */
  remote: EntityRef;
}

/** Everything one field's decision reads; shared by every field of an apply. */
export interface FieldDecisionContext {
  /** The local entity, null when the apply creates it. */
  local: LocalEntity | null;
  ack: Acknowledgement;
  /** The baseline by `pathKey`. */
  baseline: ReadonlyMap<string, BaselineEntry>;
  /** What the rules made of `previous` (`p`). */
  previousWrites: WritesByPath;
  /** This side's configured policy, and the one that settles (section 4.4). */
  policy: ConflictPolicy;
  settle: EffectiveConflictPolicy;
  times: ConflictTimes;
}

/** One field's outcome: write the remote value or not, the new baseline entry (if it changes), the conflict (if any). */
export interface FieldOutcome {
  write: boolean;
  agree: BaselineEntry | null;
  conflict: Conflict | null;
}

/** The decision table of section 4.3 for the path `key` the rules wrote `remote` to. */
export function decideField(
  ctx: FieldDecisionContext,
  key: string,
  path: string[],
  remote: JsonValue,
): FieldOutcome {
  const { ack } = ctx;
  const agreeRemote = { path, value: remote, sentSeq: ack.outgoingSeq };
  if (!ctx.local) return { write: true, agree: agreeRemote, conflict: null };
  const view = ctx.local.view;
  const entry = ctx.baseline.get(key);
  const echoed = echoedValue(ctx, entry, path, remote, view);
  const agreeEchoed = echoed === undefined ? null : { path, value: echoed, sentSeq: ack.acked };
  if (echoed !== undefined && writtenValueMatches(remote, echoed)) return keep(agreeEchoed);
  if (echoed === undefined && remoteUnchanged(ctx, key, entry, remote)) return keep(null);
  const current = valueAtPath(view, path);
  // Values of ours in replicas the remote had not seen when it built this one.
  const unseen = ack.unseen.map((s) => ({
    value: snapshotValueAt(s.view, path, [current, remote]),
    applied: s.applied as number | null,
  }));
  if (writtenValueMatches(remote, current)) {
    // Both sides reached the value. When ours came from a change the remote has not seen yet,
    // keep the older agreement: the remote will judge that change against it.
    const seen = echoed !== undefined ? echoed : entry?.value;
    const oursUnseen =
      seen !== undefined &&
      !jsonEqual(current, seen) &&
      unseen.some((item) => jsonEqual(item.value, current));
    return keep(oursUnseen ? agreeEchoed : { path, value: current, sentSeq: ack.outgoingSeq });
  }
  const base = echoed !== undefined ? echoed : entry?.value;
  if (base !== undefined && localChanged(ctx, entry, path, current, remote, base, unseen)) {
    const conflict = conflictAt(ctx, key, path, current, remote, base);
    // A local winner keeps the acknowledged value as the base: it is still the last one both
    // sides had, and the acknowledgement's snapshot is dropped with this apply.
    if (conflict.winner === 'local') return { write: false, agree: agreeEchoed, conflict };
    return { write: true, agree: agreeRemote, conflict };
  }
  return { write: true, agree: agreeRemote, conflict: null };
}

function keep(agree: BaselineEntry | null): FieldOutcome {
  return { write: false, agree, conflict: null };
}

/**
 * `echoed`: our acknowledged replica's value at the path, when the acknowledgement is newer news
 * than the agreement recorded for it (no entry, or one recorded before we sent that replica).
 */
export function echoedValue(
  ctx: FieldDecisionContext,
  entry: BaselineEntry | undefined,
  path: string[],
  remote: JsonValue,
  view: Record<string, JsonValue>,
): JsonValue | undefined {
  const { snapshot, acked } = ctx.ack;
  return snapshot && (!entry || entry.sentSeq < acked)
    ? snapshotValueAt(snapshot.view, path, [remote, valueAtPath(view, path)])
    : undefined;
}

/**
 * Whether the remote left the value as it was: equal to what the rules made of `previous`, or,
 * without that, matching the agreed value. (Not asked when the replica acknowledges a new one of
 * ours: a value other than ours shown then was changed after seeing ours.)
 */
export function remoteUnchanged(
  ctx: FieldDecisionContext,
  key: string,
  entry: BaselineEntry | undefined,
  remote: JsonValue,
): boolean {
  const before = ctx.previousWrites.get(key);
  return before
    ? jsonEqual(remote, before.value)
    : entry !== undefined && writtenValueMatches(remote, entry.value);
}

/**
 * Whether we changed the value: ours differs from the base, or the replicas of ours the remote had
 * not seen change it from one to the next (changed and changed back), each judged against the one
 * before; the first against what the remote last had of ours: the acknowledged snapshot, or an
 * agreement recorded no later than the acknowledged seq and before the first unseen was built.
 */
export function localChanged(
  ctx: FieldDecisionContext,
  entry: BaselineEntry | undefined,
  path: string[],
  current: JsonValue,
  remote: JsonValue,
  base: JsonValue,
  unseen: { value: JsonValue; applied: number | null }[],
): boolean {
  if (!jsonEqual(current, base)) return true;
  const { snapshot, acked, firstUnseenSeq } = ctx.ack;
  const seenBefore = snapshot
    ? snapshotValueAt(snapshot.view, path, [current, remote])
    : entry !== undefined && entry.sentSeq <= acked && entry.sentSeq < firstUnseenSeq
      ? entry.value
      : undefined;
  // A replica that acknowledges a newer seq of the remote's is judged by the remote against its
  // own value at that seq (an echo, section 4.3), not against our replica before it: no change.
  const chain =
    seenBefore === undefined
      ? unseen
      : [{ value: seenBefore, applied: snapshot ? snapshot.applied : null }, ...unseen];
  return chain.some((item, index) => {
    const before = chain[index - 1];
    return (
      before !== undefined &&
      (before.applied === null || (item.applied !== null && item.applied <= before.applied)) &&
      !jsonEqual(item.value, before.value)
    );
  });
}

/** The conflict at a path both sides changed, settled by the effective policy (section 4.4). */
export function conflictAt(
  ctx: FieldDecisionContext,
  key: string,
  path: string[],
  current: JsonValue,
  remote: JsonValue,
  base: JsonValue,
): Conflict {
  const { times, settle } = ctx;
  const local = ctx.local as LocalEntity;
  const at = times.remoteTimes
    ? fieldTimesAt(times.reads ? (times.reads.get(key) ?? []) : null, times.remoteTimes, times.localTimes)
    : { remote: times.remoteUpdated, local: local.modifiedAt };
  const winner = resolveConflict({
    policy: settle.policy,
    remoteUpdated: at.remote,
    localModifiedAt: at.local,
    remote: times.remote,
    local: local.ref,
  });
  return {
    path,
    local: current,
    remote,
    base,
    policy: ctx.policy,
    winner,
    ...(settle.reason === undefined ? {} : { resolvedBy: settle.policy, reason: settle.reason }),
  };
}

/**
 * The decision table over every written path that is not a collection, in write order: the
 * fields to write, the conflicts, and the baseline after (`baseline` is updated in place).
 */
export function decideFields(
  ctx: FieldDecisionContext & { baseline: Map<string, BaselineEntry> },
  writes: WritesByPath,
  isCollection: (path: readonly string[]) => boolean,
): { fields: FieldWrite[]; conflicts: Conflict[] } {
  const fields: FieldWrite[] = [];
  const conflicts: Conflict[] = [];
  for (const [key, write] of writes) {
    if (isCollection(write.path)) continue;
    const remote = write.value === undefined ? null : (write.value as JsonValue);
    const outcome = decideField(ctx, key, write.path, remote);
    if (outcome.conflict) conflicts.push(outcome.conflict);
    if (outcome.agree) ctx.baseline.set(key, outcome.agree);
    if (outcome.write) fields.push({ path: write.path, value: remote });
  }
  return { fields, conflicts };
}
