import { exampleReplica } from '../replica/testing/example-replica';
import type { MessageBodies, MessageKind } from './message-envelope';
import { parseEnvelope } from './parse-envelope';
import { ATTACHMENT_CHUNKS_BODY, ATTACHMENT_WANT_BODY, TEST_SECRET, UNLINK_BODY } from './testing/fixtures';

const ID = '01JD7XKQ2M3N4P5Q6R7S8T9V0W';
const OTHER_ID = '01JD7XKQ2M3N4P5Q6R7S8T9V0X';
const SITE = { name: 'Acme Support org', url: 'https://acme.my.salesforce.com' };

const bodies: MessageBodies = {
  hello: {
    invitationId: '00112233445566778899aabbccddeeff',
    nonce: TEST_SECRET,
    platform: 'salesforce',
    site: SITE,
  },
  'hello-ack': {
    inReplyTo: OTHER_ID,
    platform: 'jira',
    site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
  },
  replica: { replica: exampleReplica, target: null, applied: 0 },
  unlink: UNLINK_BODY,
  pull: { limit: 20, acks: [{ messageId: OTHER_ID, outcome: 'accepted' }] },
  push: {
    messages: [
      {
        v: 1,
        connectionId: 'c-1',
        messageId: OTHER_ID,
        kind: 'unlink',
        sentAt: '2026-11-20T09:59:00.000Z',
        body: UNLINK_BODY,
      },
    ],
  },
  batch: { inReplyTo: OTHER_ID, messages: [], more: false },
  ack: {
    results: [
      {
        messageId: OTHER_ID,
        outcome: 'rejected',
        error: { code: 'rule-error', message: 'Line 3: x is not defined', retryable: false },
      },
    ],
  },
  'attachment-want': ATTACHMENT_WANT_BODY,
  'attachment-chunks': ATTACHMENT_CHUNKS_BODY,
};

function text<K extends MessageKind>(kind: K, body: unknown): string {
  return JSON.stringify({
    v: 1,
    connectionId: 'c-1',
    messageId: ID,
    kind,
    sentAt: '2026-11-20T10:00:00.000Z',
    body,
  });
}

function refusal(kind: MessageKind, body: unknown): string {
  const result = parseEnvelope(text(kind, body));
  return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
}

describe('parseEnvelope', () => {
  it.each(Object.keys(bodies) as MessageKind[])('accepts a well-formed %s', (kind) => {
    expect(parseEnvelope(text(kind, bodies[kind]))).toMatchObject({
      ok: true,
      envelope: { kind, body: bodies[kind] },
    });
  });

  it('refuses a top-level value that is not an object, saying what it got', () => {
    expect(parseEnvelope('[1]')).toMatchObject({
      ok: false,
      error: { code: 'envelope-malformed', message: expect.stringContaining('an array') },
    });
  });

  it('refuses a hello whose nonce is not 32 bytes of base64url', () => {
    expect(refusal('hello', { ...bodies.hello, nonce: 'abc' })).toMatch(/^envelope-malformed: `body.nonce`/);
  });

  it('refuses a site URL that is plain http on a public host', () => {
    expect(refusal('hello', { ...bodies.hello, site: { ...SITE, url: 'http://acme.example' } })).toMatch(
      /^envelope-malformed: `body.site.url` must be an https URL/,
    );
  });

  it('accepts plain http on localhost, for the sandbox', () => {
    expect(refusal('hello', { ...bodies.hello, site: { ...SITE, url: 'http://localhost:8080' } })).toBe(
      'accepted',
    );
  });

  it('accepts a hello and a hello-ack that say what their sender speaks', () => {
    const speaks = { protocol: [1], replica: [1, 2], capabilities: ['batch-push', 'field-times'] };
    expect(parseEnvelope(text('hello', { ...bodies.hello, speaks }))).toMatchObject({
      ok: true,
      envelope: { body: { speaks } },
    });
    expect(parseEnvelope(text('hello-ack', { ...bodies['hello-ack'], speaks }))).toMatchObject({
      ok: true,
      envelope: { body: { speaks } },
    });
  });

  it('refuses a speaks member with a version that is not a whole number or a capability that is not a name', () => {
    const hello = bodies.hello;
    expect(refusal('hello', { ...hello, speaks: { protocol: [0], replica: [1], capabilities: [] } })).toBe(
      'envelope-malformed: `body.speaks.protocol[0]` must be a version number (a whole number, 1 or more); got 0.',
    );
    expect(
      refusal('hello', { ...hello, speaks: { protocol: [1], replica: [1], capabilities: ['Batch Push'] } }),
    ).toBe(
      'envelope-malformed: `body.speaks.capabilities[0]` must be a capability name (1 to 40 of a-z 0-9 . -); got "Batch Push".',
    );
    expect(
      refusal('hello', { ...hello, speaks: { protocol: [1], replica: Array(33).fill(1), capabilities: [] } }),
    ).toBe('envelope-malformed: `body.speaks.replica` must list at most 32 versions; it lists 33.');
    expect(refusal('hello', { ...hello, speaks: null })).toBe(
      'envelope-malformed: `body.speaks` must be an object {protocol, replica, capabilities}; got null.',
    );
  });

  it('refuses a push carrying more than 100 messages', () => {
    const inner = bodies.push.messages[0];
    expect(refusal('push', { messages: Array(100).fill(inner) })).toBe('accepted');
    expect(refusal('push', { messages: Array(101).fill(inner) })).toBe(
      'envelope-malformed: `body.messages` must hold at most 100 messages; it holds 101.',
    );
  });

  it('refuses a bad message inside a push alone, as a rejection to answer in the ack', () => {
    const good = bodies.push.messages[0];
    const otherConnection = { ...good, messageId: ID, connectionId: 'c-2' };
    const result = parseEnvelope(text('push', { messages: [good, otherConnection] }));
    expect(result).toMatchObject({
      ok: true,
      envelope: { body: { messages: [good] } },
      refused: [
        {
          messageId: ID,
          outcome: 'rejected',
          error: {
            code: 'envelope-malformed',
            message: '`body.messages[1].connectionId` is "c-2" but the message carrying it belongs to "c-1".',
            retryable: false,
          },
        },
      ],
    });
  });

  it('refuses a whole push when a carried message has no id it could be acknowledged by', () => {
    const good = bodies.push.messages[0];
    expect(refusal('push', { messages: [good, { ...good, messageId: 'x' }] })).toBe(
      'envelope-malformed: `body.messages[1].messageId` must be a ULID (26 characters of Crockford base32), or the message cannot be acknowledged; got "x".',
    );
  });

  it('refuses a pull limit outside 1 to 100', () => {
    expect(refusal('pull', { limit: 0, acks: [] })).toMatch(
      /`body.limit` must be a whole number from 1 to 100/,
    );
    expect(refusal('pull', { limit: 101, acks: [] })).toMatch(/`body.limit`/);
  });

  it('refuses a rejected ack result without its error, naming the element', () => {
    expect(refusal('ack', { results: [{ messageId: OTHER_ID, outcome: 'rejected' }] })).toMatch(
      /`body.results\[0\].error`/,
    );
  });

  it('refuses an ack outcome other than accepted or rejected', () => {
    expect(refusal('ack', { results: [{ messageId: OTHER_ID, outcome: 'maybe' }] })).toMatch(
      /`body.results\[0\].outcome`/,
    );
  });

  it('accepts an unlink without a reason (null)', () => {
    expect(refusal('unlink', { ...UNLINK_BODY, reason: null })).toBe('accepted');
  });

  it('refuses an unlink whose entity has no id', () => {
    expect(refusal('unlink', { ...UNLINK_BODY, entity: { platform: 'salesforce', type: 'Case' } })).toMatch(
      /`body.entity.id` is missing/,
    );
  });

  it('refuses a replica message without a replica', () => {
    expect(refusal('replica', { target: null, applied: 0 })).toMatch(
      /^envelope-malformed: `body.replica` is missing/,
    );
  });

  it.each(['remote-wins', 'local-wins', 'newest-wins'])(
    "accepts a replica naming the sender's policy %s",
    (policy) => {
      expect(parseEnvelope(text('replica', { ...bodies.replica, policy }))).toMatchObject({
        ok: true,
        envelope: { body: { policy } },
      });
    },
  );

  it.each([
    ['an unknown policy', 'first-wins', '"first-wins"'],
    ['a null policy', null, 'null'],
    ['a policy that is not text', 1, '1'],
  ])('refuses a replica with %s, naming the field and the choices', (_name, policy, shown) => {
    expect(refusal('replica', { ...bodies.replica, policy })).toBe(
      `envelope-malformed: \`body.policy\` must be one of "remote-wins", "local-wins", "newest-wins", or absent; got ${shown}.`,
    );
  });

  it('refuses a negative applied seq', () => {
    expect(refusal('replica', { ...bodies.replica, applied: -1 })).toMatch(/`body.applied`/);
  });

  it('refuses a sentAt in another spelling', () => {
    const value = JSON.parse(text('unlink', UNLINK_BODY));
    value.sentAt = '2026-11-20T10:00:00Z';
    expect(parseEnvelope(JSON.stringify(value))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('`sentAt`') },
    });
  });

  it('refuses a replica nested 6,000 levels deep with replica-invalid, where it used to overflow the stack', () => {
    const replicaText = JSON.stringify(exampleReplica).replace(
      '"custom":{',
      `"custom":{"x":${'{"a":'.repeat(6000)}1${'}'.repeat(6000)},`,
    );
    const result = parseEnvelope(
      text('replica', { target: null, applied: 0 }).replace('"body":{', `"body":{"replica":${replicaText},`),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'replica-invalid' } });
    expect(result.ok ? '' : result.error.message).toMatch(
      /^`body.replica` is not a valid replica: \/custom\/x\/a\/a.*…: is nested more than 256 levels deep/,
    );
    expect(result.ok ? 0 : result.error.message.length).toBeLessThan(1000);
  });

  it('drops members it does not know from the envelope it returns, however deep they are', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const withExtras = text('unlink', UNLINK_BODY)
      .replace('"body":{', `"extra":${deep},"body":{"extra":${deep},`)
      .replace('"entity":{', `"entity":{"extra":${deep},`);
    const result = parseEnvelope(withExtras);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.envelope).toEqual({
      v: 1,
      connectionId: 'c-1',
      messageId: ID,
      kind: 'unlink',
      sentAt: '2026-11-20T10:00:00.000Z',
      body: UNLINK_BODY,
    });
  });

  it.each([['javascript:alert(1)'], ['data:text/html,<b>x</b>'], ['/relative']])(
    'refuses an entity url %j: only http and https URLs are links',
    (url) => {
      expect(refusal('unlink', { ...UNLINK_BODY, entity: { ...UNLINK_BODY.entity, url } })).toMatch(
        /^envelope-malformed: `body.entity.url` must be an http or https URL/,
      );
    },
  );

  it('takes an entity id of 200 characters as the replica schema counts them, an emoji being one', () => {
    const id = (length: number): unknown => ({
      ...UNLINK_BODY,
      entity: { ...UNLINK_BODY.entity, id: '\u{1F600}'.repeat(length) },
    });
    expect(refusal('unlink', id(200))).toBe('accepted');
    expect(refusal('unlink', id(201))).toMatch(
      /^envelope-malformed: `body.entity.id` must be a non-empty string of at most 200 characters/,
    );
  });

  it('reads only own members: a body naming __proto__ or constructor gets no inherited values', () => {
    expect(refusal('pull', JSON.parse('{"__proto__": {"limit": 5, "acks": []}}'))).toMatch(
      /`body.limit` is missing/,
    );
  });

  it('shows only the start of a long value in its message', () => {
    expect(refusal('pull', { limit: 'x'.repeat(1_000_000), acks: [] }).length).toBeLessThan(200);
  });
});

describe('parseEnvelope: attachment kinds (capability attachments-v1)', () => {
  const file = ATTACHMENT_CHUNKS_BODY.files[0];
  if (file?.outcome !== 'chunks') throw new Error('fixture: first file must be chunks');
  const chunk = file.chunks[0];
  const withChunks = (chunks: unknown[], extra: object = {}): unknown => ({
    inReplyTo: OTHER_ID,
    files: [{ ...file, chunks, ...extra }],
  });

  it.each([
    ['no wants', { wants: [] }, '`body.wants` must hold 1 to 20 items; it holds 0.'],
    [
      'too many wants',
      { wants: Array.from({ length: 21 }, () => ATTACHMENT_WANT_BODY.wants[0]) },
      '`body.wants` must hold 1 to 20 items; it holds 21.',
    ],
    [
      'a negative from',
      { wants: [{ id: '1', ref: 'attachment:1', from: -1 }] },
      '`body.wants[0].from` must be',
    ],
    ['an empty ref', { wants: [{ id: '1', ref: '', from: 0 }] }, '`body.wants[0].ref` must be'],
  ])('refuses an attachment-want with %s', (_name, body, message) => {
    expect(refusal('attachment-want', body)).toContain(`envelope-malformed: ${message}`);
  });

  it('reads the wants a batch carries (capability attachments-both-ways), and a batch without them as before', () => {
    const wants = ATTACHMENT_WANT_BODY.wants;
    expect(parseEnvelope(text('batch', { ...bodies.batch, wants }))).toMatchObject({
      ok: true,
      envelope: { body: { wants } },
    });
    const plain = parseEnvelope(text('batch', bodies.batch));
    expect(plain.ok && 'wants' in plain.envelope.body).toBe(false);
  });

  it.each([
    [
      'too many wants',
      { wants: Array.from({ length: 21 }, () => ATTACHMENT_WANT_BODY.wants[0]) },
      '`body.wants` must hold 0 to 20 items; it holds 21.',
    ],
    [
      'a want from a negative chunk',
      { wants: [{ id: '1', ref: 'attachment:1', from: -1 }] },
      '`body.wants[0].from` must be',
    ],
    ['wants that are not an array', { wants: {} }, '`body.wants` must be an array'],
  ])('refuses a batch whose wants hold %s', (_name, extra, message) => {
    expect(refusal('batch', { ...bodies.batch, ...extra })).toContain(`envelope-malformed: ${message}`);
  });

  it.each([
    [
      'an index not below count',
      withChunks([{ ...chunk, index: 1 }]),
      '`body.files[0].chunks[0].index` is 1',
    ],
    ['a count of 0', withChunks([{ ...chunk, count: 0 }]), '`body.files[0].chunks[0].count` must be'],
    ['a count over the file limit', withChunks([{ ...chunk, count: 1139 }]), 'from 1 to 1138'],
    ['data with padding', withChunks([{ ...chunk, data: 'AAE=' }]), '`body.files[0].chunks[0].data` must be'],
    [
      'data over 90 KiB',
      withChunks([{ ...chunk, data: 'A'.repeat(122_884) }]),
      'unpadded base64url of at most 122880 characters',
    ],
    ['a hash in capitals', withChunks([{ ...chunk, sha256: 'A'.repeat(64) }]), '64 lowercase hex digits'],
    [
      'nine chunks in one file',
      withChunks(Array.from({ length: 9 }, () => chunk)),
      '`body.files[0].chunks` must hold 0 to 8 items; it holds 9.',
    ],
    [
      'nine chunks over two files',
      {
        inReplyTo: OTHER_ID,
        files: [0, 1].map(() => ({ ...file, chunks: [0, 1, 2, 3, 4].map(() => chunk) })),
      },
      'carry 10 chunks in all; one message carries at most 8',
    ],
    ['an unknown outcome', withChunks([], { outcome: 'maybe' }), 'must be "chunks", "link" or "refused"'],
    [
      'a link to javascript:',
      {
        inReplyTo: OTHER_ID,
        files: [{ id: '1', ref: 'r', outcome: 'link', url: 'javascript:alert(1)', note: 'n' }],
      },
      '`body.files[0].url` must be an http or https URL',
    ],
  ])('refuses an attachment-chunks with %s', (_name, body, message) => {
    expect(refusal('attachment-chunks', body)).toContain(message);
  });

  it('accepts a refused file with its coded error', () => {
    const body = {
      inReplyTo: OTHER_ID,
      files: [
        {
          id: '1',
          ref: 'attachment:1',
          outcome: 'refused',
          error: { code: 'attachment-unknown', message: 'No attachment 1 on SUP-42.', retryable: false },
        },
      ],
    };
    expect(refusal('attachment-chunks', body)).toBe('accepted');
  });

  it.each([
    [120, 'accepted'],
    [86_400, 'accepted'],
    [86_401, '`body.files[0].error.retryAfterSeconds` must be a whole number of seconds, 0 to 86400'],
    [-1, '`body.files[0].error.retryAfterSeconds` must be a whole number of seconds, 0 to 86400'],
    [1.5, '`body.files[0].error.retryAfterSeconds` must be a whole number of seconds, 0 to 86400'],
  ])("reads a refused file's retryAfterSeconds %p: %s", (seconds, outcome) => {
    const error = {
      code: 'http',
      message: 'Jira answered 429.',
      retryable: true,
      retryAfterSeconds: seconds,
    };
    const body = {
      inReplyTo: OTHER_ID,
      files: [{ id: '1', ref: 'attachment:1', outcome: 'refused', error }],
    };
    const result = refusal('attachment-chunks', body);
    if (outcome === 'accepted') expect(result).toBe('accepted');
    else expect(result).toContain(outcome);
  });
});
