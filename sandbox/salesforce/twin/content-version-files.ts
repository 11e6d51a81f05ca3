/**
 * THE SANDBOX'S TWIN OF THE APEX PACKAGE, NOT WHAT SHIPS. The package moves files with Apex over
 * ContentVersion (issue 12, "Files"); this is its stand-in over the stand-in org.
 *
 * The core's attachment ports on the org's files: `AttachmentSource` reads a ContentVersion's
 * bytes by range (the replica attachment's `ref` is the version id; the Apex reads
 * `VersionData` and keeps the hash from `Crypto.generateDigest` on the version), and
 * `AttachmentStore` stores an assembled file from the peer as a ContentVersion published to the
 * Case (`FirstPublishLocationId`, so the org links its ContentDocument to the Case), idempotent
 * by the transfer key, and posts the fallback note as an internal CaseComment. Every write runs
 * inside the inbound-apply flag, so capture does not send the file back. The chunk store and the
 * day's byte counter are in memory here (the package: a Long Text Area per chunk, and a counter
 * row read `FOR UPDATE`).
 */
import type {
  AllowanceUse,
  AttachedFile,
  AttachmentAllowance,
  AttachmentChunk,
  AttachmentChunkStore,
  AttachmentMeta,
  AttachmentSource,
  AttachmentStore,
  FallbackNote,
  PortRead,
  SyncFailure,
} from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import type { EntityRef } from '@tandem/shared-ts/replica';
import { createHash } from 'node:crypto';
import type { SalesforceOrg } from '../model';
import type { InboundFlag } from './case-entity-store';

/** The ContentVersion a replica attachment's `ref` names, with its bytes, or null. */
function versionOf(
  org: SalesforceOrg,
  ref: string,
): { id: string; documentId: string; name: string; bytes: Uint8Array } | null {
  const version = org.get(ref);
  if (!version || version.type !== 'ContentVersion') return null;
  const id = String(version.fields.Id);
  const bytes = org.versionData.get(id);
  const document = org.get(String(version.fields.ContentDocumentId));
  // A deleted document takes its versions' bytes with it in a real org.
  if (!bytes || !document) return null;
  return {
    id,
    documentId: String(document.fields.Id),
    name: String(version.fields.PathOnClient ?? version.fields.Title ?? ''),
    bytes,
  };
}

/**
 * The sending side over the org's ContentVersions. `describe` hashes a version once and keeps the
 * hash by version id (the Apex keeps it on the version); `read` copies only the range asked for.
 */
export function createContentVersionSource(org: SalesforceOrg, siteUrl?: string): AttachmentSource {
  const hashes = new Map<string, string>();
  return {
    describe: async (ref): Promise<PortRead<AttachmentMeta | null>> => {
      const version = versionOf(org, ref);
      if (!version) return null;
      let sha256 = hashes.get(version.id);
      if (sha256 === undefined) {
        sha256 = createHash('sha256').update(version.bytes).digest('hex');
        hashes.set(version.id, sha256);
      }
      return {
        id: version.documentId,
        filename: version.name,
        size: version.bytes.length,
        sha256,
        platformName: 'Salesforce',
        ...(siteUrl ? { url: `${siteUrl}/lightning/r/ContentDocument/${version.documentId}/view` } : {}),
      };
    },
    read: async (ref, offset, length): Promise<PortRead<Uint8Array | null>> => {
      const version = versionOf(org, ref);
      if (!version) return null;
      const start = Math.max(0, Math.min(offset, version.bytes.length));
      const end = Math.max(start, Math.min(start + Math.max(0, length), version.bytes.length));
      return version.bytes.slice(start, end);
    },
  };
}

/** What the store keeps per remote attachment (the package: fields on the ContentVersion). */
interface StoredEntry {
  sha256: string;
  versionId: string | null;
}

/** The receiving side's store over the org, with what it stored by key (for tests and the log). */
export interface ContentVersionStore extends AttachmentStore {
  /** ContentVersion ids by transfer key (the package: `Tandem_Attachment_Key__c`). */
  readonly versions: ReadonlyMap<string, string>;
}

/** Stores files from the peer as ContentVersions on the Case, and notes as internal CaseComments. */
export function createContentVersionStore(org: SalesforceOrg, inbound: InboundFlag): ContentVersionStore {
  const versions = new Map<string, string>();
  const notes = new Set<string>();
  // By `connection|Case|remote attachment id`: what `storedHash` answers.
  const held = new Map<string, StoredEntry>();
  const heldKey = (connectionId: string, local: EntityRef, remoteId: string) =>
    `${connectionId}|${local.id}|${remoteId}`;
  const asIntegration = <T>(write: () => T): T => {
    inbound.active = true;
    try {
      return write();
    } finally {
      inbound.active = false;
    }
  };
  return {
    versions,
    storedHash: async (connectionId, local, remoteAttachmentId) => {
      const entry = held.get(heldKey(connectionId, local, remoteAttachmentId));
      if (!entry) return null;
      // A file a person deleted since is not held any more: fetch it again.
      if (entry.versionId !== null && !versionOf(org, entry.versionId)) return null;
      return entry.sha256;
    },
    attach: async (file: AttachedFile) => {
      const existing = versions.get(file.key);
      if (existing !== undefined && versionOf(org, existing)) return { ok: true, created: false };
      const inserted = asIntegration(() =>
        org.insert('ContentVersion', {
          Title: titleOf(file.filename),
          PathOnClient: file.filename,
          VersionData: Buffer.from(file.bytes).toString('base64'),
          FirstPublishLocationId: file.local.id,
        }),
      );
      if (!inserted.ok) return { ok: false, error: refusal(inserted.error) };
      versions.set(file.key, inserted.value);
      held.set(heldKey(file.connectionId, file.local, file.remoteAttachmentId), {
        sha256: file.sha256,
        versionId: inserted.value,
      });
      return { ok: true, created: true };
    },
    addNote: async (note: FallbackNote) => {
      if (notes.has(note.key)) return { ok: true };
      const inserted = asIntegration(() =>
        org.insert('CaseComment', {
          ParentId: note.local.id,
          CommentBody: note.text.length > 4000 ? `${note.text.slice(0, 3999)}…` : note.text,
          IsPublished: false,
        }),
      );
      if (!inserted.ok) return { ok: false, error: refusal(inserted.error) };
      notes.add(note.key);
      const key = heldKey(note.connectionId, note.local, note.remoteAttachmentId);
      if (!held.has(key)) held.set(key, { sha256: note.sha256, versionId: null });
      return { ok: true };
    },
  };
}

/** A ContentVersion's Title: the file name without its extension, as the Files upload sets it. */
function titleOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const title = dot > 0 ? filename.slice(0, dot) : filename;
  return (title === '' ? 'file' : title).slice(0, 255);
}

function refusal(error: { errorCode: string; message: string }): SyncFailure {
  const transient = error.errorCode === 'UNABLE_TO_LOCK_ROW';
  return syncFailure(
    transient ? 'unavailable' : 'rejected',
    `Salesforce refused the file: ${error.errorCode}: ${error.message}`,
  );
}

/** Chunks of files under way, by transfer key and index (the package: a Long Text Area per chunk). */
export class TwinChunkStore implements AttachmentChunkStore {
  private readonly kept = new Map<string, Map<number, AttachmentChunk>>();

  async put(key: string, chunk: AttachmentChunk): Promise<void> {
    const chunks = this.kept.get(key) ?? new Map<number, AttachmentChunk>();
    chunks.set(chunk.index, { ...chunk });
    this.kept.set(key, chunks);
  }

  async list(key: string): Promise<AttachmentChunk[]> {
    return [...(this.kept.get(key)?.values() ?? [])].map((chunk) => ({ ...chunk }));
  }

  async clear(key: string): Promise<void> {
    this.kept.delete(key);
  }
}

/** Bytes sent per connection and UTC day, compare-and-set (the package: a row read `FOR UPDATE`). */
export class TwinAllowance implements AttachmentAllowance {
  private readonly days = new Map<string, AllowanceUse>();

  async get(connectionId: string, day: string): Promise<AllowanceUse> {
    return { ...(this.days.get(`${connectionId}|${day}`) ?? { bytes: 0, version: 0 }) };
  }

  async put(
    connectionId: string,
    day: string,
    bytes: number,
    version: number,
  ): Promise<{ ok: true; version: number } | { ok: false; conflict: true }> {
    const key = `${connectionId}|${day}`;
    if ((this.days.get(key)?.version ?? 0) !== version) return { ok: false, conflict: true };
    this.days.set(key, { bytes, version: version + 1 });
    return { ok: true, version: version + 1 };
  }
}
