/**
 * The attachment ports in memory, for tests and the two-node harness: a file source by `ref`, a
 * chunk store, the local files and notes, and the per-day byte counter.
 */
import type { EntityRef } from '../../../replica';
import type { ConditionalWrite } from '../../model/ports';
import type { SyncFailure } from '../../model/sync-failure';
import type {
  AllowanceUse,
  AttachedFile,
  AttachmentAllowance,
  AttachmentChunkStore,
  AttachmentSource,
  AttachmentStore,
  FallbackNote,
} from '../attachment-ports';
import type { AttachmentChunk, AttachmentMeta } from '../attachment-transfer';

/** Files by `ref`, with every range read recorded. */
export class InMemoryAttachmentSource implements AttachmentSource {
  readonly files = new Map<string, { meta: AttachmentMeta; bytes: Uint8Array }>();
  /** Every `read` as `[ref, offset, length]`. */
  readonly reads: [string, number, number][] = [];

  /** Adds a file under `ref`. */
  add(ref: string, meta: AttachmentMeta, bytes: Uint8Array): void {
    this.files.set(ref, { meta, bytes });
  }

  async describe(ref: string): Promise<AttachmentMeta | null> {
    return this.files.get(ref)?.meta ?? null;
  }

  async read(ref: string, offset: number, length: number): Promise<Uint8Array | null> {
    this.reads.push([ref, offset, length]);
    const file = this.files.get(ref);
    return file ? file.bytes.slice(offset, offset + length) : null;
  }
}

/** Chunks by transfer key and index. */
export class InMemoryAttachmentChunkStore implements AttachmentChunkStore {
  readonly chunks = new Map<string, Map<number, AttachmentChunk>>();

  async put(key: string, chunk: AttachmentChunk): Promise<void> {
    const kept = this.chunks.get(key) ?? new Map<number, AttachmentChunk>();
    kept.set(chunk.index, { ...chunk });
    this.chunks.set(key, kept);
  }

  async list(key: string): Promise<AttachmentChunk[]> {
    return [...(this.chunks.get(key)?.values() ?? [])].map((chunk) => ({ ...chunk }));
  }

  async clear(key: string): Promise<void> {
    this.chunks.delete(key);
  }
}

/** A file attached to a local entity. */
export interface StoredFile extends Omit<AttachedFile, 'bytes'> {
  bytes: Uint8Array;
}

/** Local files and notes, by idempotence key. */
export class InMemoryAttachmentStore implements AttachmentStore {
  /** Files by key. */
  readonly files = new Map<string, StoredFile>();
  /** Notes by key. */
  readonly notes = new Map<string, FallbackNote>();
  /** Every `attach` call, stored or not. */
  attachCalls = 0;
  /** When set, `attach` answers this failure (a platform refusing the file). */
  refuse: SyncFailure | null = null;

  /** The files attached to one local entity. */
  filesOf(local: EntityRef): StoredFile[] {
    return [...this.files.values()].filter(
      (file) => file.local.type === local.type && file.local.id === local.id,
    );
  }

  async storedHash(
    connectionId: string,
    local: EntityRef,
    remoteAttachmentId: string,
  ): Promise<string | null> {
    let found: string | null = null;
    for (const file of this.files.values()) {
      if (
        file.connectionId === connectionId &&
        file.local.type === local.type &&
        file.local.id === local.id &&
        file.remoteAttachmentId === remoteAttachmentId
      )
        found = file.sha256;
    }
    for (const note of this.notes.values()) {
      if (
        found === null &&
        note.connectionId === connectionId &&
        note.local.type === local.type &&
        note.local.id === local.id &&
        note.remoteAttachmentId === remoteAttachmentId
      )
        found = note.sha256;
    }
    return found;
  }

  async attach(
    file: AttachedFile,
  ): Promise<{ ok: true; created: boolean } | { ok: false; error: SyncFailure }> {
    this.attachCalls++;
    if (this.refuse) return { ok: false, error: this.refuse };
    if (this.files.has(file.key)) return { ok: true, created: false };
    this.files.set(file.key, { ...file, bytes: file.bytes.slice() });
    return { ok: true, created: true };
  }

  async addNote(note: FallbackNote): Promise<{ ok: true }> {
    if (!this.notes.has(note.key)) this.notes.set(note.key, { ...note });
    return { ok: true };
  }
}

/** Bytes per connection and day, compare-and-set. */
export class InMemoryAttachmentAllowance implements AttachmentAllowance {
  readonly days = new Map<string, { bytes: number; version: number }>();

  async get(connectionId: string, day: string): Promise<AllowanceUse> {
    return { ...(this.days.get(`${connectionId}|${day}`) ?? { bytes: 0, version: 0 }) };
  }

  async put(connectionId: string, day: string, bytes: number, version: number): Promise<ConditionalWrite> {
    const key = `${connectionId}|${day}`;
    if ((this.days.get(key)?.version ?? 0) !== version) return { ok: false, conflict: true };
    this.days.set(key, { bytes, version: version + 1 });
    return { ok: true, version: version + 1 };
  }
}
