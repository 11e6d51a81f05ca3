/**
 * The acknowledgement lines of section 4.3 of docs/sync-semantics.md: which of our replicas the
 * incoming one says the remote had applied (`acked`), the snapshot of that replica when the
 * acknowledgement is new, and the delivered replicas of ours the remote had not seen yet.
 */
import type { Link, SentSnapshot } from '../model/link';
import type { ReplicaMessage } from '../model/sync-message';

/** What the incoming replica's `applied` tells about our replicas. */
export interface Acknowledgement {
  /** Our outgoing seq now (0 before the first build). */
  outgoingSeq: number;
  /** The acknowledged seq recorded before this apply. */
  priorAcked: number;
  /** The newest of our seqs the remote had applied, per this replica (an ack of a seq never sent is ignored). */
  acked: number;
  /** The snapshot of our replica `acked` when the acknowledgement is new, else undefined. */
  snapshot: SentSnapshot | undefined;
  /** Our delivered replicas newer than `acked`: the remote built this one without them. */
  unseen: SentSnapshot[];
  /** The seq of the first of `unseen`, Infinity when none. */
  firstUnseenSeq: number;
}

/**
 * Reads the acknowledgement of `message` against the link. A replica still waiting in our outbox
 * is not among the unseen: the apply brings it up to date (refresh-pending-replica.ts).
 */
export function readAcknowledgement(link: Link | null, message: ReplicaMessage): Acknowledgement {
  const outgoingSeq = link?.outgoing.seq ?? 0;
  const priorAcked = link?.incoming.acked ?? 0;
  const acked = message.applied <= outgoingSeq ? Math.max(priorAcked, message.applied) : priorAcked;
  const snapshot = acked > priorAcked ? link?.outgoing.unacked.find((s) => s.seq === acked) : undefined;
  const delivered = link?.outgoing.delivered ?? 0;
  const unseen = (link?.outgoing.unacked ?? []).filter((s) => s.seq > acked && s.seq <= delivered);
  return { outgoingSeq, priorAcked, acked, snapshot, unseen, firstUnseenSeq: unseen[0]?.seq ?? Infinity };
}
