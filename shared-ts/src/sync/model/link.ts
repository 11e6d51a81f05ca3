/**
 * A link: what this side remembers about one synced pair (connection, local entity). It is
 * plain JSON so that the platforms can store it as is (a KVS value, a long text field) and the
 * conformance vectors can spell it out. The last applied replica (`previous`) is stored beside
 * the link, not in it: it is large and only the apply needs it.
 */
import type { EntityRef, JsonValue } from '../../replica';
import type { ReplicaTrim } from '../outgoing/replica-budget';

/** The link format this code writes; `migrateLink` brings a v1 link (no `format`) up to it. */
export const LINK_FORMAT = 2;

/** A remote item (comment, attachment) and the local copy the apply created for it. */
export interface IdPair {
  remote: string;
  local: string;
}

/**
 * A local value both sides are known to agree on, at a path written by the incoming rules.
 * `sentSeq` is this side's outgoing seq when the agreement was recorded: a later
 * acknowledgement of a newer outgoing seq supersedes it.
 */
export interface BaselineEntry {
  path: string[];
  value: JsonValue;
  sentSeq: number;
}

/**
 * The local field values when the outgoing replica `seq` was built (comments and attachments
 * left out). When the remote acknowledges `seq`, its replica may show these values back to us:
 * that is an echo of our own change, not a remote change.
 */
export interface SentSnapshot {
  seq: number;
  /** The remote seq this replica acknowledged (`applied` on its message) when it was built. */
  applied: number;
  /**
   * The local values at the top-level fields the incoming rules write (all fields when they
   * cannot be told), a value over 1 KiB of canonical JSON replaced by `{"$digest": <sha-256>}`.
   */
  view: Record<string, JsonValue>;
}

/**
 * One field of the last outgoing replica built: a digest of its value (SHA-256 of its canonical
 * JSON), and when it last changed (the entity's `modifiedAt` at the build that first showed the
 * value; null when unknown). Successive builds derive `Replica.fieldTimes` from these.
 */
export interface FieldStamp {
  digest: string;
  time: string | null;
}

/**
 * What the incoming rules wrote from the last applied replica, kept so that the next apply, whose
 * `previous` that replica is, need not run the rules on it again (docs/sync-semantics.md, 4.2).
 * Kept only for rules that read nothing but `replica` and `connection` (their compiled
 * `dependencies`), and only when the writes' JSON is at most `MAX_PREVIOUS_RUN_CHARS` long.
 */
export interface PreviousRun {
  /** The `hash` of the replica the writes were computed from. */
  replicaHash: string;
  /** The rules version they were computed with: SHA-256 of the side, incoming script and connection facts. */
  rules: string;
  /** The writes, the last one per path, in first-write order. */
  writes: { path: string[]; value: JsonValue }[];
}

/** The longest JSON (in UTF-16 code units) of the writes a link keeps as `incoming.previousRun`. */
export const MAX_PREVIOUS_RUN_CHARS = 65_536;

/** Whether the pair still syncs. Unlinking stops sync for good; both entities keep their data. */
export type LinkState = 'active' | 'unlinked';

/** What this side keeps per synced pair. */
export interface Link {
  /** The link format, 2. */
  format: typeof LINK_FORMAT;
  connectionId: string;
  /** The local entity. */
  local: EntityRef;
  /** The remote entity, once a replica from it has been applied. */
  remote: EntityRef | null;
  state: LinkState;
  incoming: {
    /** Seq of the last remote replica applied; 0 before the first. */
    seq: number;
    /** The newest outgoing seq of ours that the remote had applied, per its last applied replica. */
    acked: number;
    /** Local values the two sides agree on, by incoming-rules path. */
    baseline: BaselineEntry[];
    /** What the incoming rules wrote from the last applied replica (`previous`); absent when not kept. */
    previousRun?: PreviousRun;
  };
  outgoing: {
    /** Seq of the last outgoing replica built; 0 before the first. */
    seq: number;
    /** Content hash of the last replica sent (or deliberately not sent because it was an echo). */
    lastSentHash: string | null;
    /** Snapshots of the replicas sent and not yet acknowledged, oldest first (a few at most). */
    unacked: SentSnapshot[];
    /**
     * The newest outgoing seq known to have reached the remote: its delivery succeeded, or the
     * remote acknowledged it (or a newer one). 0 before the first.
     */
    delivered: number;
    /** Per field of the last replica built, by JSON pointer (`/summary`, `/custom/Tier`). */
    fields: Record<string, FieldStamp>;
  };
  /** Comments this side created from remote comments. Their local copies are never sent back. */
  comments: IdPair[];
  /** Attachments this side created from remote attachments. Never sent back either. */
  attachments: IdPair[];
  /** When the pair last synced successfully in either direction. */
  lastSyncAt: string | null;
  /**
   * The compare-and-set counter of the stored link: the version this copy was read at (0 for a
   * link never stored). `LinkStore.save` stores it only if the stored version is still this one,
   * and bumps it; the value the engine holds is never written by hand.
   */
  version: number;
  /**
   * What the latest outgoing replica left out to fit the replica budget (the oldest comments,
   * then attachments); absent when it left out nothing. The status shows it.
   */
  trimmed?: ReplicaTrim;
}
