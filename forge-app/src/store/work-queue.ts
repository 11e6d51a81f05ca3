/**
 * `WorkQueue` on the Custom Entity Store: one `tandem-queue-item` entity per item (key
 * `q:<queue>:<item key>`), the item through the storage codec (inline up to
 * `QUEUE_INLINE_BYTES`, pieces otherwise, as links), compare-and-set on `version` as
 * `ForgeLinkStore.save`. The `by-due` index (partition queue, connection and state, range
 * `nextAttemptAt`) serves "a connection's pending items due now, earliest first" and the error
 * list; `by-message` finds an outbox item by the message id a peer acknowledges; `by-attachment`
 * (partition queue, connection and remote attachment id, set only on attachment items) finds the
 * attachments-queue item an `attachment-chunks` answer is for. Listing is
 * bounded: `due` reads at most `limit` items, `errors` and `depth` at most `MAX_LISTED` per state.
 */
import { randomUUID } from 'node:crypto';
import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import {
  migrateQueueItem,
  type ConditionalWrite,
  type QueueItem,
  type WorkQueue,
} from '@tandem/shared-ts/engine';
import { ENTITY } from './entities';
import { kvsKey } from './kvs-key';
import { deleteRecord, readRecord, writeRecord } from './stored-record';
import { READ_TRIES } from './link-store';

/** Largest inline item, JSON bytes. */
export const QUEUE_INLINE_BYTES = 200_000;
/** Most items `errors` returns and `depth` counts per state (pages of 20). */
export const MAX_LISTED = 2_000;
/** Items per query page (the platform's maximum). */
const PAGE = 20;

/** A `tandem-queue-item` entity. */
export interface QueueItemEntity {
  queue: string;
  connectionId: string;
  state: string;
  nextAttemptAt: string;
  itemId: string;
  messageId: string;
  version: number;
  record: string;
  chunks: number;
  recordId: string;
  /** The remote attachment id of an attachments-queue item (`QueueItem.attachment`); absent on others. */
  remoteAttachmentId?: string;
}

const items = () => kvs.entity<QueueItemEntity>(ENTITY.queueItem);

function base(key: string, writeId: string): string {
  return `tandem-chunk:${key}:${writeId}`;
}

/** An outbox, inbox or attachments queue (`queue` names it) on @forge/kvs. */
export class ForgeWorkQueue implements WorkQueue {
  constructor(readonly queue: string) {}

  /** The entity key of an item key. */
  entityKey(key: string): string {
    return kvsKey('q', this.queue, key);
  }

  async get(key: string): Promise<QueueItem | null> {
    return this.read(this.entityKey(key));
  }

  async put(item: QueueItem): Promise<ConditionalWrite> {
    const key = this.entityKey(item.key);
    const current = await items().get(key);
    if ((current?.version ?? 0) !== item.version) return { ok: false, conflict: true };
    const version = item.version + 1;
    const recordId = randomUUID();
    const place = await writeRecord(base(key, recordId), { ...item, version }, QUEUE_INLINE_BYTES);
    const value: QueueItemEntity = {
      queue: this.queue,
      connectionId: item.connectionId,
      state: item.state,
      nextAttemptAt: item.nextAttemptAt,
      itemId: item.id,
      messageId: item.messageId,
      version,
      record: place.record,
      chunks: place.chunks,
      recordId,
    };
    if (item.attachment) value.remoteAttachmentId = item.attachment.remote.id;
    try {
      if (!current) await items().set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
      else
        await kvs
          .transact()
          .set(key, value, {
            entityName: ENTITY.queueItem,
            conditions: new Filter<QueueItemEntity>().and('version', FilterConditions.equalTo(item.version)),
          })
          .execute();
    } catch (error) {
      await deleteRecord(base(key, recordId), place);
      if (((await items().get(key))?.version ?? 0) !== item.version) return { ok: false, conflict: true };
      throw error;
    }
    if (current) await deleteRecord(base(key, current.recordId), current);
    return { ok: true, version };
  }

  async remove(key: string, id: string): Promise<void> {
    const entityKey = this.entityKey(key);
    const current = await items().get(entityKey);
    if (!current || current.itemId !== id) return;
    try {
      await kvs
        .transact()
        .delete(entityKey, {
          entityName: ENTITY.queueItem,
          conditions: new Filter<QueueItemEntity>()
            .and('itemId', FilterConditions.equalTo(id))
            .and('version', FilterConditions.equalTo(current.version)),
        })
        .execute();
    } catch (error) {
      // A newer item took the key meanwhile: it stays, as the port says.
      if ((await items().get(entityKey))?.version !== current.version) return;
      throw error;
    }
    await deleteRecord(base(entityKey, current.recordId), current);
  }

  async due(connectionId: string, now: string, limit: number): Promise<QueueItem[]> {
    return this.list(connectionId, 'pending', Math.max(0, Math.min(limit, MAX_LISTED)), now);
  }

  async errors(connectionId: string): Promise<QueueItem[]> {
    return this.list(connectionId, 'error', MAX_LISTED);
  }

  async depth(connectionId: string): Promise<{ pending: number; error: number }> {
    return {
      pending: await this.count(connectionId, 'pending'),
      error: await this.count(connectionId, 'error'),
    };
  }

  /** The item whose message id is `messageId` (the rendezvous's `findQueued`), or null. */
  async findByMessageId(messageId: string): Promise<QueueItem | null> {
    const found = await items()
      .query()
      .index('by-message', { partition: [this.queue, messageId] })
      .getOne();
    return found ? this.read(found.key) : null;
  }

  /**
   * The attachments-queue item of a connection for a remote attachment id (the rendezvous's
   * `findAttachmentItem`), or null. A remote attachment has one item per connection
   * (`attachmentQueueKey`); should several match, the earliest due is answered.
   */
  async findByRemoteAttachment(connectionId: string, remoteAttachmentId: string): Promise<QueueItem | null> {
    const found = await items()
      .query()
      .index('by-attachment', { partition: [this.queue, connectionId, remoteAttachmentId] })
      .sort(Sort.ASC)
      .getOne();
    return found ? this.read(found.key) : null;
  }

  private async list(connectionId: string, state: string, limit: number, now?: string): Promise<QueueItem[]> {
    const listed: QueueItem[] = [];
    let cursor: string | undefined;
    while (listed.length < limit) {
      let query = items()
        .query()
        .index('by-due', { partition: [this.queue, connectionId, state] })
        .sort(Sort.ASC)
        .limit(Math.min(PAGE, limit - listed.length));
      if (now !== undefined) query = query.where(WhereConditions.lessThanEqualTo(now));
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      for (const result of page.results) {
        // An item replaced while listed is skipped: the next run sees its new state.
        const item = await this.decode(result.key, result.value, true);
        if (item) listed.push(item);
      }
      cursor = page.nextCursor;
      if (!cursor || page.results.length === 0) break;
    }
    return listed;
  }

  private async count(connectionId: string, state: string): Promise<number> {
    let counted = 0;
    let cursor: string | undefined;
    while (counted < MAX_LISTED) {
      let query = items()
        .query()
        .index('by-due', { partition: [this.queue, connectionId, state] })
        .limit(PAGE);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      counted += page.results.length;
      cursor = page.nextCursor;
      if (!cursor || page.results.length === 0) break;
    }
    return Math.min(counted, MAX_LISTED);
  }

  private async read(key: string): Promise<QueueItem | null> {
    for (let tries = 1; ; tries++) {
      const entity = await items().get(key);
      if (!entity) return null;
      const item = await this.decode(key, entity, tries < READ_TRIES);
      if (item) return item;
    }
  }

  /** The item an entity holds; null when its pieces were replaced under the reader and `retry` is allowed. */
  private async decode(key: string, entity: QueueItemEntity, retry = false): Promise<QueueItem | null> {
    const decoded = await readRecord(base(key, entity.recordId), entity);
    if (!decoded.ok) {
      if (decoded.error.code === 'stored-chunk-missing' && retry) return null;
      throw new Error(`The queue item ${key} cannot be read: ${decoded.error.message}`);
    }
    const migrated = migrateQueueItem(decoded.value);
    if (!migrated.ok) throw new Error(`The queue item ${key}: ${migrated.error.message}`);
    return { ...migrated.value, version: entity.version };
  }
}
