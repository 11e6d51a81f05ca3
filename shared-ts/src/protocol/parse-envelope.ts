import { validateReplica, type EntityRef, type Replica } from '../replica';
import { isHttpUrl } from '../util/http-url';
import { decodeBase64Url } from './base64url';
import {
  MAX_ATTACHMENT_CHUNK_DATA_CHARS,
  MAX_ATTACHMENT_CHUNKS_PER_MESSAGE,
  MAX_ATTACHMENT_FILE_CHUNKS,
  MAX_ATTACHMENT_WANTS,
  MAX_PULL_LIMIT,
  MAX_PUSH_MESSAGES,
  MESSAGE_KINDS,
  PROTOCOL_VERSION,
  REPLICA_POLICIES,
  type AckResult,
  type AttachmentAnswer,
  type AttachmentChunksBody,
  type AttachmentChunkWire,
  type AttachmentWantItem,
  type BatchedMessage,
  type Envelope,
  type MessageBodies,
  type MessageKind,
  type ReplicaBodyTrim,
  type ReplicaPolicy,
  type SiteInfo,
} from './message-envelope';
import { protocolFailure, type ProtocolFailure } from './protocol-error';
import { CAPABILITY_PATTERN, MAX_SPEAKS_ENTRIES, type Speaks } from './speaks';
import { CONNECTION_ID_PATTERN, MESSAGE_ID_PATTERN, SECRET_BYTES } from './wire-format';
import { parseWireTimestamp } from './wire-timestamp';
import { isWebUrl } from './web-url';

/** Why a body is not an acceptable envelope. */
export type EnvelopeErrorCode =
  'envelope-malformed' | 'version-unsupported' | 'kind-unsupported' | 'replica-invalid';

/** A well-formed envelope, and the batched messages that had to be left out of it. */
export interface ParsedEnvelope<K extends MessageKind = MessageKind> {
  ok: true;
  /** A fresh copy holding only the members this version knows; unknown members are dropped. */
  envelope: Envelope<K>;
  /**
   * Only for a `batch` or a `push`: the carried messages that were refused (an invalid replica,
   * a malformed field, another kind or connection), left out of `envelope.body.messages` and
   * already written as rejections (to send back with the next pull, or in the push's ack). The
   * others are kept.
   */
  refused: AckResult[];
}

/** Longest display names and platform names accepted, in characters. */
const MAX_NAME = 200;
const MAX_URL = 2048;
const MAX_PLATFORM = 40;
/** Longest unlink reason and ack error message, in characters. */
const MAX_REASON = 1000;
const MAX_ERROR_MESSAGE = 4000;
/** How many replica errors a `replica-invalid` message lists, and how much of each. */
const LISTED_ERRORS = 3;
const MAX_LISTED_LENGTH = 120;
const INVITATION_ID = /^[0-9a-f]{32}$/;

/**
 * Reads untrusted JSON text as a v1 envelope: checks `v` first (a newer version may have another
 * shape), then every field, naming the first one that is wrong; a replica body must pass the
 * replica schema. Unknown members are ignored: the envelope returned is a copy without them, so
 * nothing the code does not know (however large or deep) travels further. `kinds` limits the
 * kinds this endpoint takes (all by default). Linear in the length of the text.
 */
export function parseEnvelope<K extends MessageKind = MessageKind>(
  text: string,
  kinds?: readonly K[],
): ParsedEnvelope<K> | ProtocolFailure<EnvelopeErrorCode> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return protocolFailure('envelope-malformed', `The body is not JSON: ${(error as Error).message}.`);
  }
  const refused: AckResult[] = [];
  const result = readEnvelope(value, '', kinds ?? MESSAGE_KINDS, refused);
  if ('problem' in result) return protocolFailure(result.code, result.problem);
  // readEnvelope checked the kind against `kinds` (all kinds when K is the default).
  return { ok: true, envelope: result.value as Envelope<K>, refused };
}

/** A field read: its value as the envelope type has it, or what is wrong, by code. */
type Read<T> = { value: T } | { problem: string; code: EnvelopeErrorCode };

/** Reads one field at a path (`body.site.url`) for the message. */
interface Reader<T> {
  (value: unknown, path: string): Read<T>;
  /** The field may be absent (it is left out of the copy). */
  optional?: true;
}

function malformed(problem: string): { problem: string; code: EnvelopeErrorCode } {
  return { problem, code: 'envelope-malformed' };
}

/** `refused` collects the rejections of a batch's messages; null inside a batch (no batch in a batch). */
function readEnvelope(
  value: unknown,
  prefix: string,
  kinds: readonly MessageKind[],
  refused: AckResult[] | null,
): Read<Envelope> {
  const where = prefix === '' ? 'The envelope' : `\`${prefix}\``;
  if (!isRecord(value)) return malformed(`${where} must be a JSON object; got ${describe(value)}.`);
  if (!hasOwn(value, 'v')) return malformed(`${where} has no \`v\` (protocol version).`);
  if (value.v !== PROTOCOL_VERSION) {
    return {
      code: 'version-unsupported',
      problem: `${where} is protocol version ${describe(value.v)}; this node speaks version ${PROTOCOL_VERSION}. Update the node that speaks the other version.`,
    };
  }
  const at = (field: string): string => (prefix === '' ? field : `${prefix}.${field}`);
  const stamp = object({ connectionId, messageId, sentAt: timestamp })(value, prefix);
  if ('problem' in stamp) return stamp;
  const kind = member(value, 'kind');
  if (typeof kind !== 'string' || !(MESSAGE_KINDS as readonly string[]).includes(kind)) {
    return {
      code: 'kind-unsupported',
      problem: `\`${at('kind')}\` is ${describe(kind)}; it must be one of ${MESSAGE_KINDS.join(', ')}.`,
    };
  }
  if (!kinds.includes(kind as MessageKind)) {
    return {
      code: 'kind-unsupported',
      problem: `\`${at('kind')}\` is "${kind}", which this endpoint does not take; it takes ${kinds.join(', ')}.`,
    };
  }
  const bodyPath = at('body');
  const body = member(value, 'body');
  if (!isRecord(body)) return malformed(`\`${bodyPath}\` must be a JSON object; got ${describe(body)}.`);
  const read =
    kind === 'batch'
      ? readBatch(body, bodyPath, stamp.value.connectionId, refused)
      : kind === 'push'
        ? readPush(body, bodyPath, stamp.value.connectionId, refused)
        : BODY_READERS[kind as Exclude<MessageKind, 'batch' | 'push'>](body, bodyPath);
  if ('problem' in read) return read;
  return {
    value: { v: PROTOCOL_VERSION, ...stamp.value, kind, body: read.value } as Envelope,
  };
}

/** A batch: its head, and its messages read one by one (`readCarried`). */
function readBatch(
  body: Record<string, unknown>,
  path: string,
  batchConnection: string,
  refused: AckResult[] | null,
): Read<MessageBodies['batch']> {
  if (refused === null) return malformed(`\`${path}\`: a batch cannot be carried inside a batch.`);
  const head = object({ inReplyTo: messageId, more: boolean })(body, path);
  if ('problem' in head) return head;
  const messages = readCarried(member(body, 'messages'), `${path}.messages`, batchConnection, refused);
  if ('problem' in messages) return messages;
  if (!hasOwn(body, 'wants')) return { value: { ...head.value, messages: messages.value } };
  const wants = boundedArrayOf(
    attachmentWantItem,
    0,
    MAX_ATTACHMENT_WANTS,
  )(member(body, 'wants'), `${path}.wants`);
  if ('problem' in wants) return wants;
  return { value: { ...head.value, messages: messages.value, wants: wants.value } };
}

/** A push: at most `MAX_PUSH_MESSAGES` messages, read one by one (`readCarried`). */
function readPush(
  body: Record<string, unknown>,
  path: string,
  pushConnection: string,
  refused: AckResult[] | null,
): Read<MessageBodies['push']> {
  if (refused === null) return malformed(`\`${path}\`: a push cannot be carried inside another message.`);
  const messages = member(body, 'messages');
  if (Array.isArray(messages) && messages.length > MAX_PUSH_MESSAGES) {
    return malformed(
      `\`${path}.messages\` must hold at most ${MAX_PUSH_MESSAGES} messages; it holds ${messages.length}.`,
    );
  }
  const read = readCarried(messages, `${path}.messages`, pushConnection, refused);
  if ('problem' in read) return read;
  return { value: { messages: read.value } };
}

/**
 * The messages a batch or a push carries are read one by one: one that is wrong is refused alone
 * (and acknowledged as rejected) so the others still apply. Only a message without a readable id
 * sinks the whole, as it cannot be acknowledged: no working node sends one.
 */
function readCarried(
  messages: unknown,
  path: string,
  carrierConnection: string,
  refused: AckResult[],
): Read<BatchedMessage[]> {
  if (!Array.isArray(messages)) return malformed(`\`${path}\` must be an array; got ${describe(messages)}.`);
  const kept: BatchedMessage[] = [];
  for (let index = 0; index < messages.length; index++) {
    const at = `${path}[${index}]`;
    const message: unknown = messages[index];
    const id = member(message, 'messageId');
    if (typeof id !== 'string' || !MESSAGE_ID_PATTERN.test(id)) {
      return malformed(
        `\`${at}.messageId\` must be a ULID (26 characters of Crockford base32), or the message cannot be acknowledged; got ${describe(id)}.`,
      );
    }
    const inner = readEnvelope(message, at, ['replica', 'unlink'], null);
    const problem =
      'problem' in inner
        ? inner
        : inner.value.connectionId !== carrierConnection
          ? malformed(
              `\`${at}.connectionId\` is "${inner.value.connectionId}" but the message carrying it belongs to "${carrierConnection}".`,
            )
          : null;
    if (problem) {
      refused.push({
        messageId: id,
        outcome: 'rejected',
        error: { code: problem.code, message: problem.problem, retryable: false },
      });
    } else if (!('problem' in inner)) kept.push(inner.value as BatchedMessage);
  }
  return { value: kept };
}

/** A reader that checks a value and keeps it as it is. */
function check<T>(test: (value: unknown) => boolean, expected: string): Reader<T> {
  return (value, path) =>
    test(value)
      ? { value: value as T }
      : malformed(`\`${path}\` must be ${expected}; got ${describe(value)}.`);
}

function text(max: number): Reader<string> {
  return check(
    // Characters are code points, as the replica schema counts them: an emoji is one.
    (value) =>
      typeof value === 'string' &&
      value.length > 0 &&
      (value.length <= max || (value.length <= 2 * max && Array.from(value).length <= max)),
    `a non-empty string of at most ${max} characters`,
  );
}

function pattern(regex: RegExp, what: string): Reader<string> {
  return check((value) => typeof value === 'string' && regex.test(value), what);
}

function nullable<T>(reader: Reader<T>): Reader<T | null> {
  return (value, path) => (value === null ? { value: null } : reader(value, path));
}

function optional<T>(reader: Reader<T>): Reader<T | undefined> {
  const read: Reader<T | undefined> = (value, path) => reader(value, path);
  read.optional = true;
  return read;
}

function arrayOf<T>(reader: Reader<T>): Reader<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return malformed(`\`${path}\` must be an array; got ${describe(value)}.`);
    const items: T[] = [];
    for (let index = 0; index < value.length; index++) {
      const item = reader(value[index] as unknown, `${path}[${index}]`);
      if ('problem' in item) return item;
      items.push(item.value);
    }
    return { value: items };
  };
}

/**
 * An object with these members, copied: unknown members are left behind, a missing member is
 * named, an optional one that is absent stays absent. Members are read as own properties only.
 */
function object<T extends object>(
  members: { [K in keyof T]-?: Reader<T[K]> },
  expected = 'a JSON object',
): Reader<T> {
  return (value, path) => {
    if (!isRecord(value)) return malformed(`\`${path}\` must be ${expected}; got ${describe(value)}.`);
    const copy: Record<string, unknown> = {};
    for (const name of Object.keys(members)) {
      const reader = members[name as keyof T] as Reader<unknown>;
      const memberPath = path === '' ? name : `${path}.${name}`;
      if (!hasOwn(value, name)) {
        if (reader.optional) continue;
        return malformed(`\`${memberPath}\` is missing.`);
      }
      const read = reader(value[name], memberPath);
      if ('problem' in read) return read;
      copy[name] = read.value;
    }
    return { value: copy as T };
  };
}

const connectionId = pattern(CONNECTION_ID_PATTERN, 'a connection id (1 to 64 of A-Z a-z 0-9 . _ -)');
const messageId = pattern(MESSAGE_ID_PATTERN, 'a ULID (26 characters of Crockford base32)');
const invitationId = pattern(INVITATION_ID, 'an invitation id (32 lowercase hex digits)');
const platformName = text(MAX_PLATFORM);

const timestamp = check<string>(
  (value) => typeof value === 'string' && parseWireTimestamp(value) !== null,
  'an ISO-8601 UTC time with milliseconds (2026-11-20T10:00:00.000Z)',
);

const nonce = check<string>(
  (value) => typeof value === 'string' && decodeBase64Url(value)?.length === SECRET_BYTES,
  `${SECRET_BYTES} bytes as unpadded base64url (43 characters)`,
);

const webUrl = check<string>(
  (value) => typeof value === 'string' && value.length <= MAX_URL && isWebUrl(value),
  'an https URL (http only on localhost)',
);

const httpUrl = check<string>(
  (value) => typeof value === 'string' && value.length <= MAX_URL && isHttpUrl(value),
  `an http or https URL of at most ${MAX_URL} characters`,
);

const site = object<SiteInfo>({ name: text(MAX_NAME), url: webUrl }, 'an object with name and url');

const boolean = check<boolean>((value) => typeof value === 'boolean', 'true or false');

const nonNegativeInteger = check<number>(
  (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  'a whole number, 0 or more',
);

const replicaPolicy = check<ReplicaPolicy>(
  (value) => typeof value === 'string' && (REPLICA_POLICIES as readonly string[]).includes(value),
  `one of ${REPLICA_POLICIES.map((policy) => `"${policy}"`).join(', ')}, or absent`,
);

const pullLimit = check<number>(
  (value) => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PULL_LIMIT,
  `a whole number from 1 to ${MAX_PULL_LIMIT}`,
);

const entityRef = object<EntityRef>(
  {
    platform: text(MAX_PLATFORM),
    type: text(MAX_NAME),
    id: text(MAX_NAME),
    key: optional(text(MAX_NAME)),
    url: optional(httpUrl),
  },
  'an entity reference {platform, type, id}',
);

const ackError = object<{ code: string; message: string; retryable: boolean }>(
  { code: text(MAX_PLATFORM * 2), message: text(MAX_ERROR_MESSAGE), retryable: boolean },
  'an object {code, message, retryable}',
);

/** The longest wait a refused attachment answer may ask for: a day. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/** A refused attachment answer's error: an ack's, and the sender's wait when its platform gave one. */
const answerError = object<{ code: string; message: string; retryable: boolean; retryAfterSeconds?: number }>(
  {
    code: text(MAX_PLATFORM * 2),
    message: text(MAX_ERROR_MESSAGE),
    retryable: boolean,
    retryAfterSeconds: optional(
      check<number>(
        (value) =>
          Number.isSafeInteger(value) &&
          (value as number) >= 0 &&
          (value as number) <= MAX_RETRY_AFTER_SECONDS,
        `a whole number of seconds, 0 to ${MAX_RETRY_AFTER_SECONDS}`,
      ),
    ),
  },
  'an object {code, message, retryable}',
);

const ackResult: Reader<AckResult> = (value, path) => {
  const head = object<{ messageId: string }>({ messageId }, 'an object {messageId, outcome}')(value, path);
  if ('problem' in head) return head;
  const outcome = member(value, 'outcome');
  if (outcome === 'accepted') return { value: { messageId: head.value.messageId, outcome } };
  if (outcome !== 'rejected')
    return malformed(`\`${path}.outcome\` must be "accepted" or "rejected"; got ${describe(outcome)}.`);
  const error = ackError(member(value, 'error'), `${path}.error`);
  if ('problem' in error) return error;
  return { value: { messageId: head.value.messageId, outcome, error: error.value } };
};

const replica: Reader<Replica> = (value, path) => {
  const validation = validateReplica(value);
  if (validation.ok) return { value: validation.replica };
  const { errors } = validation.error;
  const shown = errors
    .slice(0, LISTED_ERRORS)
    .map((error) => `${error.path === '' ? '(the replica itself)' : cut(error.path)}: ${cut(error.message)}`);
  const more = errors.length > LISTED_ERRORS ? `; and ${errors.length - LISTED_ERRORS} more` : '';
  return {
    code: 'replica-invalid',
    problem: `\`${path}\` is not a valid replica: ${shown.join('; ')}${more}.`,
  };
};

const trimCount = object<{ sent: number; total: number }>(
  { sent: nonNegativeInteger, total: nonNegativeInteger },
  'an object {sent, total} of whole numbers',
);

const replicaBody = object<MessageBodies['replica']>({
  target: nullable(entityRef),
  applied: nonNegativeInteger,
  policy: optional(replicaPolicy),
  trimmed: optional(
    object<ReplicaBodyTrim>(
      { comments: trimCount, attachments: trimCount },
      'an object {comments, attachments}, each {sent, total}',
    ),
  ),
  replica,
});

function listOf<T>(reader: Reader<T>, what: string): Reader<T[]> {
  const items = arrayOf(reader);
  return (value, path) =>
    Array.isArray(value) && value.length > MAX_SPEAKS_ENTRIES
      ? malformed(`\`${path}\` must list at most ${MAX_SPEAKS_ENTRIES} ${what}; it lists ${value.length}.`)
      : items(value, path);
}

const version = check<number>(
  (value) => Number.isSafeInteger(value) && (value as number) >= 1,
  'a version number (a whole number, 1 or more)',
);

const capability = pattern(CAPABILITY_PATTERN, 'a capability name (1 to 40 of a-z 0-9 . -)');

const speaks = optional(
  object<Speaks>(
    {
      protocol: listOf(version, 'versions'),
      replica: listOf(version, 'versions'),
      capabilities: listOf(capability, 'capabilities'),
    },
    'an object {protocol, replica, capabilities}',
  ),
);

/** An array of at most `max` items, each read by `reader`; a longer one is refused before reading. */
function boundedArrayOf<T>(reader: Reader<T>, min: number, max: number): Reader<T[]> {
  const items = arrayOf(reader);
  return (value, path) =>
    Array.isArray(value) && (value.length < min || value.length > max)
      ? malformed(`\`${path}\` must hold ${min} to ${max} items; it holds ${value.length}.`)
      : items(value, path);
}

const HEX64 = /^[0-9a-f]{64}$/;
const sha256 = pattern(HEX64, 'a SHA-256 (64 lowercase hex digits)');
const attachmentRef = text(MAX_URL);

const chunkCount = check<number>(
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ATTACHMENT_FILE_CHUNKS,
  `a whole number from 1 to ${MAX_ATTACHMENT_FILE_CHUNKS}`,
);

const chunkIndex = check<number>(
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < MAX_ATTACHMENT_FILE_CHUNKS,
  `a whole number from 0 to ${MAX_ATTACHMENT_FILE_CHUNKS - 1}`,
);

const chunkData = check<string>(
  (value) =>
    typeof value === 'string' &&
    value.length <= MAX_ATTACHMENT_CHUNK_DATA_CHARS &&
    decodeBase64Url(value) !== null,
  `unpadded base64url of at most ${MAX_ATTACHMENT_CHUNK_DATA_CHARS} characters`,
);

const attachmentChunk: Reader<AttachmentChunkWire> = (value, path) => {
  const read = object<AttachmentChunkWire>({ index: chunkIndex, count: chunkCount, data: chunkData, sha256 })(
    value,
    path,
  );
  if ('problem' in read) return read;
  if (read.value.index >= read.value.count) {
    return malformed(
      `\`${path}.index\` is ${read.value.index}; it must be below \`count\` (${read.value.count}).`,
    );
  }
  return read;
};

const attachmentAnswer: Reader<AttachmentAnswer> = (value, path) => {
  const head = object<{ id: string; ref: string }>(
    { id: text(MAX_NAME), ref: attachmentRef },
    'an object {id, ref, outcome}',
  )(value, path);
  if ('problem' in head) return head;
  const outcome = member(value, 'outcome');
  if (outcome === 'chunks') {
    const rest = object({
      size: nonNegativeInteger,
      sha256,
      chunks: boundedArrayOf(attachmentChunk, 0, MAX_ATTACHMENT_CHUNKS_PER_MESSAGE),
    })(value, path);
    if ('problem' in rest) return rest;
    return { value: { ...head.value, outcome, ...rest.value } };
  }
  if (outcome === 'link') {
    const rest = object({ url: nullable(httpUrl), note: text(MAX_ERROR_MESSAGE) })(value, path);
    if ('problem' in rest) return rest;
    return { value: { ...head.value, outcome, ...rest.value } };
  }
  if (outcome === 'refused') {
    const error = answerError(member(value, 'error'), `${path}.error`);
    if ('problem' in error) return error;
    return { value: { ...head.value, outcome, error: error.value } };
  }
  return malformed(`\`${path}.outcome\` must be "chunks", "link" or "refused"; got ${describe(outcome)}.`);
};

const attachmentWantItem = object<AttachmentWantItem>({
  id: text(MAX_NAME),
  ref: attachmentRef,
  from: chunkIndex,
});

const attachmentChunksBody: Reader<AttachmentChunksBody> = (value, path) => {
  const read = object<AttachmentChunksBody>({
    inReplyTo: messageId,
    files: boundedArrayOf(attachmentAnswer, 0, MAX_ATTACHMENT_WANTS),
  })(value, path);
  if ('problem' in read) return read;
  let chunks = 0;
  for (const file of read.value.files) if (file.outcome === 'chunks') chunks += file.chunks.length;
  if (chunks > MAX_ATTACHMENT_CHUNKS_PER_MESSAGE) {
    return malformed(
      `\`${path}.files\` carry ${chunks} chunks in all; one message carries at most ${MAX_ATTACHMENT_CHUNKS_PER_MESSAGE}.`,
    );
  }
  return read;
};

const BODY_READERS: {
  [K in Exclude<MessageKind, 'batch' | 'push'>]: Reader<MessageBodies[K]>;
} = {
  hello: object({ invitationId, nonce, platform: platformName, site, speaks }),
  'hello-ack': object({ inReplyTo: messageId, platform: platformName, site, speaks }),
  replica: replicaBody,
  unlink: object({ entity: entityRef, target: nullable(entityRef), reason: nullable(text(MAX_REASON)) }),
  ack: object({ results: arrayOf(ackResult) }),
  pull: object({ limit: pullLimit, acks: arrayOf(ackResult) }),
  'attachment-want': object({ wants: boundedArrayOf(attachmentWantItem, 1, MAX_ATTACHMENT_WANTS) }),
  'attachment-chunks': attachmentChunksBody,
};

/** A part of a message, cut short so that a refusal always fits in an ack. */
function cut(part: string): string {
  return part.length > MAX_LISTED_LENGTH ? `${part.slice(0, MAX_LISTED_LENGTH)}…` : part;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  // Only the start of a long string is written out: the message stays short whatever came in.
  const json = JSON.stringify(typeof value === 'string' ? value.slice(0, 60) : value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function hasOwn(value: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, name);
}

/** An own member of an object, or undefined (never one inherited from Object.prototype). */
function member(value: unknown, name: string): unknown {
  return isRecord(value) && hasOwn(value, name) ? value[name] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
