/**
 * The conversions between the engine's messages and the protocol's envelopes that the rendezvous
 * and its client share: an outbox item as a carried envelope (under the item's own message id),
 * a verified envelope as the engine's message, and an engine result as an ack result.
 */
import {
  createEnvelope,
  type AckResult,
  type BatchedMessage,
  type Envelope,
  type MessageStamp,
} from '../../protocol';
import { downgradeReplica, type Replica } from '../../replica';
import { classifyFailure } from '../queue/classify-failure';
import type { QueueItem } from '../model/queue-item';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { SyncMessage } from '../model/sync-message';

/** The envelope of a sync message, stamped as given (a carried message uses its item's message id). */
export function envelopeOf(message: SyncMessage, stamp: MessageStamp): BatchedMessage {
  return message.kind === 'replica'
    ? createEnvelope(
        'replica',
        {
          replica: message.replica,
          target: message.target,
          applied: message.applied,
          ...(message.policy === undefined ? {} : { policy: message.policy }),
          ...(message.trimmed === undefined ? {} : { trimmed: message.trimmed }),
        },
        stamp,
      )
    : createEnvelope(
        'unlink',
        { entity: message.entity, target: message.target, reason: message.reason },
        stamp,
      );
}

/** An outbox item as the envelope a batch or push carries: under the item's message id, stamped `sentAt`. */
export function carriedEnvelope(item: QueueItem & { message: SyncMessage }, sentAt: number): BatchedMessage {
  return envelopeOf(item.message, { connectionId: item.connectionId, messageId: item.messageId, sentAt });
}

/** Turns a replica into an older format (lane C's `downgradeReplica`), or null when it cannot. */
export type ReplicaDowngrade = (replica: Replica, toVersion: number) => Replica | null;

/** The downgrade this code knows: v2 to v1 (`downgradeReplica`: field times left out, same hash). */
export const REPLICA_DOWNGRADE: ReplicaDowngrade = (replica, toVersion) =>
  toVersion === 1 ? downgradeReplica(replica) : null;

/**
 * The message in a replica format the peer reads: as it is when the peer reads its format,
 * else downgraded to the newest format the peer reads (by `REPLICA_DOWNGRADE` unless another
 * `downgrade` is given), else null (it cannot be sent as it is).
 * An unlink carries no replica and always goes.
 */
export function inSpokenFormat(
  message: SyncMessage,
  replicaVersions: readonly number[],
  downgrade: ReplicaDowngrade | undefined,
): SyncMessage | null {
  if (message.kind !== 'replica' || replicaVersions.includes(message.replica.schema)) return message;
  const target = Math.max(...replicaVersions.filter((version) => version < message.replica.schema));
  const older = Number.isFinite(target) ? (downgrade ?? REPLICA_DOWNGRADE)(message.replica, target) : null;
  return older ? { ...message, replica: older } : null;
}

/** A verified replica or unlink envelope as the engine's message. */
export function syncMessageOf(envelope: Envelope<'replica' | 'unlink'>): SyncMessage {
  return envelope.kind === 'replica'
    ? { kind: 'replica', ...envelope.body }
    : { kind: 'unlink', ...envelope.body };
}

/** What the engine made of a message, as the ack result that tells the sender. */
export function ackResultOf(
  messageId: string,
  received: { ok: true } | { ok: false; error: SyncFailure },
): AckResult {
  if (received.ok) return { messageId, outcome: 'accepted' };
  return {
    messageId,
    outcome: 'rejected',
    error: {
      code: received.error.code,
      message: cutMessage(received.error.message),
      retryable: classifyFailure(received.error) === 'transient',
    },
  };
}

/** A peer's rejection as the failure the sender's queue records (retryable ones are retried). */
export function failureOfRejection(error: {
  code: string;
  message: string;
  retryable: boolean;
}): SyncFailure {
  return {
    code: error.retryable ? 'unavailable' : 'rejected',
    message: `The other side refused it (${error.code}): ${error.message}`,
  };
}

/** An ack error message is at most 4000 characters on the wire (docs/protocol.md, "Limits"). */
const MAX_ACK_MESSAGE = 4000;

function cutMessage(message: string): string {
  if (message.length === 0) return 'No reason given.';
  return message.length <= MAX_ACK_MESSAGE ? message : `${message.slice(0, MAX_ACK_MESSAGE - 1)}…`;
}

/** The failure of a replica the peer cannot read: permanent until one side is upgraded. */
export function unspokenFailure(replicaVersions: readonly number[]): SyncFailure {
  return syncFailure(
    'schema',
    `The other side reads replica formats ${replicaVersions.join(', ')} only, and this replica cannot be written in them. Update the other side.`,
  );
}
