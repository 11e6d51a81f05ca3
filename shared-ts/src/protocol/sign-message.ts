import { canonicalJson } from '../util/canonical-json';
import { toHex } from '../util/digest';
import { hmacSha256 } from './hmac-sha256';
import type { EnvelopeOf, MessageKind } from './message-envelope';
import { secretBytes } from './secret-bytes';
import { signingInput } from './signing-input';
import { CONNECTION_ID_PATTERN, HEADERS, MESSAGE_ID_PATTERN, SIGNATURE_PREFIX } from './wire-format';
import { parseWireTimestamp } from './wire-timestamp';

/** A message ready to send: the body bytes (as text) and the headers that go with them. */
export interface SignedMessage {
  headers: {
    'Content-Type': 'application/json; charset=utf-8';
    'X-Tandem-Connection': string;
    'X-Tandem-Message-Id': string;
    'X-Tandem-Timestamp': string;
    'X-Tandem-Signature': string;
  };
  /** Send these exact characters as UTF-8; the signature covers them byte for byte. */
  body: string;
}

/**
 * Serialises an envelope (canonical JSON) and signs it with HMAC-SHA256 under `secret`
 * (base64url, 32 bytes). Used for requests and responses alike. Each delivery attempt must be a
 * new envelope (new message id and time): receivers refuse a message id they have seen.
 *
 * @throws RangeError when the secret is not 32 bytes of base64url, or the envelope's connection
 * id, message id or time is not in wire format: those are bugs in the caller, not wire failures.
 */
export async function signMessage<K extends MessageKind>(
  envelope: EnvelopeOf<K>,
  secret: string,
): Promise<SignedMessage> {
  const key = secretBytes(secret);
  if (!key)
    throw new RangeError('The secret must be 32 bytes written as unpadded base64url (43 characters).');
  if (!CONNECTION_ID_PATTERN.test(envelope.connectionId)) {
    throw new RangeError(
      `Connection id ${JSON.stringify(envelope.connectionId)} is not 1 to 64 of A-Z a-z 0-9 . _ -.`,
    );
  }
  if (!MESSAGE_ID_PATTERN.test(envelope.messageId)) {
    throw new RangeError(`Message id ${JSON.stringify(envelope.messageId)} is not a ULID.`);
  }
  if (parseWireTimestamp(envelope.sentAt) === null) {
    throw new RangeError(
      `sentAt ${JSON.stringify(envelope.sentAt)} is not an ISO-8601 UTC time with milliseconds.`,
    );
  }
  const body = canonicalJson(envelope);
  const input = signingInput({
    connectionId: envelope.connectionId,
    messageId: envelope.messageId,
    timestamp: envelope.sentAt,
    body,
  });
  const mac = await hmacSha256(key, new TextEncoder().encode(input));
  return {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      [HEADERS.connection]: envelope.connectionId,
      [HEADERS.messageId]: envelope.messageId,
      [HEADERS.timestamp]: envelope.sentAt,
      [HEADERS.signature]: `${SIGNATURE_PREFIX}${toHex(mac)}`,
    },
    body,
  };
}
