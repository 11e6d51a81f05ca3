import { signForTest } from './testing/signed';
import { exampleReplica } from '../replica/testing/example-replica';
import { createEnvelope } from './create-envelope';
import { InMemoryReplayCache } from './in-memory-replay-cache';
import type { MessageBodies, MessageKind } from './message-envelope';
import type { ReplayCache } from './ports';
import {
  CONNECTION_ID,
  MESSAGE_ID,
  OTHER_SECRET,
  signRaw,
  T0,
  TEST_SECRET,
  TestClock,
  UNLINK_BODY,
} from './testing/fixtures';
import { verifyMessage, type RawMessage, type VerifyOptions } from './verify-message';

const FIVE_MINUTES = 5 * 60 * 1000;
const SECOND_ID = '01JD7XKQ2M3N4P5Q6R7S8T9V0X';

function options(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    secretFor: async (id) => (id === CONNECTION_ID ? TEST_SECRET : null),
    clock: new TestClock(T0),
    replayCache: new InMemoryReplayCache(new TestClock(T0)),
    ...overrides,
  };
}

async function signed<K extends MessageKind>(
  kind: K,
  body: MessageBodies[K],
  stamp: { messageId?: string; sentAt?: number } = {},
): Promise<RawMessage> {
  const envelope = createEnvelope(kind, body, {
    connectionId: CONNECTION_ID,
    messageId: stamp.messageId ?? MESSAGE_ID,
    sentAt: stamp.sentAt ?? T0,
  });
  return signForTest(envelope, TEST_SECRET);
}

/** A correctly signed message whose body is `envelope` serialised as given (any shape at all). */
function signedValue(
  envelope: unknown,
  headers: { connectionId?: string; messageId?: string; timestamp?: string } = {},
) {
  return signRaw({
    connectionId: headers.connectionId ?? CONNECTION_ID,
    messageId: headers.messageId ?? MESSAGE_ID,
    timestamp: headers.timestamp ?? '2026-11-20T10:00:00.000Z',
    body: typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
  });
}

function unlinkEnvelope(): Record<string, unknown> {
  return {
    v: 1,
    connectionId: CONNECTION_ID,
    messageId: MESSAGE_ID,
    kind: 'unlink',
    sentAt: '2026-11-20T10:00:00.000Z',
    body: structuredClone(UNLINK_BODY),
  };
}

/** A replay cache that records every call. */
function spyCache(): ReplayCache & { calls: [string, string, number][] } {
  const inner = new InMemoryReplayCache(new TestClock(T0));
  const calls: [string, string, number][] = [];
  return {
    calls,
    seen: (connectionId, messageId, expiresAt) => {
      calls.push([connectionId, messageId, expiresAt]);
      return inner.seen(connectionId, messageId, expiresAt);
    },
  };
}

function withHeader(raw: RawMessage, name: string, value: string | string[] | undefined): RawMessage {
  return { ...raw, headers: { ...raw.headers, [name]: value } };
}

describe('verifyMessage accepts', () => {
  it('a message signed by signMessage, returning its envelope', async () => {
    const result = await verifyMessage(await signed('unlink', UNLINK_BODY), options());
    expect(result).toEqual({
      ok: true,
      envelope: expect.objectContaining({ kind: 'unlink', body: UNLINK_BODY }),
      refused: [],
    });
  });

  it('header names in any letter case and values as one-element lists (as Forge passes them)', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const headers = Object.fromEntries(
      Object.entries(raw.headers).map(([name, value]) => [name.toLowerCase(), [String(value)]]),
    );
    expect((await verifyMessage({ headers, body: raw.body }, options())).ok).toBe(true);
  });

  it('a replica message whose replica passes the replica schema', async () => {
    const raw = await signed('replica', { replica: exampleReplica, target: null, applied: 0 });
    const result = await verifyMessage(raw, options());
    expect(result.ok && result.envelope.kind === 'replica' && result.envelope.body.replica).toEqual(
      exampleReplica,
    );
  });

  it('a body of exactly the size limit', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const size = new TextEncoder().encode(raw.body).length;
    expect((await verifyMessage(raw, options({ maxBodyBytes: size }))).ok).toBe(true);
  });

  it('a timestamp exactly 5 minutes behind the receiver clock', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    expect((await verifyMessage(raw, options({ clock: new TestClock(T0 + FIVE_MINUTES) }))).ok).toBe(true);
  });

  it('a timestamp exactly 5 minutes ahead of the receiver clock', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    expect((await verifyMessage(raw, options({ clock: new TestClock(T0 - FIVE_MINUTES) }))).ok).toBe(true);
  });

  it('a wider window when configured', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const result = await verifyMessage(
      raw,
      options({ clock: new TestClock(T0 + 10 * 60_000), clockSkewMs: 10 * 60_000 }),
    );
    expect(result.ok).toBe(true);
  });

  it('unknown members of the envelope, ignoring them (minor additions stay compatible)', async () => {
    const raw = await signedValue({ ...unlinkEnvelope(), trace: 'abc' });
    expect((await verifyMessage(raw, options())).ok).toBe(true);
  });
});

describe('verifyMessage refuses', () => {
  it('a body over the size limit in UTF-8 bytes (body-too-large), even when its characters are fewer', async () => {
    const raw = await signed('unlink', { ...UNLINK_BODY, reason: 'é'.repeat(300) });
    const characters = raw.body.length;
    const result = await verifyMessage(raw, options({ maxBodyBytes: characters + 10 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'body-too-large' } });
  });

  it('an oversize body before looking up any secret or parsing anything', async () => {
    const secretFor = jest.fn(async () => TEST_SECRET);
    const raw = { headers: {}, body: 'x'.repeat(2_000_000) };
    expect(await verifyMessage(raw, options({ secretFor }))).toMatchObject({
      ok: false,
      error: { code: 'body-too-large' },
    });
    expect(secretFor).not.toHaveBeenCalled();
  });

  it('a missing connection header (header-invalid), naming the header', async () => {
    const raw = withHeader(await signed('unlink', UNLINK_BODY), 'X-Tandem-Connection', undefined);
    const result = await verifyMessage(raw, options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'header-invalid', message: expect.stringContaining('X-Tandem-Connection') },
    });
  });

  it('a message id that is not a ULID (header-invalid)', async () => {
    const raw = withHeader(await signed('unlink', UNLINK_BODY), 'X-Tandem-Message-Id', 'message-1');
    expect(await verifyMessage(raw, options())).toMatchObject({
      ok: false,
      error: { code: 'header-invalid' },
    });
  });

  it('a timestamp in another spelling (header-invalid)', async () => {
    const raw = withHeader(await signed('unlink', UNLINK_BODY), 'X-Tandem-Timestamp', '1795168800000');
    expect(await verifyMessage(raw, options())).toMatchObject({
      ok: false,
      error: { code: 'header-invalid' },
    });
  });

  it('a header sent under two spellings with different values (header-invalid), not the last one taken', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const headers = { 'x-tandem-connection': 'acme-other', ...raw.headers };
    expect(await verifyMessage({ headers, body: raw.body }, options())).toMatchObject({
      ok: false,
      error: {
        code: 'header-invalid',
        message: expect.stringContaining('X-Tandem-Connection must be a connection id'),
      },
    });
  });

  it('a header sent under two spellings with the same value', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const headers = { 'x-tandem-connection': CONNECTION_ID, ...raw.headers };
    expect((await verifyMessage({ headers, body: raw.body }, options())).ok).toBe(true);
  });

  it('a header sent twice with different values (header-invalid)', async () => {
    const raw = withHeader(await signed('unlink', UNLINK_BODY), 'X-Tandem-Connection', [
      CONNECTION_ID,
      'other',
    ]);
    const result = await verifyMessage(raw, options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'header-invalid', message: expect.stringContaining('2 times') },
    });
  });

  it('a message without a signature (signature-missing)', async () => {
    const raw = withHeader(await signed('unlink', UNLINK_BODY), 'X-Tandem-Signature', undefined);
    expect(await verifyMessage(raw, options())).toMatchObject({
      ok: false,
      error: { code: 'signature-missing' },
    });
  });

  it('a signature of another scheme or length (signature-missing)', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const hex = raw.headers['X-Tandem-Signature'] as string;
    for (const value of [hex.replace('v1=', 'v2='), hex.replace('v1=', 'sha256='), hex.slice(0, -2)]) {
      expect(await verifyMessage(withHeader(raw, 'X-Tandem-Signature', value), options())).toMatchObject({
        ok: false,
        error: { code: 'signature-missing' },
      });
    }
  });

  it('a timestamp 1 ms more than 5 minutes behind (timestamp-out-of-window)', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const result = await verifyMessage(raw, options({ clock: new TestClock(T0 + FIVE_MINUTES + 1) }));
    expect(result).toMatchObject({ ok: false, error: { code: 'timestamp-out-of-window' } });
  });

  it('a timestamp 1 ms more than 5 minutes ahead (timestamp-out-of-window)', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const result = await verifyMessage(raw, options({ clock: new TestClock(T0 - FIVE_MINUTES - 1) }));
    expect(result).toMatchObject({ ok: false, error: { code: 'timestamp-out-of-window' } });
  });

  it('a connection it has no secret for (connection-unknown)', async () => {
    const result = await verifyMessage(
      await signed('unlink', UNLINK_BODY),
      options({ secretFor: async () => null }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'connection-unknown' } });
  });

  it('a message signed with another secret (signature-invalid)', async () => {
    const result = await verifyMessage(
      await signed('unlink', UNLINK_BODY),
      options({ secretFor: async () => OTHER_SECRET }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'signature-invalid' } });
  });

  it('a body changed by one character after signing (signature-invalid)', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const altered = { ...raw, body: raw.body.replace('SUP-42', 'SUP-43') };
    expect(await verifyMessage(altered, options())).toMatchObject({
      ok: false,
      error: { code: 'signature-invalid' },
    });
  });

  it('a timestamp header changed after signing, even within the window (signature-invalid)', async () => {
    const raw = withHeader(
      await signed('unlink', UNLINK_BODY),
      'X-Tandem-Timestamp',
      '2026-11-20T10:00:01.000Z',
    );
    expect(await verifyMessage(raw, options())).toMatchObject({
      ok: false,
      error: { code: 'signature-invalid' },
    });
  });

  it('a body that is not JSON (envelope-malformed)', async () => {
    const result = await verifyMessage(await signedValue('{"v":1,'), options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'envelope-malformed', message: expect.stringContaining('not JSON') },
    });
  });

  it('an envelope with a field of the wrong type, naming its path (envelope-malformed)', async () => {
    const envelope = unlinkEnvelope();
    (envelope.body as { target: { id: unknown } }).target.id = 42;
    const result = await verifyMessage(await signedValue(envelope), options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'envelope-malformed', message: expect.stringContaining('`body.target.id`') },
    });
  });

  it('an envelope with a missing field, naming it (envelope-malformed)', async () => {
    const { sentAt: _omitted, ...envelope } = unlinkEnvelope();
    const result = await verifyMessage(await signedValue(envelope), options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'envelope-malformed', message: expect.stringContaining('`sentAt`') },
    });
  });

  it('an envelope of another protocol version, before looking at its shape (version-unsupported)', async () => {
    const result = await verifyMessage(await signedValue({ v: 2, anything: 'else' }), options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'version-unsupported', message: expect.stringContaining('version 2') },
    });
  });

  it('an envelope without a version (envelope-malformed)', async () => {
    const { v: _omitted, ...envelope } = unlinkEnvelope();
    expect(await verifyMessage(await signedValue(envelope), options())).toMatchObject({
      ok: false,
      error: { code: 'envelope-malformed', message: expect.stringContaining('`v`') },
    });
  });

  it('a kind the protocol does not have (kind-unsupported)', async () => {
    const result = await verifyMessage(await signedValue({ ...unlinkEnvelope(), kind: 'merge' }), options());
    expect(result).toMatchObject({ ok: false, error: { code: 'kind-unsupported' } });
  });

  it('a kind this endpoint does not take (kind-unsupported)', async () => {
    const result = await verifyMessage(
      await signed('unlink', UNLINK_BODY),
      options({ kinds: ['ack', 'batch'] }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'kind-unsupported', message: expect.stringContaining('ack, batch') },
    });
  });

  it('a connection header that differs from the envelope (header-mismatch)', async () => {
    const raw = await signedValue(unlinkEnvelope(), { connectionId: 'acme-other' });
    const result = await verifyMessage(raw, options({ secretFor: async () => TEST_SECRET }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'header-mismatch', message: expect.stringContaining('connectionId') },
    });
  });

  it('a message id header that differs from the envelope (header-mismatch)', async () => {
    const result = await verifyMessage(
      await signedValue(unlinkEnvelope(), { messageId: SECOND_ID }),
      options(),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'header-mismatch', message: expect.stringContaining('messageId') },
    });
  });

  it('a timestamp header that differs from sentAt (header-mismatch)', async () => {
    const raw = await signedValue(unlinkEnvelope(), { timestamp: '2026-11-20T10:00:00.001Z' });
    const result = await verifyMessage(raw, options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'header-mismatch', message: expect.stringContaining('sentAt') },
    });
  });

  it('a replica message whose replica breaks the replica schema, naming where (replica-invalid)', async () => {
    const replica = { ...exampleReplica, seq: -1 };
    const result = await verifyMessage(
      await signed('replica', { replica, target: null, applied: 0 }),
      options(),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'replica-invalid', message: expect.stringContaining('/seq') },
    });
  });

  it('the same message a second time (message-replayed)', async () => {
    const raw = await signed('unlink', UNLINK_BODY);
    const opts = options();
    expect((await verifyMessage(raw, opts)).ok).toBe(true);
    expect(await verifyMessage(raw, opts)).toMatchObject({ ok: false, error: { code: 'message-replayed' } });
  });
});

describe('verifyMessage and the replay cache', () => {
  it('records an accepted message until its timestamp plus the window', async () => {
    const replayCache = spyCache();
    await verifyMessage(await signed('unlink', UNLINK_BODY), options({ replayCache }));
    expect(replayCache.calls).toEqual([[CONNECTION_ID, MESSAGE_ID, T0 + FIVE_MINUTES]]);
  });

  it('never records a message refused before its signature was checked', async () => {
    const replayCache = spyCache();
    const raw = await signed('unlink', UNLINK_BODY);
    await verifyMessage(raw, options({ replayCache, secretFor: async () => OTHER_SECRET }));
    await verifyMessage(withHeader(raw, 'X-Tandem-Signature', undefined), options({ replayCache }));
    await verifyMessage(raw, options({ replayCache, clock: new TestClock(T0 + FIVE_MINUTES + 1) }));
    expect(replayCache.calls).toEqual([]);
  });

  it('never records an authenticated message refused for its content, so a corrected one can use the id', async () => {
    const replayCache = spyCache();
    await verifyMessage(await signedValue({ ...unlinkEnvelope(), kind: 'merge' }), options({ replayCache }));
    await verifyMessage(
      await signedValue(unlinkEnvelope(), { timestamp: '2026-11-20T10:00:00.001Z' }),
      options({ replayCache }),
    );
    expect(replayCache.calls).toEqual([]);
    expect((await verifyMessage(await signed('unlink', UNLINK_BODY), options({ replayCache }))).ok).toBe(
      true,
    );
  });

  it('accepts a different message id after one was recorded', async () => {
    const opts = options();
    await verifyMessage(await signed('unlink', UNLINK_BODY), opts);
    expect(
      (await verifyMessage(await signed('unlink', UNLINK_BODY, { messageId: SECOND_ID }), opts)).ok,
    ).toBe(true);
  });
});

describe('verifyMessage failures', () => {
  it('say who sent the message once the signature was good, so the refusal can be a signed ack', async () => {
    const result = await verifyMessage(await signedValue({ ...unlinkEnvelope(), kind: 'merge' }), options());
    expect(result).toMatchObject({
      ok: false,
      authenticated: { connectionId: CONNECTION_ID, messageId: MESSAGE_ID },
    });
  });

  it('say nothing of the sender before the signature was good', async () => {
    const result = await verifyMessage(
      await signed('unlink', UNLINK_BODY),
      options({ secretFor: async () => OTHER_SECRET }),
    );
    expect(result).not.toHaveProperty('authenticated');
  });
});

describe('verifyMessage on a batch', () => {
  async function batchOf(messages: unknown[]): Promise<RawMessage> {
    return signedValue({
      v: 1,
      connectionId: CONNECTION_ID,
      messageId: MESSAGE_ID,
      kind: 'batch',
      sentAt: '2026-11-20T10:00:00.000Z',
      body: { inReplyTo: SECOND_ID, messages, more: false },
    });
  }

  function inner(messageId: string, body: unknown, kind = 'replica'): Record<string, unknown> {
    return { v: 1, connectionId: CONNECTION_ID, messageId, kind, sentAt: '2026-11-20T09:59:00.000Z', body };
  }

  it('passes the carried messages through', async () => {
    const message = inner(SECOND_ID, { replica: exampleReplica, target: null, applied: 3 });
    const result = await verifyMessage(await batchOf([message]), options());
    expect(result.ok && result.envelope.kind === 'batch' && result.envelope.body.messages).toEqual([message]);
  });

  it('leaves out a carried message with an invalid replica and lists it as refused, keeping the others', async () => {
    const good = inner('01JD7XKQ2M3N4P5Q6R7S8T9V10', structuredClone(UNLINK_BODY), 'unlink');
    const bad = inner('01JD7XKQ2M3N4P5Q6R7S8T9V11', {
      replica: { ...exampleReplica, seq: -1 },
      target: null,
      applied: 0,
    });
    const result = await verifyMessage(await batchOf([bad, good]), options());
    expect(result).toMatchObject({
      ok: true,
      envelope: { body: { messages: [good] } },
      refused: [
        {
          messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V11',
          outcome: 'rejected',
          error: { code: 'replica-invalid', retryable: false },
        },
      ],
    });
  });

  it('refuses alone a carried message of another connection, keeping the others', async () => {
    const good = inner('01JD7XKQ2M3N4P5Q6R7S8T9V10', structuredClone(UNLINK_BODY), 'unlink');
    const stray = { ...inner(SECOND_ID, structuredClone(UNLINK_BODY), 'unlink'), connectionId: 'acme-other' };
    const result = await verifyMessage(await batchOf([stray, good]), options());
    expect(result).toMatchObject({
      ok: true,
      envelope: { body: { messages: [good] } },
      refused: [
        {
          messageId: SECOND_ID,
          outcome: 'rejected',
          error: {
            code: 'envelope-malformed',
            message: expect.stringContaining('`body.messages[0].connectionId`'),
            retryable: false,
          },
        },
      ],
    });
  });

  it('refuses alone a carried message of a kind other than replica or unlink (kind-unsupported)', async () => {
    const result = await verifyMessage(await batchOf([inner(SECOND_ID, { results: [] }, 'ack')]), options());
    expect(result).toMatchObject({
      ok: true,
      envelope: { body: { messages: [] } },
      refused: [{ messageId: SECOND_ID, error: { code: 'kind-unsupported', retryable: false } }],
    });
  });

  it('refuses alone a carried replica nested 6,000 levels deep, where it used to fail the whole batch with a stack overflow', async () => {
    const good = inner('01JD7XKQ2M3N4P5Q6R7S8T9V10', structuredClone(UNLINK_BODY), 'unlink');
    const deep = `{"x":${'{"a":'.repeat(6000)}1${'}'.repeat(6000)},`;
    const replicaText = JSON.stringify(exampleReplica).replace('"custom":{', `"custom":${deep}`);
    const deepMessage = `{"v":1,"connectionId":"${CONNECTION_ID}","messageId":"${SECOND_ID}","kind":"replica","sentAt":"2026-11-20T09:59:00.000Z","body":{"replica":${replicaText},"target":null,"applied":0}}`;
    const body = `{"v":1,"connectionId":"${CONNECTION_ID}","messageId":"${MESSAGE_ID}","kind":"batch","sentAt":"2026-11-20T10:00:00.000Z","body":{"inReplyTo":"${SECOND_ID}","more":false,"messages":[${deepMessage},${JSON.stringify(good)}]}}`;
    const raw = await signRaw({
      connectionId: CONNECTION_ID,
      messageId: MESSAGE_ID,
      timestamp: '2026-11-20T10:00:00.000Z',
      body,
    });
    const result = await verifyMessage(raw, options());
    expect(result).toMatchObject({
      ok: true,
      envelope: { body: { messages: [good] } },
      refused: [{ messageId: SECOND_ID, error: { code: 'replica-invalid', retryable: false } }],
    });
    expect(result.ok && result.refused[0]?.outcome === 'rejected' && result.refused[0].error.message).toMatch(
      /is nested more than 256 levels deep/,
    );
  });

  it('refuses the whole batch when a carried message has no id it could be acknowledged by', async () => {
    const result = await verifyMessage(await batchOf([{ ...inner(SECOND_ID, {}), messageId: 7 }]), options());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'envelope-malformed', message: expect.stringContaining('`body.messages[0].messageId`') },
    });
  });
});

describe('verifyMessage result type', () => {
  it('narrows the envelope to the kinds the endpoint takes', async () => {
    const result = await verifyMessage(await signed('pull', { limit: 10, acks: [] }), {
      ...options(),
      kinds: ['pull'],
    });
    expect(result.ok && result.envelope.body.limit).toBe(10);
  });
});
