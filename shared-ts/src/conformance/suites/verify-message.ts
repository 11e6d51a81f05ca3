/**
 * Vectors of envelope verification (`verifyMessage`): one message accepted per kind of body the
 * sync exchanges, and one refusal per code, with the fixed test secret (bytes 00 01 ... 1f) and a
 * fixed clock. A runtime compares `ok`, and `code` and `authenticated` (whether the signature was
 * good, so the refusal can be answered with a signed ack) of a refusal; messages are free text.
 */
import { canonicalJson } from '../../util/canonical-json';
import { sha256HexOfBytes } from '../../util/sha256';
import { parseUtcTimestamp } from '../../util/utc-timestamp';
import { decodeBase64Url } from '../../protocol/base64url';
import { verifyMessage } from '../../protocol/verify-message';
import { signingInput } from '../../protocol/signing-input';
import { exampleReplica } from '../../replica/testing/example-replica';
import type { JsonValue } from '../../replica';
import type { MessageKind } from '../../protocol/message-envelope';
import type { VectorSuite } from '../vector-suite';

/**
 * The input of one vector: the headers and body as received; the receiver's secrets by connection
 * id (base64url); its clock (`now`, a UTC time); the message ids its replay cache already holds for
 * each connection; and its limits (`maxBodyBytes`, `clockSkewMs`, `kinds`; null for the defaults:
 * 1 MiB, 5 minutes, every kind).
 */
export interface VerifyInput {
  headers: Record<string, string | string[]>;
  body: string;
  secrets: Record<string, string>;
  now: string;
  seen: Record<string, string[]>;
  maxBodyBytes: number | null;
  clockSkewMs: number | null;
  kinds: MessageKind[] | null;
}

/** The secret 00 01 02 ... 1f, base64url (the protocol tests' TEST_SECRET). */
const SECRET = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const OTHER_SECRET = '__79_Pv6-fj39vX08_Lx8O_u7ezr6uno5-bl5OPi4eA';
const CONNECTION = 'acme-jira-support';
const MESSAGE_ID = '01JD7XKQ2M3N4P5Q6R7S8T9V0W';
const NOW = '2026-11-20T10:00:00.000Z';
const TARGET = { platform: 'salesforce', type: 'Case', id: '500A' };

/** HMAC-SHA256 (RFC 2104) over the UTF-8 of `text`, lowercase hex: synchronous, for building vectors. */
function hmacHex(secret: string, text: string): string {
  const key = decodeBase64Url(secret) as Uint8Array;
  const block = (pad: number): Uint8Array => Uint8Array.from({ length: 64 }, (_, i) => (key[i] ?? 0) ^ pad);
  const inner = concat(block(0x36), new TextEncoder().encode(text));
  const innerHash = hexBytes(sha256HexOfBytes(inner));
  return sha256HexOfBytes(concat(block(0x5c), innerHash));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

interface Parts {
  connectionId?: string;
  messageId?: string;
  timestamp?: string;
  kind?: string;
  v?: number;
  body?: JsonValue;
  envelope?: Partial<Record<string, JsonValue>>;
  rawBody?: string;
  secret?: string;
  signature?: string | null;
  headers?: Record<string, string | string[]>;
}

/** A message signed as a sender would, with any part overridden to break one rule. */
function message(parts: Parts = {}, receiver: Partial<VerifyInput> = {}): VerifyInput {
  const connectionId = parts.connectionId ?? CONNECTION;
  const messageId = parts.messageId ?? MESSAGE_ID;
  const timestamp = parts.timestamp ?? NOW;
  const body =
    parts.rawBody ??
    canonicalJson({
      v: parts.v ?? 1,
      connectionId,
      messageId,
      kind: parts.kind ?? 'replica',
      sentAt: timestamp,
      body: parts.body ?? {
        replica: exampleReplica as unknown as JsonValue,
        target: TARGET,
        applied: 3,
        policy: 'remote-wins',
      },
      ...parts.envelope,
    });
  const signature =
    parts.signature === undefined
      ? `v1=${hmacHex(parts.secret ?? SECRET, signingInput({ connectionId, messageId, timestamp, body }))}`
      : parts.signature;
  const headers: Record<string, string | string[]> = {
    'X-Tandem-Connection': connectionId,
    'X-Tandem-Message-Id': messageId,
    'X-Tandem-Timestamp': timestamp,
    ...(signature === null ? {} : { 'X-Tandem-Signature': signature }),
    ...parts.headers,
  };
  return {
    headers,
    body,
    secrets: { [CONNECTION]: SECRET },
    now: NOW,
    seen: {},
    maxBodyBytes: null,
    clockSkewMs: null,
    kinds: null,
    ...receiver,
  };
}

/** The verify-message vector set: `expected` is `{ ok: true, kind }` or `{ ok: false, code, authenticated }`. */
export const verifyMessageSuite: VectorSuite<VerifyInput> = {
  folder: 'verify-message',
  run: async (i): Promise<JsonValue> => {
    const result = await verifyMessage(
      { headers: i.headers, body: i.body },
      {
        secretFor: async (id) =>
          Object.prototype.hasOwnProperty.call(i.secrets, id) ? (i.secrets[id] ?? null) : null,
        clock: { now: () => parseUtcTimestamp(i.now) ?? Number.NaN },
        replayCache: { seen: async (id, messageId) => (i.seen[id] ?? []).includes(messageId) },
        ...(i.maxBodyBytes === null ? {} : { maxBodyBytes: i.maxBodyBytes }),
        ...(i.clockSkewMs === null ? {} : { clockSkewMs: i.clockSkewMs }),
        ...(i.kinds === null ? {} : { kinds: i.kinds }),
      },
    );
    if (result.ok) return { ok: true, kind: result.envelope.kind };
    return {
      ok: false,
      code: result.error.code,
      authenticated: 'authenticated' in result && result.authenticated !== undefined,
    };
  },
  cases: [
    {
      name: 'accepts-a-replica',
      description: 'A signed replica message within the window is accepted.',
      input: message(),
    },
    {
      name: 'accepts-an-unlink',
      description: 'A signed unlink message is accepted.',
      input: message({ kind: 'unlink', body: { entity: TARGET, target: null, reason: null } }),
    },
    {
      name: 'header-names-in-any-case',
      description: 'Header names are read in any letter case.',
      input: message(
        {},
        {
          headers: {
            'x-tandem-connection': CONNECTION,
            'X-TANDEM-MESSAGE-ID': MESSAGE_ID,
            'x-Tandem-Timestamp': NOW,
            'x-tandem-signature': message().headers['X-Tandem-Signature'] as string,
          },
        },
      ),
    },
    {
      name: 'accepts-at-the-edge-of-the-window',
      description: 'A timestamp exactly 5 minutes from the clock is within the window (edges included).',
      input: message({}, { now: '2026-11-20T10:05:00.000Z' }),
    },
    {
      name: 'body-too-large',
      description: 'A body over the receiver limit (in UTF-8 bytes) is refused before anything else.',
      input: message({}, { maxBodyBytes: 1000 }),
    },
    {
      name: 'body-too-large-in-utf-8-bytes',
      description: 'The limit counts UTF-8 bytes: 400 "é" are 400 characters but 800 bytes.',
      input: message({ rawBody: 'é'.repeat(400) }, { maxBodyBytes: 500 }),
    },
    {
      name: 'header-invalid-connection-missing',
      description: 'No X-Tandem-Connection header.',
      input: (() => {
        const { 'X-Tandem-Connection': _connection, ...headers } = message().headers;
        return { ...message(), headers };
      })(),
    },
    {
      name: 'header-invalid-connection-malformed',
      description: 'A connection id with a space is not one.',
      input: message({ connectionId: 'acme jira' }),
    },
    {
      name: 'header-invalid-repeated',
      description: 'A header given twice with two values (an array) is refused.',
      input: message({ headers: { 'X-Tandem-Message-Id': [MESSAGE_ID, '01JD7XKQ2M3N4P5Q6R7S8T9V0X'] } }),
    },
    {
      name: 'header-invalid-message-id',
      description: 'A message id that is not a ULID.',
      input: message({ messageId: 'not-a-ulid' }),
    },
    {
      name: 'header-invalid-timestamp-without-milliseconds',
      description: 'The timestamp must be a UTC time with milliseconds.',
      input: message({ timestamp: '2026-11-20T10:00:00Z' }),
    },
    {
      name: 'header-invalid-timestamp-with-offset',
      description: 'A timestamp with an offset is refused.',
      input: message({ timestamp: '2026-11-20T11:00:00.000+01:00' }),
    },
    {
      name: 'signature-missing',
      description: 'No X-Tandem-Signature header.',
      input: message({ signature: null }),
    },
    {
      name: 'signature-missing-wrong-form',
      description: 'A signature that is not v1= and 64 hex digits counts as missing.',
      input: message({ signature: 'v2=abc' }),
    },
    {
      name: 'timestamp-out-of-window',
      description: 'A timestamp 5 minutes and 1 ms before the clock is out of the window.',
      input: message({}, { now: '2026-11-20T10:05:00.001Z' }),
    },
    {
      name: 'timestamp-out-of-window-ahead',
      description: 'A timestamp ahead of the clock by more than the skew is refused too.',
      input: message({}, { now: '2026-11-20T09:59:00.000Z', clockSkewMs: 30000 }),
    },
    {
      name: 'connection-unknown',
      description: 'The receiver has no secret for the connection.',
      input: message({}, { secrets: {} }),
    },
    {
      name: 'signature-invalid-wrong-secret',
      description: 'Signed with another secret.',
      input: message({ secret: OTHER_SECRET }),
    },
    {
      name: 'signature-invalid-body-changed',
      description: 'One byte of the body changed after signing.',
      input: (() => {
        const signed = message();
        return { ...signed, body: signed.body.replace('"applied":3', '"applied":4') };
      })(),
    },
    {
      name: 'envelope-malformed-not-json',
      description: 'A signed body that is not JSON: refused after the signature, so authenticated.',
      input: message({ rawBody: 'not json' }),
    },
    {
      name: 'version-unsupported',
      description: 'A protocol version this receiver does not speak.',
      input: message({ v: 2 }),
    },
    {
      name: 'kind-unsupported-unknown',
      description: 'A kind no version defines.',
      input: message({ kind: 'gossip', body: {} }),
    },
    {
      name: 'kind-unsupported-at-this-endpoint',
      description: 'A kind the endpoint does not take.',
      input: message(
        { kind: 'unlink', body: { entity: TARGET, target: null, reason: null } },
        { kinds: ['replica'] },
      ),
    },
    {
      name: 'header-mismatch',
      description: 'The envelope names another message id than the header.',
      input: message({ envelope: { messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0X' } }),
    },
    {
      name: 'replica-invalid',
      description: 'A replica message whose replica breaks the schema (summary a number).',
      input: message({
        body: {
          replica: { ...(exampleReplica as unknown as Record<string, JsonValue>), summary: 42 },
          target: null,
          applied: 0,
        },
      }),
    },
    {
      name: 'message-replayed',
      description: 'A message id the receiver already accepted on this connection.',
      input: message({}, { seen: { [CONNECTION]: [MESSAGE_ID] } }),
    },
    {
      name: 'same-id-on-another-connection-is-no-replay',
      description: 'The replay cache is per connection.',
      input: message({}, { seen: { 'other-connection': [MESSAGE_ID] } }),
    },
  ],
};
