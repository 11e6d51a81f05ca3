/**
 * `SyncLog` on plain KVS: one value per entry under `g:<connection>:<at>:<unique>` (time-ordered
 * keys, so a `beginsWith` query pages a connection's log oldest first), kept `LOG_TTL_DAYS` days.
 * An entry whose details make it larger than `MAX_LOG_ENTRY_BYTES` is kept without them.
 */
import { randomUUID } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import type { SyncLog, SyncLogEntry } from '@tandem/shared-ts/engine';
import { keyPart, kvsKey } from './kvs-key';

/** How long the log keeps an entry. */
export const LOG_TTL_DAYS = 30;
/** Largest entry kept with its details, JSON bytes. */
export const MAX_LOG_ENTRY_BYTES = 16_384;

/** The sync log on @forge/kvs. */
export class ForgeSyncLog implements SyncLog {
  async append(entry: SyncLogEntry): Promise<void> {
    const key = kvsKey('g', entry.connectionId, entry.at, randomUUID());
    const fits = Buffer.byteLength(JSON.stringify(entry)) <= MAX_LOG_ENTRY_BYTES;
    const kept: SyncLogEntry = fits
      ? entry
      : { ...entry, message: entry.message.slice(0, 2_000), details: { trimmed: true } };
    const { details, ...rest } = kept;
    await kvs.set(key, details === undefined ? rest : kept, { ttl: { unit: 'DAYS', value: LOG_TTL_DAYS } });
  }

  /** A connection's entries, oldest first, a page (at most 20) at a time. */
  async page(connectionId: string, cursor?: string): Promise<{ entries: SyncLogEntry[]; cursor?: string }> {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(`g:${keyPart(connectionId)}:`))
      .limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<SyncLogEntry>();
    return {
      entries: page.results.map((result) => result.value),
      ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
    };
  }
}
