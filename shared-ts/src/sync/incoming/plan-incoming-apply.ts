import type { EntityRef, FieldTimes, JsonValue, Replica } from '../../replica';
import type { IrDependencies } from '../../rules/runtime/ir-dependencies';
import type { Side } from '../../rules/runtime/types';
import { timesOfStamps, readsByWrittenPath } from '../outgoing/field-times-at';
import { decideFields, type ConflictTimes } from './decide-field';
import { guardIncoming } from './guard-incoming';
import { nextLink } from './next-link';
import { isCollectionPath, planCollections } from './plan-collections';
import { readAcknowledgement } from './read-acknowledgement';
import { previousRunToKeep, runRulesOnPrevious, runRulesOnReplica } from './run-incoming-rules';
import type { BaselineEntry, Link, PreviousRun } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import { byPath, pathKey } from '../model/path-key';
import type { RulesEngine } from '../model/ports';
import { effectiveConflictPolicy } from './resolve-conflict';
import type { SyncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';
import type { SyncPolicy } from '../model/sync-policy';
import type { Conflict, WritePlan } from '../model/write-plan';

export { SYNCED_COLLECTIONS } from './plan-collections';

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
  /**
   * The incoming rules: the script the `runRules` port runs, and what the compiler found it
   * depends on (`SyncRules.incomingDependencies`; absent: unknown).
   */
  rules: { side: Side; script: string; dependencies?: IrDependencies };
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
  | {
      kind: 'apply';
      firstSync: boolean;
      plan: WritePlan;
      conflicts: Conflict[];
      next: LinkDraft;
      /** The run on this replica, to keep on the link for the next apply (`withPreviousRun`); absent when not kept. */
      previousRun?: PreviousRun;
    };

/**
 * Decides the three-way apply of an incoming replica, step by step as docs/sync-semantics.md
 * section 4 describes it: the guards drop it when its seq is not newer than the last applied (or
 * the pair is unlinked) and fail it when the link does not match (`guardIncoming`, 4.1); the
 * incoming rules run on the replica and on `previous` (`runRulesOnReplica`, `runRulesOnPrevious`,
 * 4.2); the acknowledgement is read (`readAcknowledgement`); each written field is decided
 * (`decideFields`, 4.3 and 4.4): a field the local side changed too since the two sides last
 * agreed is a conflict, settled by the policy, and a value the remote merely shows back from our
 * own acknowledged replica is an echo, not a change; collections are kept in step by identity
 * (`planCollections`, 4.5); the next link is drafted (`nextLink`). First sync writes everything.
 */
export function planIncomingApply(input: IncomingApplyInput): IncomingDecision {
  const { link, previous, local, message } = input;
  const replica = message.replica;
  const guarded = guardIncoming(link, local, message);
  if (guarded) return guarded;
  const run = runRulesOnReplica(input);
  if (!run.ok) return { kind: 'fail', error: run.error };
  const previousWrites = runRulesOnPrevious(input);
  const ack = readAcknowledgement(link, message);
  const baseline = new Map<string, BaselineEntry>();
  for (const entry of link?.incoming.baseline ?? []) baseline.set(pathKey(entry.path), entry);
  const { fields, conflicts } = decideFields(
    {
      local,
      ack,
      baseline,
      previousWrites,
      policy: input.policy.conflict,
      // Both sides remote-wins (or both local-wins) agree on no winner: settle such conflicts by newest-wins.
      settle: effectiveConflictPolicy(input.policy.conflict, message.policy),
      times: conflictTimes(input),
    },
    run.writes,
    isCollectionPath,
  );
  const planned = planCollections(link, message, input.policy, run.writes, previousWrites);
  if (!planned.ok) return { kind: 'fail', error: planned.error };
  const { collections } = planned;
  const kept = previousRunToKeep(input, run.writes);
  return {
    kind: 'apply',
    firstSync: previous === null,
    plan: {
      target: local?.ref ?? null,
      fields: byPath(fields),
      comments: collections.comments.plan,
      attachments: collections.attachments.plan,
    },
    conflicts: byPath(conflicts),
    next: nextLink({
      connectionId: input.connectionId,
      link,
      localRef: local?.ref ?? null,
      remote: replica.entity,
      seq: replica.seq,
      ack,
      baseline: baseline.values(),
      collections,
      now: input.now,
    }),
    ...(kept ? { previousRun: kept } : {}),
  };
}

/**
 * What `newest-wins` compares (section 4.4). A v2 replica says when each field changed: compare
 * those, per field. A v1 sender compares entity-wide times on its side, so the same is done here
 * for its replicas.
 */
function conflictTimes(input: IncomingApplyInput): ConflictTimes {
  const replica = input.message.replica;
  const remoteTimes = replica.schema === 2 ? (replica.fieldTimes ?? {}) : null;
  return {
    remoteTimes,
    localTimes: input.localFieldTimes ?? timesOfStamps(input.link?.outgoing.fields),
    reads: remoteTimes ? readsByWrittenPath(input.rules.dependencies) : null,
    remoteUpdated: replica.updated,
    remote: replica.entity,
  };
}
