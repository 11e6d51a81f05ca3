/**
 * The sync engine as an adapter uses it (package entry `@tandem/shared-ts/engine`, namespace
 * `engine` of the root): `createSyncEngine` bound to one connection, the ports an adapter
 * implements, the data it stores, the messages it carries, the results of each operation and
 * the failure values. The pure planners behind the operations are internal (`../internal`).
 * See docs/adapter-api.md and docs/sync-semantics.md.
 */

// The engine and its ports
export { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../sync/engine/create-sync-engine';
export type {
  Clock,
  ConditionalWrite,
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
} from '../sync/model/ports';
export type { SyncConfig, SyncContext, SyncDeps, SyncRules } from '../sync/engine/sync-context';
export type { IrDependencies, IrInputUse, IrWriteReads } from '../rules/runtime/ir-dependencies';

// Configuration
export {
  CONFLICT_POLICIES,
  DEFAULT_SYNC_POLICY,
  type ConflictPolicy,
  type SyncPolicy,
} from '../sync/model/sync-policy';
export { DEFAULT_ENTITY_TYPES } from '../sync/model/default-entity-types';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../sync/queue/retry-policy';

// Data an adapter stores (each with its format version and migration)
export {
  LINK_FORMAT,
  type BaselineEntry,
  type FieldStamp,
  type IdPair,
  type Link,
  type LinkState,
  type PreviousRun,
  type SentSnapshot,
} from '../sync/model/link';
export type { LocalEntity } from '../sync/model/local-entity';
export { QUEUE_ITEM_FORMAT, type QueueItem, type QueueItemState } from '../sync/model/queue-item';
export {
  CONNECTION_FORMAT,
  migrateConnection,
  migrateLink,
  migrateQueueItem,
  migrateStoredReplica,
  type Migrated,
} from '../sync/model/migrate';
export {
  decodeStored,
  encodeStored,
  STORED_CHUNK_MAX_BYTES,
  STORED_CHUNK_MAX_UNITS,
  STORED_MAX_CHUNKS,
  type DecodeStoredResult,
  type EncodeStoredResult,
  type StoredCodecError,
  type StoredCodecErrorCode,
} from '../sync/model/storage-codec';
export type { SyncLogEntry, SyncLogKind } from '../sync/model/sync-log-entry';
export type { ConnectionStatistics, SyncStatsCounters, SyncStatsDay } from '../sync/model/sync-statistics';

// Messages, and what the engine asks the entity store to write
export type { ReplicaMessage, SyncMessage, UnlinkMessage } from '../sync/model/sync-message';
export type {
  ApplyOutcome,
  ApplyResult,
  CollectionPlan,
  Conflict,
  FieldWrite,
  WritePlan,
} from '../sync/model/write-plan';

// Results of the operations
export type { LocalChangeResult } from '../sync/outgoing/sync-local-change';
export type { QueueName } from '../sync/queue/queue-name';
export type { QueueRunSummary } from '../sync/queue/queue-run-summary';
export type { RunBudget } from '../sync/queue/run-budget';
export type { LinkExistingRefusal, LinkExistingResult } from '../sync/links/link-existing';
export type { UnlinkResult } from '../sync/links/unlink-entity';
export type { RetryResult } from '../sync/queue/retry-queue-item';
export type { DiscardResult } from '../sync/queue/discard-queue-item';
export type { SyncErrorItem } from '../sync/status/list-sync-errors';
export type { LinkStatus, LinkStatusState } from '../sync/status/describe-link-status';

// Attachments: the ports an adapter implements for the chunked transfer (Forge: Jira REST
// attachments; Salesforce: ContentVersion), and the file metadata they describe
export type {
  AllowanceUse,
  AttachedFile,
  AttachmentAllowance,
  AttachmentChunkStore,
  AttachmentSource,
  AttachmentStore,
  FallbackNote,
  ReceivingAttachmentPorts,
  SendingAttachmentPorts,
} from '../sync/attachments/attachment-ports';
export type { AttachmentChunk, AttachmentMeta } from '../sync/attachments/attachment-transfer';

// Failures: adapters translate platform errors into these
export { syncFailure, type SyncFailure, type SyncFailureCode } from '../sync/model/sync-failure';
export { isPortFailure, portFailure, type PortFailure, type PortRead } from '../sync/model/port-read';
export { classifyFailure, type FailureClass } from '../sync/queue/classify-failure';
