import { decodeHex } from './hex';
import { verifyHmacSha256 } from './hmac-sha256';
import type { MessageKind } from './message-envelope';
import { parseEnvelope, type ParsedEnvelope } from './parse-envelope';
import type { EpochClock, ReplayCache, SecretLookup } from './ports';
import { protocolFailure, type ProtocolFailure, type WireErrorCode } from './protocol-error';
import { secretBytes } from './secret-bytes';
import { signingInput } from './signing-input';
import {
  CONNECTION_ID_PATTERN,
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_MAX_BODY_BYTES,
  HEADERS,
  MESSAGE_ID_PATTERN,
  SIGNATURE_PREFIX,
} from './wire-format';
import { formatWireTimestamp, parseWireTimestamp } from './wire-timestamp';

/** Request or response headers as a platform hands them over (Forge gives arrays), any letter case. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A message as it came off the wire: headers and the body text exactly as received. */
export interface RawMessage {
  headers: HeaderBag;
  body: string;
}

/** What `verifyMessage` needs. */
export interface VerifyOptions<K extends MessageKind = MessageKind> {
  /** The secret of a connection (base64url), or null when it is unknown. */
  secretFor: SecretLookup;
  clock: EpochClock;
  replayCache: ReplayCache;
  /** Largest body accepted, in UTF-8 bytes. Default `DEFAULT_MAX_BODY_BYTES` (1 MiB). */
  maxBodyBytes?: number;
  /** How far the timestamp may be from `clock`, either way, in ms (edges included). Default 5 minutes. */
  clockSkewMs?: number;
  /** The kinds this endpoint takes; others are refused with `kind-unsupported`. Default: all. */
  kinds?: readonly K[];
}

/** A refusal. */
export interface VerifyFailure extends ProtocolFailure<WireErrorCode> {
  /**
   * Set when the signature was good and the message was refused after that: the receiver knows
   * who sent it and can answer with a signed `ack` rejecting `messageId` (docs/protocol.md).
   */
  authenticated?: { connectionId: string; messageId: string };
}

/**
 * Checks a received message before anything else touches it, in this order: body size (before any
 * parsing or crypto), the four headers, the timestamp window, the connection's secret, the
 * HMAC signature (constant-time), the envelope (version, kind, fields, replica schema), that the
 * headers agree with the envelope, and last the replay cache. Only a message that passes every
 * check is recorded in the replay cache, so nobody without the secret can fill it, and a refused
 * message leaves no trace.
 */
export async function verifyMessage<K extends MessageKind = MessageKind>(
  raw: RawMessage,
  options: VerifyOptions<K>,
): Promise<ParsedEnvelope<K> | VerifyFailure> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const skewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;

  // UTF-8 never takes fewer bytes than UTF-16 code units, so a long string is refused unencoded.
  if (raw.body.length > maxBodyBytes) return tooLarge(`more than ${maxBodyBytes}`, maxBodyBytes);
  const bodyBytes = new TextEncoder().encode(raw.body);
  if (bodyBytes.length > maxBodyBytes) return tooLarge(String(bodyBytes.length), maxBodyBytes);

  const headers = collectHeaders(raw.headers);
  const connectionId = headerValue(headers, HEADERS.connection);
  if (typeof connectionId !== 'string' || !CONNECTION_ID_PATTERN.test(connectionId)) {
    return headerInvalid(HEADERS.connection, connectionId, 'a connection id (1 to 64 of A-Z a-z 0-9 . _ -)');
  }
  const messageId = headerValue(headers, HEADERS.messageId);
  if (typeof messageId !== 'string' || !MESSAGE_ID_PATTERN.test(messageId)) {
    return headerInvalid(HEADERS.messageId, messageId, 'a ULID (26 characters of Crockford base32)');
  }
  const timestamp = headerValue(headers, HEADERS.timestamp);
  const sentAt = typeof timestamp === 'string' ? parseWireTimestamp(timestamp) : null;
  if (typeof timestamp !== 'string' || sentAt === null) {
    return headerInvalid(
      HEADERS.timestamp,
      timestamp,
      'an ISO-8601 UTC time with milliseconds (2026-11-20T10:00:00.000Z)',
    );
  }
  const signature = headerValue(headers, HEADERS.signature);
  const mac = typeof signature === 'string' ? signatureBytes(signature) : null;
  if (mac === null) {
    return protocolFailure(
      'signature-missing',
      `${HEADERS.signature} must be "${SIGNATURE_PREFIX}" followed by 64 hex digits (HMAC-SHA256); ${describeHeader(signature)}.`,
    );
  }

  const now = options.clock.now();
  if (Math.abs(now - sentAt) > skewMs) {
    return protocolFailure(
      'timestamp-out-of-window',
      `${HEADERS.timestamp} is ${timestamp}, but here it is ${formatWireTimestamp(now)}: more than ${skewMs / 1000} s apart. ` +
        `Check that the sender's clock is right (NTP), and sign each attempt afresh.`,
    );
  }

  const secret = await options.secretFor(connectionId);
  if (secret === null) {
    return protocolFailure(
      'connection-unknown',
      `There is no connection "${connectionId}" here: it was deleted or never completed. Pair the sites again with a new invitation.`,
    );
  }
  const key = secretBytes(secret);
  if (key === null) {
    return protocolFailure(
      'connection-unknown',
      `The stored secret of connection "${connectionId}" is not a 256-bit key; pair the sites again with a new invitation.`,
    );
  }
  const input = new TextEncoder().encode(
    signingInput({ connectionId, messageId, timestamp, body: raw.body }),
  );
  if (!(await verifyHmacSha256(key, mac, input))) {
    return protocolFailure(
      'signature-invalid',
      `The signature does not match the message: the sites do not share the same secret for connection "${connectionId}", ` +
        'or the headers or body changed on the way (sign the exact bytes you send).',
    );
  }

  const authenticated = { connectionId, messageId };
  const parsed = parseEnvelope<K>(raw.body, options.kinds);
  if (!parsed.ok) return { ...parsed, authenticated };
  const { envelope } = parsed;
  const mismatch =
    envelope.connectionId !== connectionId
      ? `${HEADERS.connection} is "${connectionId}" but the envelope's connectionId is "${envelope.connectionId}".`
      : envelope.messageId !== messageId
        ? `${HEADERS.messageId} is "${messageId}" but the envelope's messageId is "${envelope.messageId}".`
        : envelope.sentAt !== timestamp
          ? `${HEADERS.timestamp} is "${timestamp}" but the envelope's sentAt is "${envelope.sentAt}".`
          : null;
  if (mismatch) return { ...protocolFailure('header-mismatch', mismatch), authenticated };

  if (await options.replayCache.seen(connectionId, messageId, sentAt + skewMs)) {
    return {
      ...protocolFailure(
        'message-replayed',
        `Message ${messageId} was already received on connection "${connectionId}". Each delivery attempt must be a new message with a new id.`,
      ),
      authenticated,
    };
  }
  return parsed;
}

function tooLarge(size: string, max: number): VerifyFailure {
  return protocolFailure(
    'body-too-large',
    `The body is ${size} bytes; this receiver takes at most ${max}. Large content (attachments) travels by reference, not inline.`,
  );
}

function headerInvalid(name: string, value: string | string[] | undefined, what: string): VerifyFailure {
  return protocolFailure('header-invalid', `${name} must be ${what}; ${describeHeader(value)}.`);
}

function describeHeader(value: string | string[] | undefined): string {
  if (value === undefined) return 'it is missing';
  if (Array.isArray(value)) return `it was sent ${value.length} times with different values`;
  const shown = JSON.stringify(value);
  return `got ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}`;
}

/**
 * Every value sent under each header name, whatever its letter case: a platform may hand over
 * `X-Tandem-Connection` and `x-tandem-connection` as two entries, and taking the last of them
 * would let a proxy or a second header decide which value counts.
 */
function collectHeaders(headers: HeaderBag): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const values = out.get(key) ?? [];
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
    out.set(key, values);
  }
  return out;
}

/** A header's single value; a list when it was sent more than once with different values. */
function headerValue(headers: Map<string, string[]>, name: string): string | string[] | undefined {
  const distinct = [...new Set(headers.get(name.toLowerCase()) ?? [])];
  if (distinct.length === 0) return undefined;
  return distinct.length === 1 ? distinct[0] : distinct;
}

function signatureBytes(header: string): Uint8Array<ArrayBuffer> | null {
  if (!header.startsWith(SIGNATURE_PREFIX)) return null;
  const hex = header.slice(SIGNATURE_PREFIX.length);
  return hex.length === 64 ? decodeHex(hex) : null;
}
