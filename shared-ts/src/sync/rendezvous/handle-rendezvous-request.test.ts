import { helloForTest, signForTest } from '../../protocol/testing/signed';
import {
  createEnvelope,
  createInvitation,
  createMessageIdGenerator,
  parseInvitation,
  readErrorResponse,
  type EnvelopeOf,
  type MessageKind,
} from '../../protocol';
import { INVITATION_INPUT, OTHER_SECRET, TEST_SECRET } from '../../protocol/testing/fixtures';
import { migrateConnection } from '../model/migrate';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { seedEntity } from '../testing/test-node';
import { handleRendezvousRequest, type PairedConnection } from './handle-rendezvous-request';
import { pullOnce } from './rendezvous-client';
import { rendezvousPair, type RendezvousPair } from './testing/rendezvous-pair';

const ids = createMessageIdGenerator();

/** A signed request of `kind` from the Salesforce side, as the platform hands it over. */
async function request<K extends MessageKind>(
  pair: RendezvousPair,
  kind: K,
  body: EnvelopeOf<K>['body'],
  secret = TEST_SECRET,
) {
  const envelope = createEnvelope(kind, body, {
    connectionId: 'conn-1',
    messageId: ids(),
    sentAt: pair.clock.now(),
  });
  const signed = await signForTest(envelope, secret);
  return {
    envelope,
    request: {
      method: 'POST',
      path: '/',
      headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, [value]])),
      body: signed.body,
    },
  };
}

/** Jira issues queued for Salesforce, one per id. */
async function queueIssues(pair: RendezvousPair, ...issueIds: string[]) {
  for (const id of issueIds) {
    const ref = seedEntity(pair.jira, id, { title: `Issue ${id}`, state: 'Open' });
    await syncLocalChange(pair.jira.engine.context, ref);
  }
}

function bodyOf(response: { body: string }): { kind: string; body: Record<string, unknown> } {
  return JSON.parse(response.body) as { kind: string; body: Record<string, unknown> };
}

describe('handleRendezvousRequest', () => {
  it('refuses anything but POST with method-unsupported (405), unsigned', async () => {
    const pair = rendezvousPair();
    const { request: post } = await request(pair, 'pull', { limit: 5, acks: [] });
    const response = await pair.serve({ ...post, method: 'GET' });
    expect(response.statusCode).toBe(405);
    expect(readErrorResponse(response.body)).toEqual({
      code: 'method-unsupported',
      message: 'The rendezvous takes POST only; got GET.',
    });
  });

  it('answers a request signed with another secret with an unsigned 401 and changes nothing', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10042');
    const { request: pull } = await request(pair, 'pull', { limit: 5, acks: [] }, OTHER_SECRET);
    const response = await pair.serve(pull);
    expect(response.statusCode).toBe(401);
    expect(readErrorResponse(response.body)?.code).toBe('signature-invalid');
    expect([...pair.jira.outbox.items.values()][0]?.offers).toBe(0);
  });

  it('rejects an authenticated message it cannot take with a signed ack at the error status', async () => {
    const pair = rendezvousPair();
    const { envelope, request: sent } = await request(pair, 'replica', {
      replica: { schema: 1 } as never,
      target: null,
      applied: 0,
    });
    const response = await pair.serve(sent);
    expect(response.statusCode).toBe(422);
    expect(response.headers['X-Tandem-Signature']?.[0]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(bodyOf(response)).toMatchObject({
      kind: 'ack',
      body: {
        results: [
          {
            messageId: envelope.messageId,
            outcome: 'rejected',
            error: { code: 'replica-invalid', retryable: false },
          },
        ],
      },
    });
  });

  it('answers an attachment-want with a signed attachment-chunks of the file, in reply to the want', async () => {
    const pair = rendezvousPair({ attachments: {} });
    pair.files.source.add(
      'attachment:10200',
      { id: '10200', filename: 'a.bin', size: 3 },
      Uint8Array.of(0, 1, 2),
    );
    const { envelope, request: sent } = await request(pair, 'attachment-want', {
      wants: [
        { id: '10200', ref: 'attachment:10200', from: 0 },
        { id: '10201', ref: 'attachment:10201', from: 0 },
      ],
    });
    const response = await pair.serve(sent);
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      kind: 'attachment-chunks',
      body: {
        inReplyTo: envelope.messageId,
        files: [
          {
            id: '10200',
            outcome: 'chunks',
            size: 3,
            sha256: 'ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc',
            chunks: [{ index: 0, count: 1, data: 'AAEC' }],
          },
          { id: '10201', outcome: 'refused', error: { code: 'attachment-unknown', retryable: false } },
        ],
      },
    });
  });

  it('refuses an attachment-want with kind-unsupported when the peer does not speak attachments-v1', async () => {
    const pair = rendezvousPair({
      attachments: {},
      speaks: { protocol: [1], replica: [1, 2], capabilities: ['batch-push'] },
    });
    const { envelope, request: sent } = await request(pair, 'attachment-want', {
      wants: [{ id: '10200', ref: 'attachment:10200', from: 0 }],
    });
    const response = await pair.serve(sent);
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response)).toMatchObject({
      body: { results: [{ messageId: envelope.messageId, error: { code: 'kind-unsupported' } }] },
    });
  });

  it('refuses an attachment-want with kind-unsupported while it serves no files', async () => {
    const pair = rendezvousPair();
    const { envelope, request: sent } = await request(pair, 'attachment-want', {
      wants: [{ id: '10200', ref: 'attachment:10200', from: 0 }],
    });
    const response = await pair.serve(sent);
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response)).toMatchObject({
      kind: 'ack',
      body: {
        results: [
          { messageId: envelope.messageId, outcome: 'rejected', error: { code: 'kind-unsupported' } },
        ],
      },
    });
  });

  it('takes a push into the inbox with a result per message, refusing a bad one alone', async () => {
    const pair = rendezvousPair();
    for (const id of ['500A', '500B']) {
      await syncLocalChange(pair.salesforce.engine.context, seedEntity(pair.salesforce, id, { title: id }));
    }
    const [first, second] = [...pair.salesforce.outbox.items.values()];
    if (!first?.message || !second?.message) throw new Error('nothing queued');
    const carried = (item: typeof first, connectionId: string) => ({
      ...createEnvelope(
        'unlink',
        { entity: item.entity, target: null, reason: null },
        { connectionId, messageId: item.messageId, sentAt: pair.clock.now() },
      ),
    });
    const { request: push } = await request(pair, 'push', {
      messages: [carried(first, 'conn-1'), carried(second, 'conn-2')],
    });
    const response = await pair.serve(push);
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).body.results).toEqual([
      {
        messageId: second.messageId,
        outcome: 'rejected',
        error: {
          code: 'envelope-malformed',
          message:
            '`body.messages[1].connectionId` is "conn-2" but the message carrying it belongs to "conn-1".',
          retryable: false,
        },
      },
      { messageId: first.messageId, outcome: 'accepted' },
    ]);
    expect(pair.jira.inbox.items.size).toBe(1);
  });

  it('offers the due items in a signed batch that answers the pull, and keeps them until acknowledged', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10041', '10042');
    const { envelope: pull, request: sent } = await request(pair, 'pull', { limit: 5, acks: [] });
    const response = await pair.serve(sent);
    const batch = bodyOf(response);
    const queued = [...pair.jira.outbox.items.values()];
    expect(batch).toMatchObject({
      kind: 'batch',
      body: { inReplyTo: pull.messageId, more: false },
    });
    expect((batch.body.messages as { messageId: string }[]).map((message) => message.messageId)).toEqual(
      queued.map((item) => item.messageId),
    );
    expect(queued.map((item) => [item.offers, item.lastOfferedAt, item.attempts])).toEqual([
      [1, '2026-11-20T10:00:00.000Z', 0],
      [1, '2026-11-20T10:00:00.000Z', 0],
    ]);
  });

  it('says more when the pull limit cuts the batch', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10041', '10042', '10043');
    const { request: sent } = await request(pair, 'pull', { limit: 2, acks: [] });
    const batch = bodyOf(await pair.serve(sent)).body;
    expect(batch.messages).toHaveLength(2);
    expect(batch.more).toBe(true);
  });

  it('keeps a batch under its byte budget, and sets an item too large for any batch aside in the error list', async () => {
    const pair = rendezvousPair({ maxBatchBytes: 2_500 });
    await queueIssues(pair, '10041', '10042');
    seedEntity(pair.jira, '10043', { title: 'x'.repeat(3_000), state: 'Open' });
    await syncLocalChange(pair.jira.engine.context, { platform: 'jira', type: 'issue', id: '10043' });
    const { request: sent } = await request(pair, 'pull', { limit: 20, acks: [] });
    const response = await pair.serve(sent);
    expect(new TextEncoder().encode(response.body).length).toBeLessThanOrEqual(2_500);
    const batch = bodyOf(response).body;
    expect((batch.messages as unknown[]).length).toBeGreaterThanOrEqual(1);
    const errors = await pair.jira.engine.errors();
    expect(errors.map((error) => [error.item.entity.id, error.item.lastError?.code])).toEqual([
      ['10043', 'schema'],
    ]);
    expect(errors[0]?.item.lastError?.message).toMatch(
      /^The message is \d+ bytes, more than a batch of at most 2500 bytes can carry\.$/,
    );
  });

  it('settles acks before offering: accepted items leave the queue, a repeated ack changes nothing', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10042');
    const [item] = [...pair.jira.outbox.items.values()];
    if (!item) throw new Error('nothing queued');
    const ack = { messageId: item.messageId, outcome: 'accepted' as const };
    const first = await pair.serve((await request(pair, 'pull', { limit: 5, acks: [ack] })).request);
    expect(bodyOf(first).body.messages).toEqual([]);
    expect(pair.jira.outbox.items.size).toBe(0);
    expect(pair.jira.log.entries.map((entry) => entry.kind)).toContain('delivered');

    const again = await pair.serve((await request(pair, 'pull', { limit: 5, acks: [ack] })).request);
    expect(again.statusCode).toBe(200);
    expect(pair.jira.log.entries.filter((entry) => entry.kind === 'delivered')).toHaveLength(1);
  });

  it('books an acknowledged replica on the link as deliverOutbox does: delivered seq and last sync', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10042');
    const [item] = [...pair.jira.outbox.items.values()];
    if (!item || item.message?.kind !== 'replica') throw new Error('no replica queued');
    const before = await pair.jira.links.get('conn-1', item.entity);
    expect(before?.outgoing.delivered).toBe(0);
    const ack = { messageId: item.messageId, outcome: 'accepted' as const };
    await pair.serve((await request(pair, 'pull', { limit: 5, acks: [ack] })).request);
    const after = await pair.jira.links.get('conn-1', item.entity);
    expect(after?.outgoing.delivered).toBe(item.message.replica.seq);
    expect(after?.lastSyncAt).not.toBeNull();
  });

  it('puts a message the puller rejected for good into the error list with its reason, and retries a retryable one', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10041', '10042');
    const [one, two] = [...pair.jira.outbox.items.values()];
    if (!one || !two) throw new Error('nothing queued');
    await pair.serve(
      (
        await request(pair, 'pull', {
          limit: 5,
          acks: [
            {
              messageId: one.messageId,
              outcome: 'rejected',
              error: { code: 'rule-error', message: 'Line 3: x is not defined.', retryable: false },
            },
            {
              messageId: two.messageId,
              outcome: 'rejected',
              error: { code: 'unexpected', message: 'Inbox down.', retryable: true },
            },
          ],
        })
      ).request,
    );
    expect(await pair.jira.outbox.get(one.key)).toMatchObject({
      state: 'error',
      lastError: {
        code: 'rejected',
        message: 'The other side refused it (rule-error): Line 3: x is not defined.',
      },
    });
    expect(await pair.jira.outbox.get(two.key)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: { code: 'unavailable' },
    });
  });

  it('answers unavailable (503) when its storage fails, and acknowledges nothing', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10042');
    pair.jira.outbox.put = () => Promise.reject(new Error('KVS is down'));
    const response = await pair.serve((await request(pair, 'pull', { limit: 5, acks: [] })).request);
    expect(response.statusCode).toBe(503);
    expect(readErrorResponse(response.body)?.code).toBe('unavailable');
  });

  it('leaves out of the batch an item replaced after it was read, and offers the newer content next', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10042');
    // A person's edit replaces the item between the pull's read of the outbox and its offer.
    pair.jira.outbox.beforePut.push(async () => {
      const ref = seedEntity(pair.jira, '10042', { title: 'edited meanwhile', state: 'Open' });
      await syncLocalChange(pair.jira.engine.context, ref);
    });
    const first = await pair.serve((await request(pair, 'pull', { limit: 5, acks: [] })).request);
    expect(bodyOf(first).body.messages).toEqual([]);
    const [waiting] = [...pair.jira.outbox.items.values()];
    expect(waiting).toMatchObject({ offers: 0, message: { replica: { seq: 2 } } });
    const second = await pair.serve((await request(pair, 'pull', { limit: 5, acks: [] })).request);
    expect(
      (bodyOf(second).body.messages as { messageId: string }[]).map((message) => message.messageId),
    ).toEqual([waiting?.messageId]);
  });

  it('pairs through a hello and stores the connection with what both speak', async () => {
    const pair = rendezvousPair();
    const saved: PairedConnection[] = [];
    const made = await createInvitation({ ...INVITATION_INPUT, clock: pair.clock });
    if (!made.ok) throw new Error(made.error.message);
    await pair.server.invitations.save(made.invitation);
    const parsed = await parseInvitation(made.code, pair.clock.now());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const hello = await helloForTest({
      invitation: parsed.invitation,
      platform: 'salesforce',
      site: { name: 'Acme Support org', url: 'https://acme.my.salesforce.com' },
      clock: pair.clock,
      messageIds: ids,
      speaks: { protocol: [1], replica: [1], capabilities: [] },
    });
    const response = await handleRendezvousRequest(
      {
        method: 'POST',
        path: '/',
        headers: Object.fromEntries(
          Object.entries(hello.request.headers).map(([name, value]) => [name, [value]]),
        ),
        body: hello.request.body,
      },
      { ...pair.server, saveConnection: async (connection) => void saved.push(connection) },
    );
    expect(response.statusCode).toBe(200);
    expect(saved).toEqual([
      expect.objectContaining({
        connectionId: made.invitation.connectionId,
        secret: hello.connectionSecret,
        speaks: { protocol: [1], replica: [1], capabilities: [] },
        peerSpeaks: { protocol: [1], replica: [1], capabilities: [] },
        format: 2,
      }),
    ]);
    // Stored as it is, the record reads back through the stored connection's migration.
    expect(migrateConnection(JSON.parse(JSON.stringify(saved[0])))).toMatchObject({
      ok: true,
      value: { format: 2, peerSpeaks: { replica: [1] } },
    });
  });

  it('lets a pull client fetch, apply and acknowledge everything queued for it', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10041', '10042');
    expect(await pullOnce(pair.client)).toEqual({
      ok: true,
      received: 2,
      rejected: 0,
      acked: 0,
      more: false,
    });
    expect(pair.salesforce.inbox.items.size).toBe(2);
    expect(await pullOnce(pair.client)).toEqual({
      ok: true,
      received: 0,
      rejected: 0,
      acked: 2,
      more: false,
    });
    expect(pair.jira.outbox.items.size).toBe(0);
    expect(await pair.client.acks.pending('conn-1', 10)).toEqual([]);
  });

  it('takes two pulls at once from one client: each message is applied once and every ack settles it', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10041', '10042', '10043');
    const [first, second] = await Promise.all([pullOnce(pair.client), pullOnce(pair.client)]);
    expect(first.ok && second.ok).toBe(true);
    // An offer is recorded by compare-and-set: a message both pulls read goes out with one of them,
    // or with both when the second read it after the first offered it (then the inbox keeps one).
    const received = (first.ok ? first.received : 0) + (second.ok ? second.received : 0);
    expect(received).toBeGreaterThanOrEqual(3);
    expect(pair.salesforce.inbox.items.size).toBe(3);
    await pair.salesforce.engine.processInbox();
    expect(pair.salesforce.entities.entities.size).toBe(3);
    await Promise.all([pullOnce(pair.client), pullOnce(pair.client)]);
    expect(pair.jira.outbox.items.size).toBe(0);
    expect(await pair.jira.engine.errors()).toEqual([]);
    expect(await pair.salesforce.engine.errors()).toEqual([]);
    expect(await pair.client.acks.pending('conn-1', 10)).toEqual([]);
  });
});
