/**
 * The sync engine: links, three-way apply, collections by identity, echo suppression, outbox
 * and inbox with retries, unlink, status and statistics, in folders by stage:
 * `model/` (the data and the ports), `outgoing/` (local change -> replica -> outbox),
 * `incoming/` (message -> checked replica -> planned and committed apply), `queue/` (queue items,
 * retries, budgets), `status/` (what a record or connection shows), `links/` (create, link an
 * existing pair, unlink) and `engine/` (`createSyncEngine` binds the operations to one connection).
 * Pure decisions (plan-*, commit-*, build-*, resolve-*, describe-*, summarize-*) are separate from
 * the operations that run them over ports. See docs/sync-semantics.md.
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
} from './model/link';
export type { LocalEntity } from './model/local-entity';
export type { ReplicaMessage, SyncMessage, UnlinkMessage } from './model/sync-message';
export type {
  ApplyOutcome,
  ApplyResult,
  CollectionPlan,
  Conflict,
  FieldWrite,
  WritePlan,
} from './model/write-plan';
export { QUEUE_ITEM_FORMAT, queueKey, type QueueItem, type QueueItemState } from './model/queue-item';
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
} from './model/migrate';
export { stampFields, type StampInput } from './outgoing/stamp-fields';
export { fieldTimesAt } from './outgoing/field-times-at';
export type { SyncLogEntry, SyncLogKind } from './model/sync-log-entry';
export type { ConnectionStatistics, SyncStatsCounters, SyncStatsDay } from './model/sync-statistics';
export { syncFailure, type SyncFailure, type SyncFailureCode } from './model/sync-failure';
export { isPortFailure, portFailure, type PortFailure, type PortRead } from './model/port-read';
export {
  CONFLICT_POLICIES,
  DEFAULT_SYNC_POLICY,
  type ConflictPolicy,
  type SyncPolicy,
} from './model/sync-policy';
export { DEFAULT_ENTITY_TYPES } from './model/default-entity-types';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './queue/retry-policy';

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
} from './model/ports';

// Pure decisions
export { createLink } from './links/create-link';
export {
  planIncomingApply,
  SYNCED_COLLECTIONS,
  type IncomingApplyInput,
  type IncomingDecision,
  type LinkDraft,
} from './incoming/plan-incoming-apply';
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
} from './incoming/plan-collection-sync';
export {
  effectiveConflictPolicy,
  resolveConflict,
  type ConflictFacts,
  type EffectiveConflictPolicy,
} from './incoming/resolve-conflict';
export { commitIncomingApply } from './incoming/commit-incoming-apply';
export { commitPartialApply, type PartialApply } from './incoming/commit-partial-apply';
export { isEmptyWritePlan } from './model/write-plan';
export { buildValidOutgoingReplica } from './outgoing/build-valid-outgoing-replica';
export { checkIncomingMessage } from './incoming/check-incoming-message';
export {
  buildOutgoingReplica,
  type OutgoingBuild,
  type OutgoingBuildInput,
  type ReplicaContent,
} from './outgoing/build-outgoing-replica';
export { withoutEchoItems } from './outgoing/without-echo-items';
export {
  planOutgoingSend,
  MAX_UNACKED_SNAPSHOTS,
  type OutgoingDecision,
} from './outgoing/plan-outgoing-send';
export {
  planOutgoingAfterApply,
  type OutgoingAfterApply,
  type OutgoingAfterApplyInput,
} from './outgoing/plan-outgoing-after-apply';
export { coalesceQueueItem } from './queue/coalesce-queue-item';
export { classifyFailure, type FailureClass } from './queue/classify-failure';
export { nextRetryDelay } from './queue/next-retry-delay';
export { recordAttemptFailure } from './queue/record-attempt-failure';
export { describeLinkStatus, type LinkStatus, type LinkStatusState } from './status/describe-link-status';
export { recordSyncEvent, STATS_WINDOW_DAYS, type SyncEvent } from './status/record-sync-event';
export { summarizeConnectionStatistics } from './status/summarize-connection-statistics';
export { jsonEqual } from './model/json-equal';
export { writtenValueMatches } from './incoming/written-value-matches';

// Operations over ports
export type { SyncConfig, SyncContext, SyncDeps } from './engine/sync-context';
export type { IncomingResult } from './model/incoming-result';
export type { QueueRunSummary } from './queue/queue-run-summary';
export type { QueueName } from './queue/queue-name';
export { syncLocalChange, type LocalChangeResult } from './outgoing/sync-local-change';
export { receiveMessage } from './incoming/receive-message';
export { processInbox } from './incoming/process-inbox';
export { applyIncomingReplica } from './incoming/apply-incoming-replica';
export { applyIncomingUnlink } from './incoming/apply-incoming-unlink';
export {
  commitOutboxDelivery,
  deliverOutbox,
  planOutboxDelivery,
  type OutboxDelivery,
  type OutboxDeliveryPlan,
} from './outgoing/deliver-outbox';
export { hasRoom, itemBytes, utf8Length, type RunBudget } from './queue/run-budget';
export { MAX_WRITE_TRIES } from './model/conditional-write';
export {
  describeTrim,
  fitReplicaBudget,
  REPLICA_BUDGET_BYTES,
  type BudgetedReplica,
  type ReplicaTrim,
} from './outgoing/replica-budget';
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
} from './model/storage-codec';
export { linkExisting, type LinkExistingRefusal, type LinkExistingResult } from './links/link-existing';
export { unlinkEntity, type UnlinkResult } from './links/unlink-entity';
export { retryQueueItem, type RetryResult } from './queue/retry-queue-item';
export { discardQueueItem, type DiscardResult } from './queue/discard-queue-item';
export { listSyncErrors, type SyncErrorItem } from './status/list-sync-errors';
export { readLinkStatus } from './status/read-link-status';
export { readConnectionStatistics } from './status/read-connection-statistics';
export { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine/create-sync-engine';

// The rendezvous: the initiator's endpoint and the calling side's client
export * from './rendezvous';

// Attachments through the rendezvous: plan, cut, assemble, idempotence key, ports, queue items
export * from './attachments';
