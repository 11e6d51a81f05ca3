import { canonicalJson } from '../util/canonical-json';
import { toHex } from '../util/digest';
import { hmacSha256 } from './hmac-sha256';
import type { EnvelopeOf, MessageKind } from './message-envelope';
import { secretBytes } from './secret-bytes';
import { signingInput } from './signing-input';
import { CONNECTION_ID_PATTERN, HEADERS, MESSAGE_ID_PATTERN, SIGNATURE_PREFIX } from './wire-format';
import { parseWireTimestamp } from './wire-timestamp';
import { protocolFailure, type ProtocolFailure, type SigningErrorCode } from './protocol-error';

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

/** What `signMessage` answers: the signed message, or why it could not sign. */
export type SignResult = { ok: true; signed: SignedMessage } | ProtocolFailure<SigningErrorCode>;

/**
 * Serialises an envelope (canonical JSON) and signs it with HMAC-SHA256 under `secret`
 * (base64url, 32 bytes). Used for requests and responses alike. Each delivery attempt must be a
 * new envelope (new message id and time): receivers refuse a message id they have seen.
 *
 * Fails with `secret-invalid` when the secret is not 32 bytes of base64url, and with
 * `envelope-invalid` when the envelope's connection id, message id or time is not in wire format
 * (or the envelope is no object): bugs in the caller, not wire failures, but answered as values.
 */
export async function signMessage<K extends MessageKind>(
  envelope: EnvelopeOf<K>,
  secret: string,
): Promise<SignResult> {
  const key = typeof secret === 'string' ? secretBytes(secret) : null;
  if (!key) {
    return protocolFailure(
      'secret-invalid',
      'The secret must be 32 bytes written as unpadded base64url (43 characters).',
    );
  }
  const problem = envelopeProblem(envelope);
  if (problem) return protocolFailure('envelope-invalid', problem);
  const body = canonicalJson(envelope);
  const input = signingInput({
    connectionId: envelope.connectionId,
    messageId: envelope.messageId,
    timestamp: envelope.sentAt,
    body,
  });
  const mac = await hmacSha256(key, new TextEncoder().encode(input));
  const signed: SignedMessage = {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      [HEADERS.connection]: envelope.connectionId,
      [HEADERS.messageId]: envelope.messageId,
      [HEADERS.timestamp]: envelope.sentAt,
      [HEADERS.signature]: `${SIGNATURE_PREFIX}${toHex(mac)}`,
    },
    body,
  };
  return { ok: true, signed };
}

/** Why the envelope's stamp is not in wire format, or null. */
function envelopeProblem(envelope: unknown): string | null {
  if (typeof envelope !== 'object' || envelope === null) return 'The envelope must be an object.';
  const { connectionId, messageId, sentAt } = envelope as Record<string, unknown>;
  if (typeof connectionId !== 'string' || !CONNECTION_ID_PATTERN.test(connectionId))
    return `Connection id ${JSON.stringify(connectionId) ?? 'undefined'} is not 1 to 64 of A-Z a-z 0-9 . _ -.`;
  if (typeof messageId !== 'string' || !MESSAGE_ID_PATTERN.test(messageId))
    return `Message id ${JSON.stringify(messageId) ?? 'undefined'} is not a ULID.`;
  if (typeof sentAt !== 'string' || parseWireTimestamp(sentAt) === null)
    return `sentAt ${JSON.stringify(sentAt) ?? 'undefined'} is not an ISO-8601 UTC time with milliseconds.`;
  return null;
}
