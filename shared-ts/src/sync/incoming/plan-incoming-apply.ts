import {
  MAX_REPLICA_DEPTH,
  MAX_REPLICA_VALUES,
  type EntityRef,
  type FieldTimes,
  type JsonValue,
  type Replica,
} from '../../replica';
import { inspectJson } from '../../util/inspect-json';
import type { EntityWrite, RuleInputs, Side } from '../../rules/runtime/types';
import { jsonEqual } from '../model/json-equal';
import { LINK_FORMAT, type BaselineEntry, type IdPair, type Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import { byPath, pathKey } from '../model/path-key';
import { planCollectionSync } from './plan-collection-sync';
import { leftOutOf } from '../outgoing/replica-budget';
import { describeRef, sameEntity } from '../model/entity-ref';
import type { RulesEngine } from '../model/ports';
import { effectiveConflictPolicy, resolveConflict } from './resolve-conflict';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';
import type { SyncPolicy } from '../model/sync-policy';
import { snapshotValueAt } from '../model/snapshot-view';
import { valueAtPath } from '../model/value-at-path';
import { writtenValueMatches } from './written-value-matches';
import { fieldTimesAt, readsByWrittenPath, timesOfStamps } from '../outgoing/field-times-at';
import type { CollectionPlan, Conflict, FieldWrite, WritePlan } from '../model/write-plan';

/** The collections kept in step by identity: a rule write to exactly this path means "keep in step". */
export const SYNCED_COLLECTIONS = ['comments', 'attachments'] as const;

/** Everything the planner weighs. It reads no clock and does no I/O. */
export interface IncomingApplyInput {
  connectionId: string;
  /** The link before the apply; null on first contact with this remote entity. */
  link: Link | null;
  /** The last replica applied on the link (null on first sync). */
  previous: Replica | null;
  /** The local entity now; null when the apply is to create it. */
  local: LocalEntity | null;
  message: ReplicaMessage;
  rules: { side: Side; script: string };
  runRules: RulesEngine;
  policy: SyncPolicy;
  /** Connection facts the rules may read. */
  connection?: Record<string, JsonValue>;
  /** ISO-8601 instant: `date.now()` in the rules and the link's `lastSyncAt`. */
  now: string;
  /**
   * When each field of our own replica last changed, as our build before this apply found them
   * (`Replica.fieldTimes`); default: the times of the link's stamps (`link.outgoing.fields`).
   */
  localFieldTimes?: FieldTimes;
}

/** The link after a successful apply, before the entity store has said which ids it created. */
export interface LinkDraft extends Omit<Link, 'local' | 'version'> {
  /** Null when the apply creates the local entity. */
  local: EntityRef | null;
}

/** What to do with an incoming replica. */
export type IncomingDecision =
  | { kind: 'drop'; reason: 'stale' | 'unlinked'; message: string }
  | { kind: 'fail'; error: SyncFailure }
  | { kind: 'apply'; firstSync: boolean; plan: WritePlan; conflicts: Conflict[]; next: LinkDraft };

/**
 * Decides the three-way apply of an incoming replica: drops it when its seq is not newer than
 * the last applied (or the pair is unlinked); otherwise runs the incoming rules on the replica
 * and on `previous`, and plans only the fields whose computed value changed. A field the local
 * side changed too since the two sides last agreed is a conflict, settled by the policy (by
 * `newest-wins` when the sender's policy is the same `remote-wins` or `local-wins`). A value
 * the remote merely shows back from our own acknowledged replica is an echo, not a change.
 * Collections are kept in step by identity. First sync (no previous) writes everything.
 */
export function planIncomingApply(input: IncomingApplyInput): IncomingDecision {
  const { link, previous, local, message } = input;
  const replica = message.replica;
  const remoteLabel = describeRef(replica.entity);
  if (link?.state === 'unlinked') {
    return {
      kind: 'drop',
      reason: 'unlinked',
      message: `Dropped replica seq ${replica.seq} of ${remoteLabel}: the pair is unlinked.`,
    };
  }
  if (link && replica.seq <= link.incoming.seq) {
    return {
      kind: 'drop',
      reason: 'stale',
      message: `Dropped replica seq ${replica.seq} of ${remoteLabel}: seq ${link.incoming.seq} is already applied.`,
    };
  }
  if (link && !local) {
    return fail(
      'local-missing',
      `${describeRef(link.local)} no longer exists; restore it, or unlink it from ${remoteLabel}.`,
    );
  }
  if (link?.remote && !sameEntity(link.remote, replica.entity)) {
    return fail(
      'link-mismatch',
      `${describeRef(link.local)} is linked to ${describeRef(link.remote)}, not to ${remoteLabel}; unlink one of them first.`,
    );
  }
  if (link && message.target && !sameEntity(link.local, message.target)) {
    return fail(
      'link-mismatch',
      `${remoteLabel} is linked here to ${describeRef(link.local)}, but its replica names ${describeRef(message.target)}; nothing was written to either. Unlink the pair on one side, then sync again.`,
    );
  }

  const view = local?.view ?? {};
  const firstSync = previous === null;
  const common: Omit<RuleInputs, 'replica' | 'previous' | 'firstSync'> = { entity: view, now: input.now };
  if (input.connection) common.connection = input.connection;
  const run = input.runRules(input.rules.script, input.rules.side, 'incoming', {
    ...common,
    replica: asRecord(replica),
    previous: previous ? asRecord(previous) : null,
    firstSync,
  });
  if (!run.ok) {
    const { line, column, code, message: text } = run.error;
    return fail(
      'rule-error',
      `The incoming rules failed at line ${line}, column ${column}: ${text} (${code}).`,
    );
  }
  const outputProblem = ruleOutputProblem(run.writes);
  if (outputProblem) return fail('rule-output', outputProblem);
  const writes = lastWritePerPath(run.writes);
  let previousWrites = new Map<string, EntityWrite>();
  if (previous) {
    const before = input.runRules(input.rules.script, input.rules.side, 'incoming', {
      ...common,
      replica: asRecord(previous),
      previous: asRecord(previous),
      firstSync: false,
    });
    // Rules that fail on the old replica (say, edited since), or write there what no replica may
    // hold, tell us nothing about it: fall back to the baseline.
    if (before.ok && ruleOutputProblem(before.writes) === null)
      previousWrites = lastWritePerPath(before.writes);
  }

  const outgoingSeq = link?.outgoing.seq ?? 0;
  const priorAcked = link?.incoming.acked ?? 0;
  // An acknowledgement of a seq we never sent tells us nothing.
  const acked = message.applied <= outgoingSeq ? Math.max(priorAcked, message.applied) : priorAcked;
  const snapshot = acked > priorAcked ? link?.outgoing.unacked.find((s) => s.seq === acked) : undefined;
  const baseline = new Map<string, BaselineEntry>();
  for (const entry of link?.incoming.baseline ?? []) baseline.set(pathKey(entry.path), entry);

  // Both sides remote-wins (or both local-wins) agree on no winner: settle such conflicts by newest-wins.
  const settle = effectiveConflictPolicy(input.policy.conflict, message.policy);
  // A v2 replica says when each field changed: newest-wins compares those, per field. A v1 sender
  // compares entity-wide times on its side, so the same is done here for its replicas.
  const remoteTimes = replica.schema === 2 ? (replica.fieldTimes ?? {}) : null;
  const localTimes = input.localFieldTimes ?? timesOfStamps(link?.outgoing.fields);
  const reads = remoteTimes ? readsByWrittenPath(input.rules.script, input.rules.side) : null;
  // Replicas of ours that reached the remote after the one it acknowledges here: it built this one
  // without them, and will judge them when it applies them. One still waiting in our outbox is
  // not among them: the apply brings it up to date (refresh-pending-replica.ts).
  const delivered = link?.outgoing.delivered ?? 0;
  const unackedAfter = (link?.outgoing.unacked ?? []).filter((s) => s.seq > acked && s.seq <= delivered);
  const firstUnseenSeq = unackedAfter[0]?.seq ?? Infinity;
  const fields: FieldWrite[] = [];
  const conflicts: Conflict[] = [];
  for (const [key, write] of writes) {
    if (isCollectionPath(write.path)) continue;
    const path = write.path;
    const remote = toJson(write.value);
    if (!local) {
      fields.push({ path, value: remote });
      baseline.set(key, { path, value: remote, sentSeq: outgoingSeq });
      continue;
    }
    const entry = baseline.get(key);
    // Our replica `acked` is newer news than an agreement recorded before we sent it.
    const echoed =
      snapshot && (!entry || entry.sentSeq < acked)
        ? snapshotValueAt(snapshot.view, path, [remote, valueAtPath(view, path)])
        : undefined;
    if (echoed !== undefined && writtenValueMatches(remote, echoed)) {
      baseline.set(key, { path, value: echoed, sentSeq: acked });
      continue;
    }
    // Did the remote change it? When it had applied our replica `acked` and now shows something
    // else, yes: it changed the value after seeing ours (even back to what `previous` held).
    // Otherwise against what the rules made of previous, or else against the agreed value.
    const before = previousWrites.get(key);
    if (
      echoed === undefined &&
      (before
        ? jsonEqual(remote, before.value)
        : entry !== undefined && writtenValueMatches(remote, entry.value))
    ) {
      continue;
    }
    const current = valueAtPath(view, path);
    // Values of ours in replicas the remote had not seen when it built this one.
    const unseenWithAck = unackedAfter.map((s) => ({
      value: snapshotValueAt(s.view, path, [current, remote]),
      applied: s.applied as number | null,
    }));
    const unseen = unseenWithAck.map((item) => item.value);
    // The acknowledged snapshot carried a known `applied`; an agreement's is not recorded.
    const seenApplied: number | null = snapshot ? snapshot.applied : null;
    if (writtenValueMatches(remote, current)) {
      // Both sides reached the value. When ours came from a change the remote has not seen yet,
      // keep the older agreement: the remote will judge that change against it.
      const seen = echoed !== undefined ? echoed : entry?.value;
      const oursUnseen =
        seen !== undefined && !jsonEqual(current, seen) && unseen.some((value) => jsonEqual(value, current));
      if (!oursUnseen) baseline.set(key, { path, value: current, sentSeq: outgoingSeq });
      else if (echoed !== undefined) baseline.set(key, { path, value: echoed, sentSeq: acked });
      continue;
    }
    const base = echoed !== undefined ? echoed : entry?.value;
    // We changed it when our value differs from the base, or when the replicas of ours the remote
    // had not seen change it from one to the next (changed and changed back): the remote will judge
    // each against the one before. The first is judged against what the remote last had of ours:
    // the acknowledged snapshot, or an agreement recorded no later than the acknowledged seq and
    // before the first of them was built.
    const seenBefore = snapshot
      ? snapshotValueAt(snapshot.view, path, [current, remote])
      : entry !== undefined && entry.sentSeq <= acked && entry.sentSeq < firstUnseenSeq
        ? entry.value
        : undefined;
    // A replica that acknowledges a newer seq of the remote's is judged by the remote against its
    // own value at that seq (an echo, section 4.3), not against our replica before it: no change.
    const chain =
      seenBefore === undefined
        ? unseenWithAck
        : [{ value: seenBefore, applied: seenApplied }, ...unseenWithAck];
    const changedUnseen = chain.some((item, index) => {
      const before = chain[index - 1];
      return (
        before !== undefined &&
        (before.applied === null || (item.applied !== null && item.applied <= before.applied)) &&
        !jsonEqual(item.value, before.value)
      );
    });
    const weChanged = base !== undefined && (!jsonEqual(current, base) || changedUnseen);
    if (weChanged) {
      const times = remoteTimes
        ? fieldTimesAt(reads ? (reads.get(key) ?? []) : null, remoteTimes, localTimes)
        : { remote: replica.updated, local: local.modifiedAt };
      const winner = resolveConflict({
        policy: settle.policy,
        remoteUpdated: times.remote,
        localModifiedAt: times.local,
        remote: replica.entity,
        local: local.ref,
      });
      conflicts.push({
        path,
        local: current,
        remote,
        base,
        policy: input.policy.conflict,
        winner,
        ...(settle.reason === undefined ? {} : { resolvedBy: settle.policy, reason: settle.reason }),
      });
      if (winner === 'local') {
        // The acknowledged value is still the last one both sides had: keep it as the base, for
        // the acknowledgement's snapshot is dropped with this apply, and a later remote change
        // made without seeing ours must still meet our value as a conflict.
        if (echoed !== undefined) baseline.set(key, { path, value: echoed, sentSeq: acked });
        continue;
      }
    }
    fields.push({ path, value: remote });
    baseline.set(key, { path, value: remote, sentSeq: outgoingSeq });
  }

  const collections: Record<(typeof SYNCED_COLLECTIONS)[number], { plan: CollectionPlan; pairs: IdPair[] }> =
    {
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
      propagateDeletes: input.policy.deletes[name] && !leftOutOf(message, name),
    });
    if (!result.ok) return { kind: 'fail', error: result.error };
    collections[name] = result;
  }

  return {
    kind: 'apply',
    firstSync,
    plan: {
      target: local?.ref ?? null,
      fields: byPath(fields),
      comments: collections.comments.plan,
      attachments: collections.attachments.plan,
    },
    conflicts: byPath(conflicts),
    next: {
      format: LINK_FORMAT,
      connectionId: input.connectionId,
      local: local?.ref ?? link?.local ?? null,
      remote: replica.entity,
      state: 'active',
      incoming: { seq: replica.seq, acked, baseline: byPath([...baseline.values()]) },
      outgoing: {
        seq: outgoingSeq,
        lastSentHash: link?.outgoing.lastSentHash ?? null,
        unacked: (link?.outgoing.unacked ?? []).filter((s) => s.seq > acked),
        // What the remote acknowledges has reached it.
        delivered: Math.max(link?.outgoing.delivered ?? 0, acked),
        fields: link?.outgoing.fields ?? {},
      },
      comments: collections.comments.pairs,
      attachments: collections.attachments.pairs,
      lastSyncAt: input.now,
    },
  };
}

/**
 * Why what the incoming rules wrote cannot be applied, or null: every value is checked, without
 * recursing, to nest and weigh no more than a replica may (`MAX_REPLICA_DEPTH`,
 * `MAX_REPLICA_VALUES`, all writes together) and to hold nothing JSON cannot (a cycle), before
 * the planner compares values by walking them.
 */
function ruleOutputProblem(writes: readonly EntityWrite[]): string | null {
  const [problem] = inspectJson(
    writes.map((write) => write.value),
    { maxDepth: MAX_REPLICA_DEPTH + 1, maxValues: MAX_REPLICA_VALUES, allowUndefined: true },
  );
  if (!problem) return null;
  const [, index = '', ...inside] = problem.path.split('/');
  const where = `${writes[Number(index)]?.path.join('.') ?? ''}${inside.length > 0 ? ` (at /${inside.join('/')})` : ''}`;
  const what =
    problem.kind === 'depth'
      ? `a value nested more than ${MAX_REPLICA_DEPTH} levels deep`
      : problem.kind === 'size'
        ? `values of more than ${MAX_REPLICA_VALUES} parts in all`
        : `a value JSON cannot hold (${problem.message})`;
  return `The incoming rules wrote ${what} to ${where}, which cannot be applied; fix the incoming rules, then retry.`;
}

/** Last write per path wins, at the position of the path's first write (the rules contract). */
function lastWritePerPath(writes: EntityWrite[]): Map<string, EntityWrite> {
  const byPath = new Map<string, EntityWrite>();
  for (const write of writes) byPath.set(pathKey(write.path), write);
  return byPath;
}

function isCollectionPath(path: string[]): boolean {
  return path.length === 1 && (path[0] === 'comments' || path[0] === 'attachments');
}

function emptyCollectionPlan(): CollectionPlan {
  return { add: [], update: [], remove: [] };
}

function toJson(value: unknown): JsonValue {
  return value === undefined ? null : (value as JsonValue);
}

function asRecord(replica: Replica): Record<string, unknown> {
  return replica as unknown as Record<string, unknown>;
}

function fail(code: SyncFailure['code'], message: string): IncomingDecision {
  return { kind: 'fail', error: syncFailure(code, message) };
}
