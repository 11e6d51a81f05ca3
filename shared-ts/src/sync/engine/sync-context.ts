/**
 * What every engine operation runs with: the connection's configuration and the ports. Built
 * once per connection by `createSyncEngine`; the operations take it as their first argument so
 * that each can be tested alone.
 */
import { createMessageIdGenerator, type MessageIdGenerator } from '../../protocol';
import type { EntityRef, JsonValue } from '../../replica';
import type { IrDependencies } from '../../rules/runtime/ir-dependencies';
import type { Side } from '../../rules/runtime/types';
import type {
  Clock,
  EntityStore,
  IdGenerator,
  LinkStore,
  RandomSource,
  ReplicaHasher,
  RulesEngine,
  StatsStore,
  SyncLog,
  Transport,
  WorkQueue,
} from '../model/ports';
import type { ReceivingAttachmentPorts } from '../attachments/attachment-ports';
import type { RetryPolicy } from '../queue/retry-policy';
import { recordSyncEvent, type SyncEvent } from '../status/record-sync-event';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { SyncLogKind } from '../model/sync-log-entry';
import type { SyncPolicy } from '../model/sync-policy';

/** One connection, as this side runs it. */
/**
 * The rules of a connection: the two scripts as text (the `RulesEngine` port runs them), and what
 * the compiler found the incoming one depends on (`compile(incoming, side, 'incoming')`'s
 * `ir.dependencies`, docs/ir.md): which replica fields each written path reads, for `newest-wins`
 * (docs/sync-semantics.md 4.4) and the snapshots (section 1), and which inputs it reads, for
 * keeping its writes for the next apply (4.2). The engine never parses a script. Without
 * `incomingDependencies` a conflict compares every field's time, a snapshot keeps every field and
 * the rules run on `previous` at each apply.
 */
export interface SyncRules {
  incoming: string;
  outgoing: string;
  incomingDependencies?: IrDependencies;
}

export interface SyncConfig {
  connectionId: string;
  /**
   * Which platform's rule dialect this side runs (`issue` or `entity`). It is also the platform
   * of this side's entities (`jira`, `salesforce`): a message from an entity on it is refused.
   */
  side: Side;
  /** The entity types this side syncs (`issue`; `Case`): a message naming another as its target is refused. */
  entityTypes: readonly string[];
  rules: SyncRules;
  policy: SyncPolicy;
  retry: RetryPolicy;
  /** Connection facts the rules may read as `connection`. */
  connection: Record<string, JsonValue>;
  /** Items taken from a queue per run. */
  batchSize: number;
  /**
   * Whether an outbox run records each item's offer (a compare-and-set write) before it sends it
   * (default true), so that a person's edit replacing the item meanwhile keeps the snapshot of
   * the content on its way (docs/sync-semantics.md, 6.1). Apex sets false: no DML may precede a
   * callout there, and its delivering transaction holds the outbox rows `FOR UPDATE` from before
   * the callout, so no edit can replace an item in between.
   */
  offerBeforeSend?: boolean;
  /**
   * Whether attachments' bytes travel (both sides speak `attachments-v1` and this side has the
   * attachment ports). When false, attachments sync as metadata only and the status says so.
   */
  attachmentTransfer: boolean;
}

/** The ports and injected functions an engine runs on. */
export interface SyncDeps {
  entities: EntityStore;
  links: LinkStore;
  outbox: WorkQueue;
  inbox: WorkQueue;
  log: SyncLog;
  stats: StatsStore;
  /**
   * How this node sends its outbox. Absent on the node that serves the rendezvous (Jira): its
   * peer pulls the outbox (`pull` -> `batch`), so `deliverOutbox` takes nothing and leaves every
   * item due for the next pull (a send that could only fail would push the items' next attempt
   * past the pulls).
   */
  transport?: Transport;
  clock: Clock;
  ids: IdGenerator;
  random: RandomSource;
  runRules: RulesEngine;
  /** Must not depend on `seq` or `hash` (the engine hashes before it numbers). */
  hashReplica: ReplicaHasher;
  /**
   * Message ids (ULIDs) for queued content (`QueueItem.messageId`). Optional: without it, a
   * generator on `clock` and crypto random bytes is used (tests and the harness pass a seeded one).
   */
  messageIds?: MessageIdGenerator;
  /**
   * The receiving side's attachment ports (a queue item per attachment, the chunks in progress,
   * the local files). Optional: without them attachments sync as metadata only.
   */
  attachments?: ReceivingAttachmentPorts;
}

/** Configuration plus ports. */
export interface SyncContext {
  config: SyncConfig;
  deps: SyncDeps;
}

const defaultMessageIds = new WeakMap<SyncDeps, MessageIdGenerator>();

/** A new message id (ULID) for queued content: from `deps.messageIds`, or a generator on the deps' clock. */
export function nextMessageId(ctx: SyncContext): string {
  const { deps } = ctx;
  if (deps.messageIds) return deps.messageIds();
  let generator = defaultMessageIds.get(deps);
  if (!generator) {
    generator = createMessageIdGenerator({ clock: deps.clock });
    defaultMessageIds.set(deps, generator);
  }
  return generator();
}

/** The current instant, ISO-8601. */
export function isoNow(ctx: SyncContext): string {
  return new Date(ctx.deps.clock.now()).toISOString();
}

/** Appends a sync log entry stamped now. */
export async function appendLog(
  ctx: SyncContext,
  kind: SyncLogKind,
  refs: { local?: EntityRef | null; remote?: EntityRef | null },
  message: string,
  details?: JsonValue,
): Promise<void> {
  await ctx.deps.log.append({
    at: isoNow(ctx),
    connectionId: ctx.config.connectionId,
    kind,
    local: refs.local ?? null,
    remote: refs.remote ?? null,
    message,
    ...(details === undefined ? {} : { details }),
  });
}

/** Counts a success or an error in the connection's rolling statistics. */
export async function countSyncEvent(ctx: SyncContext, event: Omit<SyncEvent, 'at'>): Promise<void> {
  const counters = await ctx.deps.stats.get(ctx.config.connectionId);
  await ctx.deps.stats.put(ctx.config.connectionId, recordSyncEvent(counters, { ...event, at: isoNow(ctx) }));
}

/** A throw from a port, as a failure value (transient: the next attempt may succeed). */
export function unexpectedFailure(error: unknown): SyncFailure {
  return syncFailure('unexpected', error instanceof Error ? error.message : String(error));
}
