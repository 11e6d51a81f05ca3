/**
 * `LinkStore` on the Custom Entity Store: one `tandem-link` entity per link (key
 * `l:<connection>:<local type>:<local id>`), holding the link and its last applied replica
 * (`previous`) through the storage codec (inline when small, pieces under `tandem-chunk:` keys
 * otherwise), the version the compare-and-set is on, and the remote entity for the `by-remote`
 * index. `save` writes the new pieces first, then the entity conditionally (created with
 * `FAIL_IF_EXISTS` at version 0, otherwise a `transact()` set with `version = read version`):
 * the entity is the commit point, so a reader never sees half a save, and a refused save leaves
 * the stored link as it was. Pieces of replaced versions are deleted after the commit; a reader
 * that loses that race reads again.
 */
import { randomUUID } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import {
  migrateLink,
  migrateStoredReplica,
  type ConditionalWrite,
  type Link,
  type LinkStore,
} from '@tandem/shared-ts/engine';
import type { EntityRef, Replica } from '@tandem/shared-ts/replica';
import { ENTITY } from './entities';
import { kvsKey } from './kvs-key';
import { deleteRecord, readRecord, writeRecord, type RecordPlace } from './stored-record';

/** Largest inline link or previous replica, JSON bytes (two of them fit one 240 KiB entity). */
export const LINK_INLINE_BYTES = 100_000;
/** Reads of a record that was replaced while being read, before giving up. */
export const READ_TRIES = 3;

/** A `tandem-link` entity. */
export interface LinkEntity {
  connectionId: string;
  /** `type:id` of the remote entity, '' while there is none. */
  remoteKey: string;
  version: number;
  record: string;
  chunks: number;
  previous: string;
  previousChunks: number;
  /** The write whose pieces hold the link (unique per save, so two racing saves never share a key). */
  recordId: string;
  /** The write whose pieces hold `previous` ('' when there is none). */
  previousId: string;
}

const links = () => kvs.entity<LinkEntity>(ENTITY.link);

/** The entity key of a link. */
export function linkKey(connectionId: string, local: EntityRef): string {
  return kvsKey('l', connectionId, local.type, local.id);
}

function refKey(ref: EntityRef | null): string {
  return ref ? `${ref.type}:${ref.id}` : '';
}

function base(key: string, writeId: string): string {
  return `tandem-chunk:${key}:${writeId}`;
}

/** Links and their `previous` replicas on @forge/kvs. */
export class ForgeLinkStore implements LinkStore {
  async get(connectionId: string, local: EntityRef): Promise<Link | null> {
    return this.read(linkKey(connectionId, local));
  }

  async findByRemote(connectionId: string, remote: EntityRef): Promise<Link | null> {
    const found = await links()
      .query()
      .index('by-remote', { partition: [connectionId, refKey(remote)] })
      .getOne();
    return found ? this.read(found.key) : null;
  }

  async loadPrevious(link: Link): Promise<Replica | null> {
    const key = linkKey(link.connectionId, link.local);
    for (let tries = 1; ; tries++) {
      const entity = await links().get(key);
      if (!entity || (entity.previous === '' && entity.previousChunks === 0)) return null;
      const place = { record: entity.previous, chunks: entity.previousChunks };
      const decoded = await readRecord(base(key, entity.previousId), place);
      if (!decoded.ok) {
        if (decoded.error.code === 'stored-chunk-missing' && tries < READ_TRIES) continue;
        throw new Error(`The previous replica of link ${key} cannot be read: ${decoded.error.message}`);
      }
      const migrated = migrateStoredReplica(decoded.value);
      if (!migrated.ok) throw new Error(`The previous replica of link ${key}: ${migrated.error.message}`);
      return migrated.value;
    }
  }

  async save(link: Link, previous?: Replica): Promise<ConditionalWrite> {
    const key = linkKey(link.connectionId, link.local);
    const current = await links().get(key);
    if ((current?.version ?? 0) !== link.version) return { ok: false, conflict: true };
    const version = link.version + 1;
    const recordId = randomUUID();
    const record = await writeRecord(base(key, recordId), { ...link, version }, LINK_INLINE_BYTES);
    let kept: RecordPlace = { record: current?.previous ?? '', chunks: current?.previousChunks ?? 0 };
    let previousId = current?.previousId ?? '';
    if (previous) {
      previousId = randomUUID();
      kept = await writeRecord(base(key, previousId), previous, LINK_INLINE_BYTES);
    }
    const value: LinkEntity = {
      connectionId: link.connectionId,
      remoteKey: refKey(link.remote),
      version,
      record: record.record,
      chunks: record.chunks,
      previous: kept.record,
      previousChunks: kept.chunks,
      recordId,
      previousId,
    };
    try {
      if (!current) await links().set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
      else
        await kvs
          .transact()
          .set(key, value, {
            entityName: ENTITY.link,
            conditions: new Filter<LinkEntity>().and('version', FilterConditions.equalTo(link.version)),
          })
          .execute();
    } catch (error) {
      await deleteRecord(base(key, recordId), record);
      if (previous) await deleteRecord(base(key, previousId), kept);
      // Whatever the platform's error code, a write refused because another one came first shows as a moved version.
      if (((await links().get(key))?.version ?? 0) !== link.version) return { ok: false, conflict: true };
      throw error;
    }
    if (current) {
      await deleteRecord(base(key, current.recordId), { record: current.record, chunks: current.chunks });
      if (previous)
        await deleteRecord(base(key, current.previousId), {
          record: current.previous,
          chunks: current.previousChunks,
        });
    }
    return { ok: true, version };
  }

  private async read(key: string): Promise<Link | null> {
    for (let tries = 1; ; tries++) {
      const entity = await links().get(key);
      if (!entity) return null;
      const decoded = await readRecord(base(key, entity.recordId), entity);
      if (!decoded.ok) {
        if (decoded.error.code === 'stored-chunk-missing' && tries < READ_TRIES) continue;
        throw new Error(`The link ${key} cannot be read: ${decoded.error.message}`);
      }
      const migrated = migrateLink(decoded.value);
      if (!migrated.ok) throw new Error(`The link ${key}: ${migrated.error.message}`);
      return { ...migrated.value, version: entity.version };
    }
  }
}
