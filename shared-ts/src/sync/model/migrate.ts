/**
 * Migrations of what the adapters store, from format 1 (no `format` member) to format 2. Each
 * takes any stored value and returns the v2 value or a coded failure, never a throw: the store
 * may hold anything. A v2 value is returned as it is once its shape is checked (`stored-shape.ts`:
 * a record that says format 2 and is not one is a `schema` failure naming the member, never
 * passed through). Adapters migrate on read, so a store can
 * hold both formats while a connection upgrades; what they write is always v2.
 */
import { V1_PEER_SPEAKS, type Speaks } from '../../protocol';
import { migrateReplica, type EntityRef, type JsonValue, type Replica } from '../../replica';
import { LINK_FORMAT, type BaselineEntry, type IdPair, type Link, type SentSnapshot } from './link';
import { QUEUE_ITEM_FORMAT, type QueueItem } from './queue-item';
import { connectionShapeProblem, linkShapeProblem, queueItemShapeProblem } from './stored-shape';
import { syncFailure, type SyncFailure } from './sync-failure';
import type { SyncMessage } from './sync-message';

/** A migrated value, or why the stored value cannot be read as either format. */
export type Migrated<T> = { ok: true; value: T } | { ok: false; error: SyncFailure };

/** A link as format 1 stored it: no `format`, no `delivered`, no field stamps, snapshots without `applied`. */
export interface LinkV1 {
  connectionId: string;
  local: EntityRef;
  remote: EntityRef | null;
  state: Link['state'];
  incoming: { seq: number; acked: number; baseline: BaselineEntry[] };
  outgoing: {
    seq: number;
    lastSentHash: string | null;
    unacked: { seq: number; view: Record<string, JsonValue> }[];
  };
  comments: IdPair[];
  attachments: IdPair[];
  lastSyncAt: string | null;
}

/**
 * A link as format 2. From v1: `delivered` is the acknowledged seq (`incoming.acked`: the
 * remote had applied it, so it was delivered; later deliveries were not recorded), each snapshot's
 * `applied` is the link's `incoming.seq` (what a replica built then would have carried; a queued
 * one is re-stamped on the next apply anyway), and the field stamps are empty: every field's time
 * is unknown until the next build gives it the entity's `modifiedAt`.
 */
export function migrateLink(stored: unknown): Migrated<Link> {
  if (!isRecord(stored)) return invalid('link', 'not an object');
  if (stored.format === LINK_FORMAT) return checked('link', stored as unknown as Link, linkShapeProblem);
  if (stored.format !== undefined) return unknownFormat('link', stored.format);
  const v1 = stored as unknown as LinkV1;
  if (!isRecord(v1.incoming) || !isRecord(v1.outgoing) || !Array.isArray(v1.outgoing.unacked)) {
    return invalid('link', 'incoming or outgoing is missing');
  }
  const applied = typeof v1.incoming.seq === 'number' ? v1.incoming.seq : 0;
  const unacked: SentSnapshot[] = v1.outgoing.unacked.map((snapshot) => ({
    seq: snapshot.seq,
    applied,
    view: snapshot.view,
  }));
  return {
    ok: true,
    value: {
      format: LINK_FORMAT,
      ...v1,
      version: 0,
      outgoing: {
        seq: v1.outgoing.seq,
        lastSentHash: v1.outgoing.lastSentHash,
        unacked,
        delivered: typeof v1.incoming.acked === 'number' ? v1.incoming.acked : 0,
        fields: {},
      },
    },
  };
}

/**
 * A queue item as format 2: `format` added, a replica message's replica migrated to v2
 * (`migrateReplica`), and the members v1 did not have filled in: never offered (`offers` 0,
 * `lastOfferedAt` null), compare-and-set `version` 0 (as `migrateLink`), and a new `messageId`
 * from `newMessageId` (the platform's message-id generator, `createMessageIdGenerator`). A v1 item
 * without a message id is refused when no generator is given, since a batch could not map its ack
 * back to the item.
 */
export function migrateQueueItem(stored: unknown, newMessageId?: () => string): Migrated<QueueItem> {
  if (!isRecord(stored)) return invalid('queue item', 'not an object');
  if (stored.format === QUEUE_ITEM_FORMAT) {
    return checked('queue item', stored as unknown as QueueItem, queueItemShapeProblem);
  }
  if (stored.format !== undefined) return unknownFormat('queue item', stored.format);
  const item = stored as Partial<Omit<QueueItem, 'format'>>;
  const messageId = typeof item.messageId === 'string' ? item.messageId : newMessageId?.();
  if (messageId === undefined) {
    return invalid('queue item', 'a format 1 item has no messageId; migrate it with a message-id generator');
  }
  const message: SyncMessage | null | undefined =
    item.message?.kind === 'replica' && isRecord(item.message.replica)
      ? { ...item.message, replica: migrateReplica(item.message.replica) }
      : item.message;
  const migrated = {
    ...item,
    format: QUEUE_ITEM_FORMAT,
    offers: item.offers ?? 0,
    lastOfferedAt: item.lastOfferedAt ?? null,
    version: item.version ?? 0,
    messageId,
    message,
  } as QueueItem;
  return checked('queue item', migrated, queueItemShapeProblem);
}

/** A stored replica (the `previous` beside a link) as v2; see `migrateReplica`. */
export function migrateStoredReplica(stored: unknown): Migrated<Replica> {
  if (!isRecord(stored)) return invalid('replica', 'not an object');
  if (stored.schema !== 1 && stored.schema !== 2) return unknownFormat('replica', stored.schema);
  return { ok: true, value: migrateReplica(stored as unknown as Replica) };
}

/** The stored connection format this code writes. */
export const CONNECTION_FORMAT = 2;

/** The versions and capabilities a peer speaks, as its `hello` or `hello-ack` said (protocol `Speaks`). */
export type PeerSpeaks = Speaks;

/**
 * A stored connection as format 2: `format` added and, when the record does not say what the
 * peer speaks (`peerSpeaks`), a v1 peer assumed, so that nothing it cannot read is sent to it
 * until its next `hello` says more. Every other member is kept as it is.
 */
export function migrateConnection(
  stored: unknown,
): Migrated<Record<string, unknown> & { format: typeof CONNECTION_FORMAT; peerSpeaks: PeerSpeaks }> {
  if (!isRecord(stored)) return invalid('connection', 'not an object');
  if (stored.format !== undefined && stored.format !== CONNECTION_FORMAT) {
    return unknownFormat('connection', stored.format);
  }
  const peerSpeaks = hasOwn(stored, 'peerSpeaks')
    ? (stored.peerSpeaks as PeerSpeaks)
    : {
        ...V1_PEER_SPEAKS,
        protocol: [...V1_PEER_SPEAKS.protocol],
        replica: [...V1_PEER_SPEAKS.replica],
        capabilities: [],
      };
  return checked('connection', { ...stored, format: CONNECTION_FORMAT, peerSpeaks }, connectionShapeProblem);
}

/**
 * The replica as the peer can read it: as it is when the peer speaks replica 2, else v1
 * (`downgradeReplica`). Null when the peer speaks neither version this code writes.
 */
export function replicaVersionFor(peer: PeerSpeaks): 1 | 2 | null {
  if (peer.replica.includes(2)) return 2;
  if (peer.replica.includes(1)) return 1;
  return null;
}

/** The value when its shape holds, else a `schema` failure naming the first problem. */
function checked<T>(what: string, value: T, problemOf: (value: unknown) => string | null): Migrated<T> {
  const problem = problemOf(value);
  return problem === null ? { ok: true, value } : invalid(what, problem);
}

function hasOwn(value: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, name);
}

function invalid(what: string, why: string): Migrated<never> {
  return { ok: false, error: syncFailure('schema', `The stored ${what} cannot be read: ${why}.`) };
}

function unknownFormat(what: string, format: unknown): Migrated<never> {
  return {
    ok: false,
    error: syncFailure(
      'schema',
      `The stored ${what} has format ${JSON.stringify(format) ?? 'undefined'}, which this version does not read (it reads 1 and 2); update this side.`,
    ),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
