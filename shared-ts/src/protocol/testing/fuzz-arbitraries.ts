/**
 * Test support: fast-check generators for the protocol's fuzz tests: text of any kind (lone
 * surrogates and JSON punctuation included), and mutations of valid messages and codes.
 */
import fc from 'fast-check';
import { damagedReplica, hostileJson } from '../../replica/testing/hostile-json';
import { exampleReplica } from '../../replica/testing/example-replica';
import type { JsonValue } from '../../replica/types';
import { canonicalJson } from '../../util/canonical-json';
import type { MessageBodies } from '../message-envelope';
import {
  ATTACHMENT_CHUNKS_BODY,
  ATTACHMENT_WANT_BODY,
  CONNECTION_ID,
  MESSAGE_ID,
  TEST_SECRET,
  UNLINK_BODY,
} from './fixtures';

const OTHER_ID = '01JD7XKQ2M3N4P5Q6R7S8T9V0X';

/** Any text: every code point, lone surrogates, and JSON's own punctuation, often. */
export const anyText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\ud800', '\udfff', '"', '\\', '{', '}', '[', ']', ',', ':', '0', 'v', ' '),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 300,
});

/** A valid body of every kind. */
export const VALID_BODIES: MessageBodies = {
  hello: {
    invitationId: '00112233445566778899aabbccddeeff',
    nonce: TEST_SECRET,
    platform: 'salesforce',
    site: { name: 'Acme Support org', url: 'https://acme.my.salesforce.com' },
  },
  'hello-ack': {
    inReplyTo: OTHER_ID,
    platform: 'jira',
    site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
  },
  replica: { replica: exampleReplica, target: null, applied: 0, policy: 'remote-wins' },
  unlink: UNLINK_BODY,
  push: {
    messages: [
      {
        v: 1,
        connectionId: CONNECTION_ID,
        messageId: OTHER_ID,
        kind: 'unlink',
        sentAt: '2026-11-20T09:59:00.000Z',
        body: UNLINK_BODY,
      },
    ],
  },
  pull: { limit: 20, acks: [{ messageId: OTHER_ID, outcome: 'accepted' }] },
  batch: {
    inReplyTo: OTHER_ID,
    more: false,
    messages: [
      {
        v: 1,
        connectionId: CONNECTION_ID,
        messageId: OTHER_ID,
        kind: 'replica',
        sentAt: '2026-11-20T09:59:00.000Z',
        body: { replica: exampleReplica, target: null, applied: 3 },
      },
    ],
  },
  ack: {
    results: [
      {
        messageId: OTHER_ID,
        outcome: 'rejected',
        error: { code: 'rule-error', message: 'x', retryable: false },
      },
    ],
  },
  'attachment-want': ATTACHMENT_WANT_BODY,
  'attachment-chunks': ATTACHMENT_CHUNKS_BODY,
};

/** A valid envelope of `kind`, as a JSON value. */
export function validEnvelope(kind: keyof MessageBodies): JsonValue {
  return JSON.parse(
    JSON.stringify({
      v: 1,
      connectionId: CONNECTION_ID,
      messageId: MESSAGE_ID,
      kind,
      sentAt: '2026-11-20T10:00:00.000Z',
      body: VALID_BODIES[kind],
    }),
  ) as JsonValue;
}

const kind = fc.constantFrom(...(Object.keys(VALID_BODIES) as (keyof MessageBodies)[]));

/** Every member path of a JSON value, found without recursion. */
function paths(value: JsonValue): string[][] {
  const found: string[][] = [];
  const stack: [JsonValue, string[]][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [JsonValue, string[]];
    found.push(path);
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) stack.push([child, [...path, key]]);
    }
  }
  return found;
}

/** The value with the member at `path` set (defined as an own member, `__proto__` too) or removed. */
function edited(value: JsonValue, path: string[], replacement: JsonValue | undefined): JsonValue {
  if (path.length === 0) return replacement ?? null;
  const copy = JSON.parse(JSON.stringify(value)) as JsonValue;
  let node = copy as Record<string, JsonValue>;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string, JsonValue>;
  }
  const last = path[path.length - 1] as string;
  if (replacement === undefined) Reflect.deleteProperty(node, last);
  else
    Object.defineProperty(node, last, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** A valid envelope with one member replaced by hostile JSON, removed, or one added. */
export const mutatedEnvelope: fc.Arbitrary<JsonValue> = kind.chain((chosen) => {
  const envelope = validEnvelope(chosen);
  const all = paths(envelope);
  return fc
    .tuple(
      fc.constantFrom(...all),
      fc.oneof(hostileJson, damagedReplica, fc.constant(undefined)),
      fc.oneof(fc.constant(null), fc.constantFrom('__proto__', 'constructor', 'extra', 'v', 'kind')),
    )
    .map(([path, replacement, added]) =>
      added === null
        ? edited(envelope, path, replacement)
        : edited(envelope, [...path, added], replacement ?? 1),
    );
});

/** Text of a valid envelope with characters changed, removed or added. */
export const mutatedEnvelopeText: fc.Arbitrary<string> = fc
  .tuple(kind, fc.nat(), fc.nat(20), anyText)
  .map(([chosen, at, removed, inserted]) => {
    const text = canonicalJson(validEnvelope(chosen));
    const start = at % (text.length + 1);
    return `${text.slice(0, start)}${inserted}${text.slice(start + removed)}`;
  });
