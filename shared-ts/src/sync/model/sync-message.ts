/**
 * What one engine sends the other, as the body of a protocol envelope of the same kind.
 * Plain JSON; the protocol signs the bytes, the engine never sees signatures.
 */
import type { EntityRef, Replica } from '../../replica';
import type { ReplicaTrim } from '../outgoing/replica-budget';
import type { ConflictPolicy } from './sync-policy';

/** The sender's whole view of one entity. */
export interface ReplicaMessage {
  kind: 'replica';
  replica: Replica;
  /** The receiver's entity, when the sender knows it (its link's remote); null on first contact. */
  target: EntityRef | null;
  /**
   * The seq of the newest replica from the receiver that the sender had applied when it built
   * this one (0 if none). It lets the receiver tell an echo of its own change from a remote change.
   */
  applied: number;
  /**
   * The sender's conflict policy. When it equals the receiver's and is `remote-wins` or
   * `local-wins`, the receiver settles conflicts by `newest-wins` (the sender does the same).
   * Absent from older senders: unknown, the receiver's own policy decides.
   */
  policy?: ConflictPolicy;
  /**
   * Present when the replica left items out to fit the replica budget: how many of each
   * collection it carries of how many the sender has (docs/replica.md, "Size budget"). A receiver
   * whose rules propagate deletes removes no copy of an item of a collection that was cut, since
   * a left-out item cannot be told from a deleted one. Absent from older senders.
   */
  trimmed?: ReplicaTrim;
}

/** The sender stopped syncing this pair; the receiver stops too. Data stays on both sides. */
export interface UnlinkMessage {
  kind: 'unlink';
  /** The sender's entity. */
  entity: EntityRef;
  /** The receiver's entity, when known. */
  target: EntityRef | null;
  /** Why, in words for the other side's log ("Unlinked by ana@acme.com"); null when none was given. */
  reason: string | null;
}

/** Every message the engine exchanges. */
export type SyncMessage = ReplicaMessage | UnlinkMessage;
