/**
 * `AttachmentChunkStore` on plain KVS: each chunk of a file being received under
 * `a:<attachment key>:<index>` (a chunk is at most 90 KiB of bytes, about 120 KiB of base64url:
 * one value), listed with a `beginsWith` query a page of 20 at a time, cleared in transactions
 * of at most 25 deletes.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { AttachmentChunk, AttachmentChunkStore } from '@tandem/shared-ts/engine';
import { kvsKey } from './kvs-key';

/** Most chunks listed for one key (a 25 MiB file is 285 chunks; `ATTACHMENT_MAX_CHUNKS` with room). */
export const MAX_CHUNKS_LISTED = 1_200;

/** Chunks of files being received, on @forge/kvs. */
export class ForgeAttachmentChunkStore implements AttachmentChunkStore {
  private prefix(key: string): string {
    return `${kvsKey('a', key)}:`;
  }

  async put(key: string, chunk: AttachmentChunk): Promise<void> {
    await kvs.set(`${this.prefix(key)}${String(chunk.index).padStart(5, '0')}`, chunk);
  }

  async list(key: string): Promise<AttachmentChunk[]> {
    return (await this.entries(key)).map((entry) => entry.value);
  }

  async clear(key: string): Promise<void> {
    const keys = (await this.entries(key)).map((entry) => entry.key);
    for (let start = 0; start < keys.length; start += 25) {
      let transaction = kvs.transact();
      for (const stored of keys.slice(start, start + 25)) transaction = transaction.delete(stored);
      await transaction.execute();
    }
  }

  private async entries(key: string): Promise<{ key: string; value: AttachmentChunk }[]> {
    const found: { key: string; value: AttachmentChunk }[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(this.prefix(key)))
        .limit(20);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<AttachmentChunk>();
      found.push(...page.results);
      cursor = page.nextCursor;
    } while (cursor && found.length < MAX_CHUNKS_LISTED);
    return found;
  }
}
