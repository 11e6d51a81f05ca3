import type { EntityRef, JsonValue } from '../../replica';
import type { Side } from '../../rules/runtime/types';
import { deliverOutbox } from '../outgoing/deliver-outbox';
import { discardQueueItem, type DiscardResult } from '../queue/discard-queue-item';
import type { LinkStatus } from '../status/describe-link-status';
import { linkExisting, type LinkExistingResult } from '../links/link-existing';
import { listSyncErrors, type SyncErrorItem } from '../status/list-sync-errors';
import { processInbox } from '../incoming/process-inbox';
import type { QueueName } from '../queue/queue-name';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import type { RunBudget } from '../queue/run-budget';
import { readConnectionStatistics } from '../status/read-connection-statistics';
import { readLinkStatus } from '../status/read-link-status';
import { receiveMessage } from '../incoming/receive-message';
import { retryQueueItem, type RetryResult } from '../queue/retry-queue-item';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../queue/retry-policy';
import type { SyncContext, SyncDeps, SyncRules } from './sync-context';
import type { SyncFailure } from '../model/sync-failure';
import type { SyncMessage } from '../model/sync-message';
import { DEFAULT_ENTITY_TYPES } from '../model/default-entity-types';
import { DEFAULT_SYNC_POLICY, type SyncPolicy } from '../model/sync-policy';
import type { ConnectionStatistics } from '../model/sync-statistics';
import { syncLocalChange, type LocalChangeResult } from '../outgoing/sync-local-change';
import { unlinkEntity, type UnlinkResult } from '../links/unlink-entity';

/** How to run one connection on this side; omitted policies take the defaults. */
export interface SyncEngineOptions {
  connectionId: string;
  side: Side;
  rules: SyncRules;
  /** The entity types this side syncs; `DEFAULT_ENTITY_TYPES` of the side when omitted. */
  entityTypes?: readonly string[];
  policy?: SyncPolicy;
  retry?: RetryPolicy;
  connection?: Record<string, JsonValue>;
  /** Items per queue run (default 50). */
  batchSize?: number;
  /**
   * Fetch attachments' bytes: true when both sides speak `attachments-v1` (the connection's
   * agreed capabilities). Default false: metadata only. Needs `SyncDeps.attachments`.
   */
  attachmentTransfer?: boolean;
}

/** One connection's engine: every operation, bound to its configuration and ports. */
export interface SyncEngine {
  readonly context: SyncContext;
  /** A local entity changed (or should be re-checked): queue its replica if it differs from the last sent. */
  syncLocalChange(ref: EntityRef): Promise<LocalChangeResult>;
  /** A verified message arrived: persist it in the inbox (acknowledge only after this resolves ok). */
  receive(message: SyncMessage): Promise<{ ok: true } | { ok: false; error: SyncFailure }>;
  /** Apply the inbox items that are due, within the budget (the rest stays due: `remaining`). */
  processInbox(budget?: RunBudget): Promise<QueueRunSummary>;
  /** Send the outbox items that are due, within the budget (the rest stays due: `remaining`). */
  deliverOutbox(budget?: RunBudget): Promise<QueueRunSummary>;
  /** An admin pairs an existing local entity with an existing remote one (refused with a code when either is linked). */
  linkExisting(local: EntityRef, remote: EntityRef): Promise<LinkExistingResult>;
  /** Stop syncing a local entity and tell the other side (why, when a reason is given). */
  unlink(ref: EntityRef, reason?: string | null): Promise<UnlinkResult>;
  /** The error list. */
  errors(): Promise<SyncErrorItem[]>;
  retry(queue: QueueName, key: string): Promise<RetryResult>;
  discard(queue: QueueName, key: string): Promise<DiscardResult>;
  status(ref: EntityRef): Promise<LinkStatus>;
  statistics(): Promise<ConnectionStatistics>;
}

/** Binds the engine's operations to one connection's configuration and ports. */
export function createSyncEngine(options: SyncEngineOptions, deps: SyncDeps): SyncEngine {
  const context: SyncContext = {
    config: {
      connectionId: options.connectionId,
      side: options.side,
      entityTypes: options.entityTypes ?? DEFAULT_ENTITY_TYPES[options.side],
      rules: options.rules,
      policy: options.policy ?? DEFAULT_SYNC_POLICY,
      retry: options.retry ?? DEFAULT_RETRY_POLICY,
      connection: options.connection ?? {},
      batchSize: options.batchSize ?? 50,
      attachmentTransfer: (options.attachmentTransfer ?? false) && deps.attachments !== undefined,
    },
    deps,
  };
  return {
    context,
    syncLocalChange: (ref) => syncLocalChange(context, ref),
    receive: (message) => receiveMessage(context, message),
    processInbox: (budget) => processInbox(context, budget),
    deliverOutbox: (budget) => deliverOutbox(context, budget),
    linkExisting: (local, remote) => linkExisting(context, local, remote),
    unlink: (ref, reason) => unlinkEntity(context, ref, reason ?? null),
    errors: () => listSyncErrors(context),
    retry: (queue, key) => retryQueueItem(context, queue, key),
    discard: (queue, key) => discardQueueItem(context, queue, key),
    status: (ref) => readLinkStatus(context, ref),
    statistics: () => readConnectionStatistics(context),
  };
}
