import { signForTest } from '../../protocol/testing/signed';
import { createEnvelope, createMessageIdGenerator } from '../../protocol';
import { OTHER_SECRET, TEST_SECRET } from '../../protocol/testing/fixtures';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { seedEntity } from '../testing/test-node';
import { buildPushRequest, pullOnce, pushOutbox } from './rendezvous-client';
import { rendezvousPair, type RendezvousPair } from './testing/rendezvous-pair';

async function queueCases(pair: RendezvousPair, ...caseIds: string[]) {
  for (const id of caseIds) {
    await syncLocalChange(pair.salesforce.engine.context, seedEntity(pair.salesforce, id, { title: id }));
  }
  return [...pair.salesforce.outbox.items.values()];
}

async function queueIssues(pair: RendezvousPair, ...issueIds: string[]) {
  for (const id of issueIds) {
    await syncLocalChange(pair.jira.engine.context, seedEntity(pair.jira, id, { title: id, state: 'Open' }));
  }
}

describe('buildPushRequest', () => {
  it('carries the due items in one push, each under its item message id, when both speak batch-push', async () => {
    const pair = rendezvousPair();
    const items = await queueCases(pair, '500A', '500B');
    const push = await buildPushRequest(items, pair.client);
    const body = JSON.parse(push?.request.ok ? push.request.signed.body : '{}') as {
      kind: string;
      body: { messages: { messageId: string }[] };
    };
    expect(body.kind).toBe('push');
    expect(body.body.messages.map((message) => message.messageId)).toEqual(
      items.map((item) => item.messageId),
    );
    expect([...(push?.carried.keys() ?? [])]).toEqual(items.map((item) => item.messageId));
  });

  it('sends one replica under a new message id to a rendezvous that does not speak batch-push', async () => {
    const pair = rendezvousPair({ speaks: { protocol: [1], replica: [1], capabilities: [] } });
    const items = await queueCases(pair, '500A', '500B');
    const push = await buildPushRequest(items, pair.client);
    const body = JSON.parse(push?.request.ok ? push.request.signed.body : '{}') as {
      kind: string;
      messageId: string;
    };
    expect(body.kind).toBe('replica');
    expect(body.messageId).not.toBe(items[0]?.messageId);
    expect([...(push?.carried.entries() ?? [])]).toEqual([[body.messageId, items[0]]]);
    expect(push?.more).toBe(true);
  });

  it('sets aside a replica in a format the rendezvous does not read, to book as a failure', async () => {
    const pair = rendezvousPair({ speaks: { protocol: [1], replica: [3], capabilities: ['batch-push'] } });
    const items = await queueCases(pair, '500A');
    expect(await pushOutbox(pair.client)).toEqual({
      done: 0,
      retrying: 0,
      failed: 1,
      remaining: 0,
      more: false,
    });
    expect(pair.exchanges).toEqual([]);
    expect(await pair.salesforce.outbox.get(items[0]?.key ?? '')).toMatchObject({
      state: 'error',
      lastError: {
        code: 'schema',
        message:
          'The other side reads replica formats 3 only, and this replica cannot be written in them. Update the other side.',
      },
    });
  });

  it('has nothing to send when no item has a message', async () => {
    const pair = rendezvousPair();
    const [item] = await queueCases(pair, '500A');
    if (!item) throw new Error('nothing queued');
    expect(await buildPushRequest([{ ...item, message: null }], pair.client)).toBeNull();
  });
});

describe('pushOutbox', () => {
  it('delivers the due outbox in one request and books each item from the ack', async () => {
    const pair = rendezvousPair();
    await queueCases(pair, '500A', '500B');
    expect(await pushOutbox(pair.client)).toEqual({
      done: 2,
      retrying: 0,
      failed: 0,
      remaining: 0,
      more: false,
    });
    expect(pair.exchanges).toHaveLength(1);
    expect(pair.salesforce.outbox.items.size).toBe(0);
    expect(pair.jira.inbox.items.size).toBe(2);
  });

  it('books every carried item with the refusal when the answer is unsigned (a 401 is permanent)', async () => {
    const pair = rendezvousPair();
    await queueCases(pair, '500A', '500B');
    pair.client.secret = OTHER_SECRET;
    expect(await pushOutbox(pair.client)).toEqual({
      done: 0,
      retrying: 0,
      failed: 2,
      remaining: 0,
      more: false,
    });
    const [item] = [...pair.salesforce.outbox.items.values()];
    expect(item?.lastError).toMatchObject({ code: 'http', status: 401 });
    expect(item?.lastError?.message).toMatch(/^Refused: signature-invalid: /);
  });
});

describe('pullOnce', () => {
  it('keeps the owed acks when the answer is lost, and sends them with the next pull', async () => {
    const pair = rendezvousPair();
    await queueIssues(pair, '10042');
    await pullOnce(pair.client);
    const owed = await pair.client.acks.pending('conn-1', 10);
    const post = pair.client.post;
    pair.client.post = async () => ({ ok: false, error: { code: 'timeout', message: 'No answer.' } });
    expect(await pullOnce(pair.client)).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'No answer.' },
    });
    expect(await pair.client.acks.pending('conn-1', 10)).toEqual(owed);
    pair.client.post = post;
    expect(await pullOnce(pair.client)).toMatchObject({ ok: true, acked: 1 });
    expect(pair.jira.outbox.items.size).toBe(0);
  });

  it('refuses a signed batch that answers another pull (reply-mismatch) and keeps its acks', async () => {
    const pair = rendezvousPair();
    await pair.client.acks.add('conn-1', [{ messageId: '01M7W6C3800000000000000001', outcome: 'accepted' }]);
    const ids = createMessageIdGenerator({ clock: pair.clock });
    pair.client.post = async () => {
      const batch = createEnvelope(
        'batch',
        { inReplyTo: '01M7W6C3800000000000000009', messages: [], more: false },
        { connectionId: 'conn-1', messageId: ids(), sentAt: pair.clock.now() },
      );
      const signed = await signForTest(batch, TEST_SECRET);
      return { ok: true, answer: { statusCode: 200, headers: signed.headers, body: signed.body } };
    };
    const result = await pullOnce(pair.client);
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(!result.ok && result.error.message).toMatch(
      /^reply-mismatch: the batch answers message 01M7W6C3800000000000000009/,
    );
    expect(await pair.client.acks.pending('conn-1', 10)).toHaveLength(1);
  });

  it('acknowledges a message the engine refuses as rejected, with the engine reason, and not retryable', async () => {
    const pair = rendezvousPair();
    // A Case sent back to Salesforce: its own entity, which the engine refuses for good.
    const [item] = await queueCases(pair, '500A');
    if (!item) throw new Error('nothing queued');
    pair.jira.outbox.items.set(item.key, item);
    expect(await pullOnce(pair.client)).toMatchObject({ ok: true, received: 0, rejected: 1 });
    expect(await pair.client.acks.pending('conn-1', 10)).toEqual([
      {
        messageId: item.messageId,
        outcome: 'rejected',
        error: expect.objectContaining({ code: 'own-entity', retryable: false }) as unknown,
      },
    ]);
  });

  it('sends only as many owed acks as fit the body budget; the rest wait for the next pull', async () => {
    const pair = rendezvousPair();
    const owed = Array.from({ length: 30 }, (_, index) => ({
      messageId: `01M7W6C38000000000000000${String(index).padStart(2, '0')}`,
      outcome: 'rejected' as const,
      error: { code: 'rule-error', message: 'y'.repeat(200), retryable: false },
    }));
    await pair.client.acks.add('conn-1', owed);
    pair.client.maxBodyBytes = 3_000;
    const result = await pullOnce(pair.client);
    expect(result.ok && result.acked).toBeGreaterThan(0);
    expect(result.ok && result.acked).toBeLessThan(30);
    const sent = pair.exchanges[0]?.request.body ?? '';
    expect(new TextEncoder().encode(sent).length).toBeLessThanOrEqual(3_000);
    expect((await pair.client.acks.pending('conn-1', 100)).length).toBe(30 - (result.ok ? result.acked : 0));
  });
});
