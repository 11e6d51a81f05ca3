/**
 * Message envelope v1: every request and every response between two Tandem nodes is one JSON
 * envelope, signed over its exact bytes (see `signMessage`). docs/protocol.md is the contract.
 */
import type { EntityRef, Replica } from '../replica';
import type { Speaks } from './speaks';

/** The envelope version this code writes and reads. */
export const PROTOCOL_VERSION = 1;

/**
 * Every kind of message. Requests (to the rendezvous): `hello`, `replica`, `unlink`, `push`,
 * `pull`. Responses (from it): `hello-ack` to a hello, `ack` to a replica, unlink or push,
 * `batch` to a pull. With capability `attachments-v1`: `attachment-want` (a receiver asks for
 * files by `ref`), answered by `attachment-chunks`.
 */
export const MESSAGE_KINDS = [
  'hello',
  'hello-ack',
  'replica',
  'unlink',
  'push',
  'pull',
  'batch',
  'ack',
  'attachment-want',
  'attachment-chunks',
] as const;

/** One of `MESSAGE_KINDS`. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** A site (a Jira Cloud site, a Salesforce org) as people know it. */
export interface SiteInfo {
  /** Display name: "Acme Jira", "Acme Support org". */
  name: string;
  /** Base URL of the site (https). */
  url: string;
}

/**
 * Sent once by the side that accepts an invitation, signed with the invitation's secret: that
 * signature is the proof that the sender holds the code.
 */
export interface HelloBody {
  /** The invitation id carried by the code (32 lowercase hex digits). */
  invitationId: string;
  /**
   * 32 random bytes, base64url, chosen by the accepting side. Both sides derive the connection
   * secret from the invitation secret and this nonce (`deriveConnectionSecret`). A retry of the
   * same hello sends the same nonce.
   */
  nonce: string;
  /** The accepting side's platform: `salesforce`, `jira`, `zendesk`, ... */
  platform: string;
  /** The accepting side's site. */
  site: SiteInfo;
  /** What the accepting side speaks; absent from a v1 node (`V1_PEER_SPEAKS`). */
  speaks?: Speaks;
}

/** The initiator's answer to a hello, signed with the new connection secret. */
export interface HelloAckBody {
  /** The message id of the hello this answers. */
  inReplyTo: string;
  /** The initiator's platform. */
  platform: string;
  /** The initiator's site. */
  site: SiteInfo;
  /** What the initiator speaks; absent from a v1 node (`V1_PEER_SPEAKS`). */
  speaks?: Speaks;
}

/** The conflict policies a replica body may name (the sync engine's `ConflictPolicy`). */
export const REPLICA_POLICIES = ['remote-wins', 'local-wins', 'newest-wins'] as const;

/** One of `REPLICA_POLICIES`. */
export type ReplicaPolicy = (typeof REPLICA_POLICIES)[number];

/** The sender's whole view of one entity (the sync engine's `ReplicaMessage`, without its kind). */
export interface ReplicaBody {
  /** Valid against the replica schema (docs/replica.md); `verifyMessage` checks it. */
  replica: Replica;
  /** The receiver's entity, when the sender knows it (its link's remote); null on first contact. */
  target: EntityRef | null;
  /** The seq of the newest replica from the receiver that the sender had applied (0 if none). */
  applied: number;
  /**
   * The sender's conflict policy. Optional: absent (an older sender) means unknown. When it is
   * the receiver's own `remote-wins` or `local-wins`, both settle conflicts by `newest-wins`.
   */
  policy?: ReplicaPolicy;
  /**
   * Present when the replica left its oldest comments or attachments out to fit the replica
   * budget: how many of each it carries of how many the sender has. Optional: absent means
   * nothing was left out (or an older sender). Receivers propagate no delete of a collection that
   * was cut.
   */
  trimmed?: ReplicaBodyTrim;
}

/** How many items of a collection a trimmed replica carries (`sent`) of how many there are (`total`). */
export interface ReplicaBodyTrim {
  comments: { sent: number; total: number };
  attachments: { sent: number; total: number };
}

/** The sender stopped syncing this pair; the receiver stops too. Data stays on both sides. */
export interface UnlinkBody {
  /** The sender's entity. */
  entity: EntityRef;
  /** The receiver's entity, when known. */
  target: EntityRef | null;
  /** Why, in words for the other side's log ("Unlinked by ana@acme.com"); null when none was given. */
  reason: string | null;
}

/** What became of one message: taken into the receiver's inbox, or refused. */
export type AckResult =
  | {
      messageId: string;
      /** Persisted by the receiver; it will be applied (idempotently). */
      outcome: 'accepted';
    }
  | {
      messageId: string;
      /** Not taken. `retryable` says whether sending it again (as a new message) may succeed. */
      outcome: 'rejected';
      error: { code: string; message: string; retryable: boolean };
    };

/** The result of each message the receiver was asked about. */
export interface AckBody {
  results: AckResult[];
}

/**
 * Asks the rendezvous for waiting messages, and acknowledges those of earlier batches.
 *
 * DESIGN.md draws the Salesforce poll as a GET. It is a signed POST instead: the web trigger
 * authenticates nothing itself, so every request needs a signed body with a message id and a
 * timestamp (replay and clock checks), and the pull also carries the acks of the last batch.
 */
export interface PullBody {
  /** At most this many messages (1 to `MAX_PULL_LIMIT`). */
  limit: number;
  /** Results of messages received in earlier batches; the rendezvous stops offering those. */
  acks: AckResult[];
}

/** The largest `limit` of a pull. */
export const MAX_PULL_LIMIT = 100;

/** Messages carried inside a batch or a push: unsigned themselves, covered by the carrier's signature. */
export type BatchedMessage = Envelope<'replica' | 'unlink'>;

/**
 * Several replicas and unlinks in one request (capability `batch-push`), answered by one `ack`
 * with a result per carried message. Each carried message keeps its own id (the sender's queue
 * item's `messageId`), which is not replay-checked: the push itself is.
 */
export interface PushBody {
  /** At most `MAX_PUSH_MESSAGES` messages, oldest first (a sender sends at least one). */
  messages: BatchedMessage[];
}

/** The most messages one push carries. */
export const MAX_PUSH_MESSAGES = 100;

/** The rendezvous's answer to a pull. */
export interface BatchBody {
  /** The message id of the pull this answers. */
  inReplyTo: string;
  /** Waiting messages, oldest first; offered again in later batches until acknowledged. */
  messages: BatchedMessage[];
  /** True when more messages wait than this batch carries. */
  more: boolean;
  /**
   * Capability `attachments-both-ways` only: files the rendezvous's side wants from the puller
   * (at most `MAX_ATTACHMENT_WANTS`, within the batch's byte budget). The puller answers them in a
   * request of its own, an `attachment-chunks` whose `inReplyTo` is this batch's message id.
   * Absent when none (and always from a node without the capability).
   */
  wants?: AttachmentWantItem[];
}

/** The most files one `attachment-want` asks for. */
export const MAX_ATTACHMENT_WANTS = 20;

/** The most chunks one `attachment-chunks` carries (8 x 120 KiB of base64url stays under 1 MiB). */
export const MAX_ATTACHMENT_CHUNKS_PER_MESSAGE = 8;

/** Most base64url characters of a chunk's data: 90 KiB of bytes (the attachments core's chunk size). */
export const MAX_ATTACHMENT_CHUNK_DATA_CHARS = 122_880;

/** Most chunks of one file: a 100 MiB file, the largest per-file cap a connection may set. */
export const MAX_ATTACHMENT_FILE_CHUNKS = 1138;

/** One file a receiver asks for: the replica attachment's `id` and `ref`, from chunk `from` on. */
export interface AttachmentWantItem {
  /** The attachment's id on the sending side. */
  id: string;
  /** The attachment's opaque `ref`, passed back as the replica gave it. */
  ref: string;
  /** The first chunk wanted (0-based): a transfer resumes where the last answer stopped. */
  from: number;
}

/** A receiver asks for the bytes of attachments it lacks (capability `attachments-v1`). */
export interface AttachmentWantBody {
  /** 1 to `MAX_ATTACHMENT_WANTS` files. */
  wants: AttachmentWantItem[];
}

/** One chunk of a file as it travels (the attachments core's `AttachmentChunk`). */
export interface AttachmentChunkWire {
  /** 0-based, below `count`. */
  index: number;
  /** Chunks of the whole file, 1 to `ATTACHMENT_MAX_CHUNKS`. */
  count: number;
  /** The chunk's bytes (at most 90 KiB), unpadded base64url. */
  data: string;
  /** SHA-256 of the chunk's bytes, 64 lowercase hex digits. */
  sha256: string;
}

/** The answer for one wanted file: chunks of it, a link and a note instead, or a coded refusal. */
export type AttachmentAnswer =
  | {
      id: string;
      ref: string;
      outcome: 'chunks';
      /** The whole file's size and SHA-256, checked when the last chunk is in. */
      size: number;
      sha256: string;
      chunks: AttachmentChunkWire[];
    }
  | { id: string; ref: string; outcome: 'link'; url: string | null; note: string }
  | {
      id: string;
      ref: string;
      outcome: 'refused';
      /**
       * As in an ack; `retryAfterSeconds` (optional, 0 to 86400) is how long the sender asks to
       * wait before the file is wanted again (its platform answered 429 or 503 with Retry-After).
       */
      error: { code: string; message: string; retryable: boolean; retryAfterSeconds?: number };
    };

/** The sender's answer to an `attachment-want`. */
export interface AttachmentChunksBody {
  /** The message id of the want this answers. */
  inReplyTo: string;
  /** One answer per wanted file that fits; at most `MAX_ATTACHMENT_CHUNKS_PER_MESSAGE` chunks in all. */
  files: AttachmentAnswer[];
}

/** The body type of each kind. */
export interface MessageBodies {
  hello: HelloBody;
  'hello-ack': HelloAckBody;
  replica: ReplicaBody;
  unlink: UnlinkBody;
  push: PushBody;
  pull: PullBody;
  batch: BatchBody;
  ack: AckBody;
  'attachment-want': AttachmentWantBody;
  'attachment-chunks': AttachmentChunksBody;
}

/** An envelope of one kind. */
export interface EnvelopeOf<K extends MessageKind> {
  v: typeof PROTOCOL_VERSION;
  /** The connection this message belongs to (1 to 64 of `A-Z a-z 0-9 . _ -`). */
  connectionId: string;
  /** A ULID, unique per message sent (a retry is a new message with a new id). */
  messageId: string;
  kind: K;
  /** When it was sent, ISO-8601 UTC with milliseconds (`2026-11-20T10:00:00.000Z`). */
  sentAt: string;
  body: MessageBodies[K];
}

/** An envelope of any of the given kinds (all kinds by default), discriminated by `kind`. */
export type Envelope<K extends MessageKind = MessageKind> = K extends MessageKind ? EnvelopeOf<K> : never;
