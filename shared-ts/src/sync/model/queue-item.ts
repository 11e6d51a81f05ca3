/**
 * Outbox and inbox items. Each queue holds at most one item per entity (its key): newer
 * messages for the same entity replace older ones, so a backlog never grows past the number of
 * entities and the newest state always wins.
 */
import type { EntityRef, ReplicaAttachment } from '../../replica';
import type { SyncFailure } from './sync-failure';
import type { ReplicaMessage, SyncMessage } from './sync-message';

/** `pending` items are tried when due; `error` items wait for an admin to retry or discard them. */
export type QueueItemState = 'pending' | 'error';

/** The queue item format this code writes; `migrateQueueItem` brings a v1 item (no `format`) up to it. */
export const QUEUE_ITEM_FORMAT = 2;

/** A message waiting to be delivered (outbox) or applied (inbox). */
export interface QueueItem {
  /** The queue item format, 2. */
  format: typeof QUEUE_ITEM_FORMAT;
  /** Unique per content: a coalesced item gets a new id, so a late result for the old one is ignored. */
  id: string;
  /** One item per key: `connectionId:type:id` of the entity (ours in the outbox, the sender's in the inbox). */
  key: string;
  connectionId: string;
  /** The entity the item is about: ours in the outbox, the sender's in the inbox. */
  entity: EntityRef;
  /** Null for an outgoing item whose replica could not be built (a rule error): retrying rebuilds it. */
  message: SyncMessage | null;
  /**
   * Inbox: replicas of the same entity that reached the inbox and that this item's replica
   * replaced before they were applied, oldest seq first (at most `MAX_REPLACED_REPLICAS`).
   * `processInbox` applies each in turn, then `message`, so that every replica the sender
   * delivered is judged as the sender expects (docs/sync-semantics.md, section 6).
   * Outbox: replicas this item's replica replaced after they were tried or offered (they may have
   * been lost, `carryMaybeReceived`); every send of the item carries them first
   * (`messagesOfSend`), so the remote gets them whenever it gets this one. Absent when none.
   */
  replaced?: ReplicaMessage[];
  /**
   * The message id (a ULID) this content travels under, fixed when it is queued: a batch or a
   * batched push carries it as the inner envelope's `messageId`, so an ack maps back to the item
   * it acknowledges. New content (a coalesced or refreshed item) gets a new one; a retry of the
   * same content keeps it.
   */
  messageId: string;
  /**
   * How many times this content was offered: carried in a `batch`, or handed to the transport by
   * an outbox run (recorded, compare-and-set, before the send). Offered is not tried; only a
   * peer's `rejected` ack or a failed send counts as an attempt.
   */
  offers: number;
  /** When it was last offered, ISO-8601, or null when never. */
  lastOfferedAt: string | null;
  /** When this content was first queued, ISO-8601 (for latency). */
  queuedAt: string;
  /** Attempts made so far. */
  attempts: number;
  /** When the item is next due, ISO-8601. */
  nextAttemptAt: string;
  state: QueueItemState;
  lastError: SyncFailure | null;
  /**
   * The compare-and-set counter of the stored item: the version this copy was read at (0 for an
   * item never stored). `WorkQueue.put` stores it only if the stored version is still this one.
   */
  version: number;
  /**
   * Set on an item of the attachments queue (one per attachment, `attachmentQueueKey`): the file
   * to fetch, where it goes, and the first chunk still wanted. Such an item has no `message`.
   */
  attachment?: QueuedAttachment;
}

/** One attachment's transfer, as its queue item keeps it. */
export interface QueuedAttachment {
  /** The local entity the file belongs to. */
  local: EntityRef;
  /** The local copy the apply created for the remote attachment (the link's pair). */
  localAttachmentId: string;
  /** The remote attachment as the replica gave it (its `ref` goes back to the sender). */
  remote: ReplicaAttachment;
  /** The first chunk still wanted (0-based): a transfer resumes where the last answer stopped. */
  from: number;
}

/** The queue key of an entity on a connection. */
export function queueKey(connectionId: string, entity: EntityRef): string {
  return `${connectionId}:${entity.type}:${entity.id}`;
}
