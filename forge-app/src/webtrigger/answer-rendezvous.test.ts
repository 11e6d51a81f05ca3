import {
  createEnvelope,
  createMessageIdGenerator,
  pullOnce,
  pushOutbox,
  readErrorResponse,
  signMessage,
  THIS_NODE_SPEAKS,
  type HttpResponse,
  type RendezvousClientDeps,
  type SignedMessage,
} from '@tandem/shared-ts/protocol';
import { InMemoryReplayCache, seedEntity } from '@tandem/shared-ts/testing';
import { runWorkJob } from '../consumers/run-work-job';
import { CONNECTION_ID, SECRET, testApp, type TestApp } from '../testing/in-memory-app-ports';
import { answerRendezvous } from './answer-rendezvous';

/** A signed message as Forge hands it to the web trigger (header values as lists). */
function forgeRequest(signed: { headers: Record<string, string>; body: string }, method = 'POST') {
  return {
    method,
    path: '/x1/abc',
    queryParameters: {},
    headers: Object.fromEntries(
      Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), [value]]),
    ),
    body: signed.body,
  };
}

/** The Salesforce side as the core's client, posting through the Forge web trigger. */
function client(app: TestApp): RendezvousClientDeps & { answers: HttpResponse[] } {
  const answers: HttpResponse[] = [];
  return {
    answers,
    connectionId: CONNECTION_ID,
    secret: SECRET,
    speaks: { ...THIS_NODE_SPEAKS },
    engine: app.salesforce.engine,
    clock: app.clock,
    messageIds: createMessageIdGenerator({ clock: app.clock }),
    answerReplayCache: new InMemoryReplayCache(app.clock),
    post: async (signed: SignedMessage) => {
      const answer = await answerRendezvous(forgeRequest(signed), app.ports);
      answers.push(answer);
      return { ok: true, answer };
    },
  };
}

async function signedPull(app: TestApp, secret = SECRET) {
  const envelope = createEnvelope(
    'pull',
    { limit: 5, acks: [] },
    {
      connectionId: CONNECTION_ID,
      messageId: createMessageIdGenerator({ clock: app.clock })(),
      sentAt: app.clock.now(),
    },
  );
  return signed(envelope, secret);
}

/** `signMessage`'s signed message; the test's secrets are valid, so a failure is a bug here. */
async function signed(envelope: Parameters<typeof signMessage>[0], secret: string) {
  const result = await signMessage(envelope, secret);
  if (!result.ok) throw new Error(result.error.message);
  return result.signed;
}

describe('answerRendezvous (the rendezvous web trigger)', () => {
  it('puts a pushed replica in the inbox, answers 200 and queues the inbox job, applying nothing itself', async () => {
    const app = testApp();
    const ref = seedEntity(app.salesforce, '500A', { title: 'Printer jams', state: 'New' });
    await app.salesforce.engine.syncLocalChange(ref);

    const pushed = await pushOutbox(client(app));

    expect(pushed.done).toBe(1);
    expect(app.jira.inbox.items.size).toBe(1);
    expect(app.jira.entities.entities.size).toBe(0);
    expect(app.jobs).toEqual([{ job: { kind: 'inbox', connectionId: CONNECTION_ID } }]);
  });

  it('lets the consumer apply what the web trigger queued', async () => {
    const app = testApp();
    const ref = seedEntity(app.salesforce, '500A', { title: 'Printer jams', state: 'New' });
    await app.salesforce.engine.syncLocalChange(ref);
    await pushOutbox(client(app));

    const outcome = await runWorkJob({ body: app.jobs[0]?.job }, app.ports);

    expect(outcome).toMatchObject({ kind: 'done', summary: { done: 1, remaining: 0 } });
    expect([...app.jira.entities.entities.values()].map((e) => e.view.title)).toEqual(['Printer jams']);
  });

  it('serves a pull with a signed batch of the issues waiting, and queues no job for it', async () => {
    const app = testApp();
    const ref = seedEntity(app.jira, '10042', { title: 'Login fails', state: 'Open' });
    await app.jira.engine.syncLocalChange(ref);

    const pulled = await pullOnce({ ...client(app), acks: app.acks, limit: 10 });

    expect(pulled).toMatchObject({ ok: true });
    expect(app.salesforce.inbox.items.size).toBe(1);
    expect(app.jobs).toEqual([]);
  });

  it('answers an unsigned request with a bare, unsigned 401 and changes nothing', async () => {
    const app = testApp();
    const signed = await signedPull(app);
    const headers = { ...signed.headers };
    delete (headers as Record<string, string>)['X-Tandem-Signature'];

    const answer = await answerRendezvous(forgeRequest({ headers, body: signed.body }), app.ports);

    expect(answer.statusCode).toBe(401);
    expect(readErrorResponse(answer.body)?.code).toBe('signature-missing');
    expect(Object.keys(answer.headers).some((name) => name.toLowerCase().startsWith('x-tandem'))).toBe(false);
    expect(app.jobs).toEqual([]);
  });

  it('answers a request signed with another secret with an unsigned 401', async () => {
    const app = testApp();
    const other = Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i)).toString('base64url');
    const answer = await answerRendezvous(forgeRequest(await signedPull(app, other)), app.ports);
    expect(answer.statusCode).toBe(401);
    expect(readErrorResponse(answer.body)?.code).toBe('signature-invalid');
  });

  it('refuses a replayed request with 409, the first copy having been answered', async () => {
    const app = testApp();
    const request = forgeRequest(await signedPull(app));
    expect((await answerRendezvous(request, app.ports)).statusCode).toBe(200);
    const again = await answerRendezvous(request, app.ports);
    expect(again.statusCode).toBe(409);
    expect(readErrorResponse(again.body)?.code).toBe('message-replayed');
  });

  it('rejects an authenticated replica that breaks the schema with a signed 422 and queues nothing', async () => {
    const app = testApp();
    const envelope = createEnvelope(
      'replica',
      { replica: { schema: 1 } as never, target: null, applied: 0 },
      {
        connectionId: CONNECTION_ID,
        messageId: createMessageIdGenerator({ clock: app.clock })(),
        sentAt: app.clock.now(),
      },
    );
    const answer = await answerRendezvous(forgeRequest(await signed(envelope, SECRET)), app.ports);
    expect(answer.statusCode).toBe(422);
    expect(answer.headers['X-Tandem-Signature']?.[0]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(app.jobs).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413 before reading it', async () => {
    const app = testApp();
    const signed = await signedPull(app);
    const answer = await answerRendezvous(
      forgeRequest({ ...signed, body: 'x'.repeat(1024 * 1024 + 1) }),
      app.ports,
    );
    expect(answer.statusCode).toBe(413);
  });

  it.each([
    ['no object', 'junk'],
    ['headers as a number', { method: 'POST', headers: 7, body: '' }],
    ['a body that is not text', { method: 'POST', headers: {}, body: { a: 1 } }],
    ['a header value too long', { method: 'POST', headers: { a: ['x'.repeat(9000)] }, body: '' }],
  ])('answers 400 header-invalid to a request with %s', async (_name, request) => {
    const app = testApp();
    const answer = await answerRendezvous(request, app.ports);
    expect(answer.statusCode).toBe(400);
    expect(readErrorResponse(answer.body)?.code).toBe('header-invalid');
  });

  it('refuses GET with 405', async () => {
    const app = testApp();
    const answer = await answerRendezvous(forgeRequest(await signedPull(app), 'GET'), app.ports);
    expect(answer.statusCode).toBe(405);
  });

  it('answers 503 by its own deadline when storage hangs, never waiting for the platform to stop it', async () => {
    const app = testApp();
    app.ports.rendezvous.connection = () => new Promise(() => {});
    app.deadlinePassed = true;
    const answer = await answerRendezvous(forgeRequest(await signedPull(app)), app.ports, 50_000);
    expect(answer.statusCode).toBe(503);
    expect(readErrorResponse(answer.body)).toEqual({
      code: 'unavailable',
      message:
        'The rendezvous did not finish within 50000 ms; nothing it did not finish was acknowledged. Retry later.',
    });
  });

  it('still answers 200 when the inbox job cannot be queued, and logs it for the housekeeping', async () => {
    const app = testApp();
    app.refuseJobs = true;
    const ref = seedEntity(app.salesforce, '500A', { title: 'Printer jams', state: 'New' });
    await app.salesforce.engine.syncLocalChange(ref);
    const deps = client(app);
    await pushOutbox(deps);
    expect(deps.answers[0]?.statusCode).toBe(200);
    expect(app.jira.inbox.items.size).toBe(1);
    expect(app.logs).toEqual([`rendezvous: inbox job for ${CONNECTION_ID} not queued: queue refused (test)`]);
  });
});
