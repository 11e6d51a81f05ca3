/**
 * The ports of attachment transfers: what the engine needs from a platform to send a file's
 * bytes (`AttachmentSource`), to keep the chunks of a file arriving over several pulls
 * (`AttachmentChunkStore`), to attach a complete file or the fallback note to the local entity
 * (`AttachmentStore`), and to count a connection's bytes per day (`AttachmentAllowance`).
 * docs/protocol.md, "Attachments"; docs/sync-semantics.md, "Attachments". In-memory
 * implementations for tests: `attachments/testing/in-memory-attachment-ports.ts`.
 */
import type { EntityRef } from '../../replica';
import type { ConditionalWrite, WorkQueue } from '../model/ports';
import type { PortRead } from '../model/port-read';
import type { SyncFailure } from '../model/sync-failure';
import type { Sha256 } from './attachment-hash';
import type { AttachmentCaps, AttachmentChunk, AttachmentMeta } from './attachment-transfer';

/**
 * The sending side: a file by the `ref` its replica gave. Forge: the Jira attachment's content
 * (`GET /rest/api/3/attachment/content/{id}` with a `Range` header) and its hash cached in KVS;
 * Salesforce: `ContentVersion.VersionData` (Apex reads the blob; `sha256` from
 * `Crypto.generateDigest`, kept on the version).
 */
export interface AttachmentSource {
  /**
   * The file's metadata (size, and its SHA-256 when known: without it the sender hashes the file
   * whole for every answer, so adapters should keep it), or null when `ref` names no file; or a
   * failure value (`portFailure`, keeping the status and Retry-After) when it could not be read:
   * the want is refused as retryable with that Retry-After.
   */
  describe(ref: string): Promise<PortRead<AttachmentMeta | null>>;
  /**
   * Bytes `offset` to `offset + length` of the file, or null when it is gone, or a failure value
   * as for `describe`. A range read: a chunk never loads the whole file.
   */
  read(ref: string, offset: number, length: number): Promise<PortRead<Uint8Array | null>>;
}

/**
 * The receiving side's chunks in progress, per transfer key (`attachmentKey`): a file's chunks
 * arrive over several pulls. At most `ATTACHMENT_MAX_CHUNKS` per key; each chunk's data is at
 * most 122,880 characters, so one chunk fits a 240 KiB KVS value or a Long Text Area.
 */
export interface AttachmentChunkStore {
  /** Keeps a chunk under its index; a chunk already kept at that index is replaced. */
  put(key: string, chunk: AttachmentChunk): Promise<void>;
  /** The chunks kept for a key, any order. */
  list(key: string): Promise<AttachmentChunk[]>;
  /** Forgets every chunk of a key (the file was stored, or was found corrupt). */
  clear(key: string): Promise<void>;
}

/** A complete, checked file to attach to a local entity. */
export interface AttachedFile {
  /** `attachmentKey(connection, remote attachment id, sha256)`: the idempotence key. */
  key: string;
  connectionId: string;
  /** The local entity. */
  local: EntityRef;
  /** The local copy the apply created for the remote attachment (the link's pair). */
  localAttachmentId: string;
  remoteAttachmentId: string;
  filename: string;
  mimeType: string;
  sha256: string;
  bytes: Uint8Array;
}

/**
 * The receiving side's files. Forge: `POST /rest/api/3/issue/{key}/attachments` as the app, the
 * key kept in an entity property; Salesforce: a `ContentVersion` linked to the Case, the key in
 * `Tandem_Attachment_Key__c`.
 */
export interface AttachmentStore {
  /**
   * What this side holds for a remote attachment on this local entity: the SHA-256 of the file
   * stored, or, when the fallback note was posted instead, the hash the note was for (`''` when
   * the sender announced none); null when it holds neither, and the file is to be fetched; or a
   * failure value (`portFailure`) when it could not tell: the file is queued as not stored, due
   * after the retry policy's wait (at least the failure's Retry-After).
   */
  storedHash(
    connectionId: string,
    local: EntityRef,
    remoteAttachmentId: string,
  ): Promise<PortRead<string | null>>;
  /**
   * Attaches the bytes, idempotent by `file.key`: a key already stored creates nothing and
   * answers `created: false`, so a file delivered twice is one file.
   */
  attach(file: AttachedFile): Promise<{ ok: true; created: boolean } | { ok: false; error: SyncFailure }>;
  /**
   * Posts the visible fallback note on the local entity (a Jira comment, a Salesforce Case
   * comment), idempotent by `note.key`: a note already posted for the key is not posted again.
   */
  addNote(note: FallbackNote): Promise<{ ok: true } | { ok: false; error: SyncFailure }>;
}

/** The note posted instead of a file over a cap. */
export interface FallbackNote {
  /** `note:` and the file's `attachmentKey` (hash `''` when the sender announced none). */
  key: string;
  connectionId: string;
  local: EntityRef;
  remoteAttachmentId: string;
  /** The hash the replica announced for the file, or `''`. */
  sha256: string;
  /** "File big.zip (30 MB) is over the 25 MB limit; open it in Jira: https://..." */
  text: string;
}

/** Bytes a connection transferred on one UTC day, at a compare-and-set version. */
export interface AllowanceUse {
  bytes: number;
  /** 0 when nothing is stored for the day yet. */
  version: number;
}

/**
 * The sending side's per-connection, per-UTC-day byte counter, for the `attachment-connection-cap`
 * fallback; compare-and-set like `LinkStore.save` and `WorkQueue.put` (Forge: a conditional
 * Custom Entity Store write; Salesforce: `SELECT ... FOR UPDATE`).
 */
export interface AttachmentAllowance {
  /** What the connection used on `day` (`YYYY-MM-DD`). */
  get(connectionId: string, day: string): Promise<AllowanceUse>;
  /** Stores `bytes` for the day only if the stored version is still `version`. */
  put(connectionId: string, day: string, bytes: number, version: number): Promise<ConditionalWrite>;
}

/** The receiving side's attachment ports, given to the engine (`SyncDeps.attachments`). */
export interface ReceivingAttachmentPorts {
  /** One item per attachment (`attachmentQueueKey`), beside the inbox. */
  queue: WorkQueue;
  store: AttachmentStore;
  chunks: AttachmentChunkStore;
  /** The hashing port; `defaultSha256()` when omitted. */
  sha256?: Sha256;
}

/** The sending side's attachment ports, given to the rendezvous or the client. */
export interface SendingAttachmentPorts {
  source: AttachmentSource;
  allowance: AttachmentAllowance;
  /** Per-file cap and per-day allowance (defaults: 25 MiB, 1 GiB). */
  caps?: Pick<AttachmentCaps, 'maxFileBytes' | 'maxConnectionBytesPerDay'>;
  sha256?: Sha256;
}
