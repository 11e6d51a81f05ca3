import { validateReplica } from '../replica';
import { decodeBase64Url } from './base64url';
import {
  MAX_PULL_LIMIT,
  MESSAGE_KINDS,
  PROTOCOL_VERSION,
  REPLICA_POLICIES,
  type AckResult,
  type Envelope,
  type MessageKind,
} from './message-envelope';
import { protocolFailure, type ProtocolFailure } from './protocol-error';
import { CONNECTION_ID_PATTERN, MESSAGE_ID_PATTERN, SECRET_BYTES } from './wire-format';
import { parseWireTimestamp } from './wire-timestamp';
import { isWebUrl } from './web-url';

/** Why a body is not an acceptable envelope. */
export type EnvelopeErrorCode =
  'envelope-malformed' | 'version-unsupported' | 'kind-unsupported' | 'replica-invalid';

/** A well-formed envelope, and the batched messages that had to be left out of it. */
export interface ParsedEnvelope<K extends MessageKind = MessageKind> {
  ok: true;
  envelope: Envelope<K>;
  /**
   * Only for a `batch`: messages whose replica failed the replica schema, left out of
   * `envelope.body.messages` and already written as rejections to send back with the next pull.
   */
  refused: AckResult[];
}

/** Longest display names and platform names accepted, in characters. */
const MAX_NAME = 200;
const MAX_URL = 2048;
const MAX_PLATFORM = 40;
const INVITATION_ID = /^[0-9a-f]{32}$/;

/**
 * Reads untrusted JSON text as a v1 envelope: checks `v` first (a newer version may have another
 * shape), then every field, naming the first one that is wrong; a replica body must pass the
 * replica schema. Unknown members are ignored, so a minor addition does not break older nodes.
 * `kinds` limits the kinds this endpoint takes (all by default).
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
  if ('code' in result) return protocolFailure(result.code, result.message);
  // readEnvelope checked the kind against `kinds` (all kinds when K is the default).
  return { ok: true, envelope: result as Envelope<K>, refused };
}

interface Problem {
  code: EnvelopeErrorCode;
  message: string;
}

type Check = (value: unknown, path: string) => string | null;

function readEnvelope(
  value: unknown,
  prefix: string,
  kinds: readonly MessageKind[],
  refused: AckResult[] | null,
): Envelope | Problem {
  const where = prefix === '' ? 'The envelope' : `\`${prefix}\``;
  if (!isObject(value)) return malformed(`${where} must be a JSON object; got ${describe(value)}.`);
  if (!('v' in value)) return malformed(`${where} has no \`v\` (protocol version).`);
  if (value.v !== PROTOCOL_VERSION) {
    return {
      code: 'version-unsupported',
      message: `${where} is protocol version ${JSON.stringify(value.v)}; this node speaks version ${PROTOCOL_VERSION}. Update the node that speaks the other version.`,
    };
  }
  const at = (field: string): string => (prefix === '' ? field : `${prefix}.${field}`);
  const header =
    connectionId(value.connectionId, at('connectionId')) ??
    messageId(value.messageId, at('messageId')) ??
    timestamp(value.sentAt, at('sentAt'));
  if (header) return malformed(header);
  const kind = value.kind;
  if (typeof kind !== 'string' || !(MESSAGE_KINDS as readonly string[]).includes(kind)) {
    return {
      code: 'kind-unsupported',
      message: `\`${at('kind')}\` is ${describe(kind)}; it must be one of ${MESSAGE_KINDS.join(', ')}.`,
    };
  }
  if (!kinds.includes(kind as MessageKind)) {
    return {
      code: 'kind-unsupported',
      message: `\`${at('kind')}\` is "${kind}", which this endpoint does not take; it takes ${kinds.join(', ')}.`,
    };
  }
  const body = value.body;
  const bodyPath = at('body');
  if (!isObject(body)) return malformed(`\`${bodyPath}\` must be a JSON object; got ${describe(body)}.`);
  const problem = readBody(kind as MessageKind, body, bodyPath, value, refused);
  if (problem) return problem;
  return value as unknown as Envelope;
}

function readBody(
  kind: MessageKind,
  body: Record<string, unknown>,
  path: string,
  envelope: Record<string, unknown>,
  refused: AckResult[] | null,
): Problem | null {
  switch (kind) {
    case 'hello':
      return malformedOrNull(fields(body, path, { invitationId, nonce, platform: platformName, site }));
    case 'hello-ack':
      return malformedOrNull(fields(body, path, { inReplyTo: messageId, platform: platformName, site }));
    case 'replica': {
      const problem =
        fields(body, path, { target: nullable(entityRef), applied: nonNegativeInteger }) ??
        optional(replicaPolicy)(body.policy, `${path}.policy`);
      if (problem) return { code: 'envelope-malformed', message: problem };
      return replicaProblem(body, `${path}.replica`);
    }
    case 'unlink':
      return malformedOrNull(
        fields(body, path, {
          entity: entityRef,
          target: nullable(entityRef),
          reason: nullable(text(MAX_NAME * 5)),
        }),
      );
    case 'ack':
      return malformedOrNull(fields(body, path, { results: arrayOf(ackResult) }));
    case 'pull':
      return malformedOrNull(fields(body, path, { limit: pullLimit, acks: arrayOf(ackResult) }));
    case 'batch':
      return readBatch(body, path, envelope, refused);
  }
}

function readBatch(
  body: Record<string, unknown>,
  path: string,
  envelope: Record<string, unknown>,
  refused: AckResult[] | null,
): Problem | null {
  const problem = fields(body, path, { inReplyTo: messageId, more: boolean });
  if (problem) return malformed(problem);
  if (refused === null) return malformed(`\`${path}\`: a batch cannot be carried inside a batch.`);
  const messages = body.messages;
  if (!Array.isArray(messages))
    return malformed(`\`${path}.messages\` must be an array; got ${describe(messages)}.`);
  const kept: unknown[] = [];
  for (const [index, message] of messages.entries()) {
    const at = `${path}.messages[${index}]`;
    const inner = readEnvelope(message, at, ['replica', 'unlink'], null);
    if ('code' in inner) {
      if (inner.code !== 'replica-invalid') return inner;
      // Refuse the one message, not the batch: the others can still be applied.
      const id = (message as { messageId: string }).messageId;
      refused.push({
        messageId: id,
        outcome: 'rejected',
        error: { code: inner.code, message: inner.message, retryable: false },
      });
      continue;
    }
    if (inner.connectionId !== envelope.connectionId) {
      return malformed(
        `\`${at}.connectionId\` is "${inner.connectionId}" but the batch belongs to "${String(envelope.connectionId)}".`,
      );
    }
    kept.push(inner);
  }
  // The body was parsed from text here and is not shared: keep only the messages that passed.
  body.messages = kept;
  return null;
}

function replicaProblem(body: Record<string, unknown>, path: string): Problem | null {
  if (!('replica' in body)) return malformed(`\`${path}\` is missing.`);
  const validation = validateReplica(body.replica);
  if (validation.ok) {
    body.replica = validation.replica;
    return null;
  }
  const shown = validation.errors
    .slice(0, 3)
    .map((error) => `${error.path === '' ? '(the replica itself)' : error.path}: ${error.message}`);
  const more = validation.errors.length > 3 ? `; and ${validation.errors.length - 3} more` : '';
  return {
    code: 'replica-invalid',
    message: `\`${path}\` is not a valid replica: ${shown.join('; ')}${more}.`,
  };
}

function malformed(message: string): Problem {
  return { code: 'envelope-malformed', message };
}

function malformedOrNull(message: string | null): Problem | null {
  return message === null ? null : malformed(message);
}

function fields(value: Record<string, unknown>, path: string, rules: Record<string, Check>): string | null {
  for (const [name, rule] of Object.entries(rules)) {
    const fieldPath = `${path}.${name}`;
    if (!(name in value)) return `\`${fieldPath}\` is missing.`;
    const problem = rule(value[name], fieldPath);
    if (problem) return problem;
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

function text(max: number): Check {
  return (value, path) =>
    typeof value === 'string' && value.length > 0 && value.length <= max
      ? null
      : `\`${path}\` must be a non-empty string of at most ${max} characters; got ${describe(value)}.`;
}

function pattern(regex: RegExp, what: string): Check {
  return (value, path) =>
    typeof value === 'string' && regex.test(value)
      ? null
      : `\`${path}\` must be ${what}; got ${describe(value)}.`;
}

const connectionId = pattern(CONNECTION_ID_PATTERN, 'a connection id (1 to 64 of A-Z a-z 0-9 . _ -)');
const messageId = pattern(MESSAGE_ID_PATTERN, 'a ULID (26 characters of Crockford base32)');
const invitationId = pattern(INVITATION_ID, 'an invitation id (32 lowercase hex digits)');
const platformName = text(MAX_PLATFORM);

const timestamp: Check = (value, path) =>
  typeof value === 'string' && parseWireTimestamp(value) !== null
    ? null
    : `\`${path}\` must be an ISO-8601 UTC time with milliseconds (2026-11-20T10:00:00.000Z); got ${describe(value)}.`;

const nonce: Check = (value, path) =>
  typeof value === 'string' && decodeBase64Url(value)?.length === SECRET_BYTES
    ? null
    : `\`${path}\` must be ${SECRET_BYTES} bytes as unpadded base64url (43 characters); got ${describe(value)}.`;

const webUrl: Check = (value, path) =>
  typeof value === 'string' && value.length <= MAX_URL && isWebUrl(value)
    ? null
    : `\`${path}\` must be an https URL (http only on localhost); got ${describe(value)}.`;

const site: Check = (value, path) =>
  isObject(value)
    ? fields(value, path, { name: text(MAX_NAME), url: webUrl })
    : `\`${path}\` must be an object with name and url.`;

const boolean: Check = (value, path) =>
  typeof value === 'boolean' ? null : `\`${path}\` must be true or false; got ${describe(value)}.`;

const nonNegativeInteger: Check = (value, path) =>
  Number.isSafeInteger(value) && (value as number) >= 0
    ? null
    : `\`${path}\` must be a whole number, 0 or more; got ${describe(value)}.`;

const replicaPolicy: Check = (value, path) =>
  typeof value === 'string' && (REPLICA_POLICIES as readonly string[]).includes(value)
    ? null
    : `\`${path}\` must be one of ${REPLICA_POLICIES.map((policy) => `"${policy}"`).join(', ')}, or absent; got ${describe(value)}.`;

const pullLimit: Check = (value, path) =>
  Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PULL_LIMIT
    ? null
    : `\`${path}\` must be a whole number from 1 to ${MAX_PULL_LIMIT}; got ${describe(value)}.`;

function nullable(rule: Check): Check {
  return (value, path) => (value === null ? null : rule(value, path));
}

function optional(rule: Check): Check {
  return (value, path) => (value === undefined ? null : rule(value, path));
}

function arrayOf(rule: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `\`${path}\` must be an array; got ${describe(value)}.`;
    for (const [index, item] of value.entries()) {
      const problem = rule(item, `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  };
}

const entityRef: Check = (value, path) => {
  if (!isObject(value))
    return `\`${path}\` must be an entity reference {platform, type, id}; got ${describe(value)}.`;
  const required = fields(value, path, {
    platform: text(MAX_PLATFORM),
    type: text(MAX_NAME),
    id: text(MAX_NAME),
  });
  if (required) return required;
  return (
    optional(text(MAX_NAME))(value.key, `${path}.key`) ?? optional(text(MAX_URL))(value.url, `${path}.url`)
  );
};

const ackResult: Check = (value, path) => {
  if (!isObject(value)) return `\`${path}\` must be an object {messageId, outcome}; got ${describe(value)}.`;
  const problem = fields(value, path, { messageId });
  if (problem) return problem;
  if (value.outcome === 'accepted') return null;
  if (value.outcome !== 'rejected') {
    return `\`${path}.outcome\` must be "accepted" or "rejected"; got ${describe(value.outcome)}.`;
  }
  const error = value.error;
  if (!isObject(error))
    return `\`${path}.error\` must be an object {code, message, retryable}; got ${describe(error)}.`;
  return fields(error, `${path}.error`, {
    code: text(MAX_PLATFORM * 2),
    message: text(MAX_NAME * 20),
    retryable: boolean,
  });
};
