import { PROTOCOL_VERSION, type EnvelopeOf, type MessageBodies, type MessageKind } from './message-envelope';
import { formatWireTimestamp } from './wire-timestamp';

/** Who sends a message, under which id, and when. */
export interface MessageStamp {
  connectionId: string;
  /** A new ULID (`createMessageIdGenerator`). */
  messageId: string;
  /** When it is sent, epoch ms. */
  sentAt: number;
}

/** A v1 envelope of `kind` carrying `body`, stamped with its connection, id and time. */
export function createEnvelope<K extends MessageKind>(
  kind: K,
  body: MessageBodies[K],
  stamp: MessageStamp,
): EnvelopeOf<K> {
  return {
    v: PROTOCOL_VERSION,
    connectionId: stamp.connectionId,
    messageId: stamp.messageId,
    kind,
    sentAt: formatWireTimestamp(stamp.sentAt),
    body,
  };
}
