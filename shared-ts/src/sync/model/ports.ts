/**
 * The ports: everything the engine needs from a platform, as interfaces the adapters implement
 * (Forge: Jira REST + KVS; Salesforce: DML + custom objects; tests and the two-node harness:
 * in memory). The engine decides; the ports do the I/O. Ports return failures as values (a read
 * port answers `PortRead`: the value, or a `portFailure` keeping the HTTP status and Retry-After);
 * a port that throws is treated as an `unexpected` (transient) failure.
 */
import type { EntityRef, Replica } from '../../replica';
import type { Direction, RuleInputs, RuleResult, Side } from '../../rules/runtime/types';
import type { Link } from './link';
import type { LocalEntity } from './local-entity';
import type { QueueItem } from './queue-item';
import type { PortRead } from './port-read';
import type { SyncFailure } from './sync-failure';
import type { SyncLogEntry } from './sync-log-entry';
import type { SyncStatsCounters } from './sync-statistics';
import type { ApplyResult, WritePlan } from './write-plan';

/**
 * The answer of a conditional write (`LinkStore.save`, `WorkQueue.put`): stored, with the record's
 * new version; or refused because the stored version was no longer the one the caller read (a
 * concurrent operation wrote first: re-read and decide again).
 */
export type ConditionalWrite = { ok: true; version: number } | { ok: false; conflict: true };

/** Reads the local entity and carries out write plans on it. */
export interface EntityStore {
  /**
   * The entity as the rules see it, or null when it does not exist; or a failure value
   * (`portFailure`) when it could not be read, with the HTTP status and the server's Retry-After
   * when there was one, so the item waits at least that long (a rejection works too: `unexpected`).
   */
  read(ref: EntityRef): Promise<PortRead<LocalEntity | null>>;
  /**
   * Carries out a write plan as the integration identity: creates the entity when
   * `plan.target` is null, sets the fields, adds/updates/removes collection items. Updating or
   * removing an item that no longer exists is not an error.
   *
   * Adds are idempotent by remote id: when the entity already holds a copy of the remote item
   * `add.remoteId` that this store created (an earlier apply of the same plan wrote it, then the
   * process died before the link recorded it), the add creates nothing and reports that copy in
   * `created`, so a retried apply never duplicates a comment or an attachment. Forge: the Jira
   * comment/attachment carries the remote id in an entity property; Salesforce: an external-id
   * field on the copy (`Tandem_Remote_Id__c`), looked up before the insert.
   *
   * Creation is idempotent by remote entity the same way: with `plan.target` null and `source`
   * given, when this store already created an entity from `source` (an earlier or concurrent
   * apply of the same replica), it writes the plan to that entity instead of creating another.
   */
  apply(plan: WritePlan, source?: EntityRef): Promise<ApplyResult>;
}

/** Where links and the last applied replicas live. */
export interface LinkStore {
  /** The link of a local entity on a connection. */
  get(connectionId: string, local: EntityRef): Promise<Link | null>;
  /** The link whose remote entity is `remote` (matched by type and id). */
  findByRemote(connectionId: string, remote: EntityRef): Promise<Link | null>;
  /** The last replica applied on this link (`previous`), or null. */
  loadPrevious(link: Link): Promise<Replica | null>;
  /**
   * Stores the link, and with it the new `previous` when one is given (atomically where the
   * platform can), only if the stored link's version is still `link.version` (0 when there is none
   * yet: a new link has version 0). On success the stored version goes up by one and is returned;
   * otherwise nothing is written and the answer is a conflict. Forge: a conditional `transact()` of
   * the Custom Entity Store on the `version` attribute, or `UPDATE ... WHERE version = ?` in Forge
   * SQL (plain KVS `transact` has no conditions); Salesforce: `SELECT ... FOR UPDATE` and compare.
   */
  save(link: Link, previous?: Replica): Promise<ConditionalWrite>;
}

/** The outbox or the inbox: at most one item per key. */
export interface WorkQueue {
  get(key: string): Promise<QueueItem | null>;
  /**
   * Stores the item under its key, replacing whatever was there, only if the stored item's version
   * is still `item.version` (0 when the key is free: a new item has version 0). On success the
   * version goes up by one and is returned; otherwise nothing is written (a conflict).
   */
  put(item: QueueItem): Promise<ConditionalWrite>;
  /** Removes the item under `key` if its id is still `id` (a newer item stays). */
  remove(key: string, id: string): Promise<void>;
  /** A connection's pending items due at `now` (ISO-8601), earliest `nextAttemptAt` first, at most `limit`. */
  due(connectionId: string, now: string, limit: number): Promise<QueueItem[]>;
  /** Items in the error state on a connection. */
  errors(connectionId: string): Promise<QueueItem[]>;
  /** How many items of a connection are pending and in error. */
  depth(connectionId: string): Promise<{ pending: number; error: number }>;
}

/** The sync log. */
export interface SyncLog {
  append(entry: SyncLogEntry): Promise<void>;
}

/** Rolling per-connection counters. */
export interface StatsStore {
  get(connectionId: string): Promise<SyncStatsCounters | null>;
  put(connectionId: string, counters: SyncStatsCounters): Promise<void>;
}

/** Hands a queued message to the other side (Salesforce: signed POST; Forge: the rendezvous queue). */
export interface Transport {
  send(item: QueueItem): Promise<{ ok: true } | { ok: false; error: SyncFailure }>;
}

/** Time, in epoch milliseconds. Injected so tests and the harness control it. */
export interface Clock {
  now(): number;
}

/** Unique ids for queue items. */
export interface IdGenerator {
  next(): string;
}

/** A uniform random number in [0, 1), for retry jitter. */
export type RandomSource = () => number;

/** The rules runtime (`runRules` of shared-ts/src/rules), or a fake of it. */
export type RulesEngine = (
  script: string,
  side: Side,
  direction: Direction,
  inputs: RuleInputs,
) => RuleResult;

/** The replica content hash (`replicaContentHash` of shared-ts/src/replica). */
export type ReplicaHasher = (replica: Replica) => Promise<string>;
