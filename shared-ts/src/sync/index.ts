/**
 * The sync engine: links, three-way apply, collections by identity, echo suppression, outbox
 * and inbox with retries, unlink, status and statistics. Pure decisions (plan-*, commit-*,
 * build-*, resolve-*, describe-*, summarize-*) are separate from the operations that run them
 * over ports (sync-local-change, receive-message, process-inbox, deliver-outbox, ...), and
 * `createSyncEngine` binds the operations to one connection. See docs/sync-semantics.md.
 */

// Data
export {
  LINK_FORMAT,
  type BaselineEntry,
  type FieldStamp,
  type IdPair,
  type Link,
  type LinkState,
  type PreviousRun,
  MAX_PREVIOUS_RUN_CHARS,
  type SentSnapshot,
} from './link';
export type { LocalEntity } from './local-entity';
export type { ReplicaMessage, SyncMessage, UnlinkMessage } from './sync-message';
export type {
  ApplyOutcome,
  ApplyResult,
  CollectionPlan,
  Conflict,
  FieldWrite,
  WritePlan,
} from './write-plan';
export { QUEUE_ITEM_FORMAT, queueKey, type QueueItem, type QueueItemState } from './queue-item';
export {
  CONNECTION_FORMAT,
  migrateConnection,
  migrateLink,
  migrateQueueItem,
  migrateStoredReplica,
  replicaVersionFor,
  type LinkV1,
  type Migrated,
  type PeerSpeaks,
} from './migrate';
export { stampFields, type StampInput } from './stamp-fields';
export { fieldTimesAt } from './field-times-at';
export type { SyncLogEntry, SyncLogKind } from './sync-log-entry';
export type { ConnectionStatistics, SyncStatsCounters, SyncStatsDay } from './sync-statistics';
export { syncFailure, type SyncFailure, type SyncFailureCode } from './sync-failure';
export { CONFLICT_POLICIES, DEFAULT_SYNC_POLICY, type ConflictPolicy, type SyncPolicy } from './sync-policy';
export { DEFAULT_ENTITY_TYPES } from './default-entity-types';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

// Ports
export type {
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
  ConditionalWrite,
} from './ports';

// Pure decisions
export { createLink } from './create-link';
export {
  planIncomingApply,
  SYNCED_COLLECTIONS,
  type IncomingApplyInput,
  type IncomingDecision,
  type LinkDraft,
} from './plan-incoming-apply';
// The incoming apply's steps, in the order of docs/sync-semantics.md section 4
export { findIncomingPair } from './incoming/find-incoming-pair';
export { guardIncoming } from './incoming/guard-incoming';
export {
  lastWritePerPath,
  previousRunToKeep,
  reusablePreviousRun,
  ruleOutputProblem,
  rulesVersion,
  runRulesOnPrevious,
  runRulesOnReplica,
  withPreviousRun,
  type WritesByPath,
} from './incoming/run-incoming-rules';
export { readAcknowledgement, type Acknowledgement } from './incoming/read-acknowledgement';
export {
  conflictAt,
  decideField,
  decideFields,
  echoedValue,
  localChanged,
  remoteUnchanged,
  type ConflictTimes,
  type FieldDecisionContext,
  type FieldOutcome,
} from './incoming/decide-field';
export { isCollectionPath, planCollections, type CollectionPlans } from './incoming/plan-collections';
export { nextLink, type NextLinkInput } from './incoming/next-link';
export { settleAfterApply, type AfterApply } from './incoming/settle-after-apply';
export { logIncomingApply } from './incoming/log-incoming-apply';
export {
  planCollectionSync,
  type CollectionSyncInput,
  type CollectionSyncResult,
} from './plan-collection-sync';
export {
  effectiveConflictPolicy,
  resolveConflict,
  type ConflictFacts,
  type EffectiveConflictPolicy,
} from './resolve-conflict';
export { commitIncomingApply } from './commit-incoming-apply';
export { commitPartialApply, type PartialApply } from './commit-partial-apply';
export { isEmptyWritePlan } from './is-empty-write-plan';
export { buildValidOutgoingReplica } from './build-valid-outgoing-replica';
export { checkIncomingMessage } from './check-incoming-message';
export {
  buildOutgoingReplica,
  type OutgoingBuild,
  type OutgoingBuildInput,
  type ReplicaContent,
} from './build-outgoing-replica';
export { withoutEchoItems } from './without-echo-items';
export { planOutgoingSend, MAX_UNACKED_SNAPSHOTS, type OutgoingDecision } from './plan-outgoing-send';
export {
  planOutgoingAfterApply,
  type OutgoingAfterApply,
  type OutgoingAfterApplyInput,
} from './plan-outgoing-after-apply';
export { coalesceQueueItem } from './coalesce-queue-item';
export { classifyFailure, type FailureClass } from './classify-failure';
export { nextRetryDelay } from './next-retry-delay';
export { recordAttemptFailure } from './record-attempt-failure';
export { describeLinkStatus, type LinkStatus, type LinkStatusState } from './describe-link-status';
export { recordSyncEvent, STATS_WINDOW_DAYS, type SyncEvent } from './record-sync-event';
export { summarizeConnectionStatistics } from './summarize-connection-statistics';
export { jsonEqual } from './json-equal';
export { writtenValueMatches } from './written-value-matches';

// Operations over ports
export type { SyncConfig, SyncContext, SyncDeps } from './sync-context';
export type { IncomingResult } from './incoming-result';
export type { QueueRunSummary } from './queue-run-summary';
export type { QueueName } from './queue-name';
export { syncLocalChange, type LocalChangeResult } from './sync-local-change';
export { receiveMessage } from './receive-message';
export { processInbox } from './process-inbox';
export { applyIncomingReplica } from './apply-incoming-replica';
export { applyIncomingUnlink } from './apply-incoming-unlink';
export {
  commitOutboxDelivery,
  deliverOutbox,
  planOutboxDelivery,
  type OutboxDelivery,
  type OutboxDeliveryPlan,
} from './deliver-outbox';
export { hasRoom, itemBytes, utf8Length, type RunBudget } from './run-budget';
export { MAX_WRITE_TRIES } from './conditional-write';
export {
  describeTrim,
  fitReplicaBudget,
  REPLICA_BUDGET_BYTES,
  type BudgetedReplica,
  type ReplicaTrim,
} from './replica-budget';
export {
  decodeStored,
  encodeStored,
  STORED_CHUNK_MAX_BYTES,
  STORED_CHUNK_MAX_UNITS,
  STORED_HEADER_LENGTH,
  STORED_MAX_CHUNKS,
  type DecodeStoredResult,
  type EncodeStoredResult,
  type StoredCodecError,
  type StoredCodecErrorCode,
} from './storage-codec';
export { linkExisting, type LinkExistingRefusal, type LinkExistingResult } from './link-existing';
export { unlinkEntity, type UnlinkResult } from './unlink-entity';
export { retryQueueItem, type RetryResult } from './retry-queue-item';
export { discardQueueItem, type DiscardResult } from './discard-queue-item';
export { listSyncErrors, type SyncErrorItem } from './list-sync-errors';
export { readLinkStatus } from './read-link-status';
export { readConnectionStatistics } from './read-connection-statistics';
export { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './create-sync-engine';

// The rendezvous: the initiator's endpoint and the calling side's client
export * from './rendezvous';

// Attachments through the rendezvous: plan, cut, assemble, idempotence key, ports, queue items
export * from './attachments';
