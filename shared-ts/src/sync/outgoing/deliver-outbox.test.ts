import { deliverOutbox } from './deliver-outbox';
import { syncFailure } from '../model/sync-failure';
import { syncLocalChange } from './sync-local-change';
import { createTestNode, seedEntity, type TestNode } from '../testing/test-node';

const retry = { baseMs: 1_000, capMs: 10_000, maxAttempts: 3 };

async function withTwoQueuedCases(): Promise<TestNode> {
  const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
  for (const id of ['500A', '500B']) {
    const ref = seedEntity(node, id, { title: `Case ${id}` });
    await syncLocalChange(node.engine.context, ref);
  }
  return node;
}

describe('deliverOutbox', () => {
  it('sends the due items, removes them, stamps the link and counts them', async () => {
    const node = await withTwoQueuedCases();
    node.clock.advance(500);
    expect(await deliverOutbox(node.engine.context)).toEqual({
      done: 2,
      retrying: 0,
      failed: 0,
      remaining: 0,
    });
    expect(node.transport.sent.map((item) => item.key)).toEqual(['conn-1:Case:500A', 'conn-1:Case:500B']);
    expect(node.outbox.items.size).toBe(0);
    expect(
      (await node.links.get('conn-1', { platform: 'salesforce', type: 'Case', id: '500A' }))?.lastSyncAt,
    ).toBe('2026-11-20T10:00:00.500Z');
    expect(await node.engine.statistics()).toMatchObject({ syncedToday: 2, averageLatencyMs: 500 });
  });

  it('takes nothing on a node without a transport (the peer pulls its outbox): every item stays due, untouched', async () => {
    const node = await withTwoQueuedCases();
    const before = [...node.outbox.items.values()].map((item) => structuredClone(item));
    const pulledOnly = {
      ...node.engine.context,
      deps: { ...node.engine.context.deps, transport: undefined },
    };
    expect(await deliverOutbox(pulledOnly)).toEqual({ done: 0, retrying: 0, failed: 0, remaining: 0 });
    expect([...node.outbox.items.values()]).toEqual(before);
    expect(node.transport.sent).toEqual([]);
  });

  it('retries a 503 with backoff and still sends the other items', async () => {
    const node = await withTwoQueuedCases();
    node.transport.answers.push({ ok: false, error: syncFailure('http', 'HTTP 503', { status: 503 }) });
    expect(await deliverOutbox(node.engine.context)).toEqual({
      done: 1,
      retrying: 1,
      failed: 0,
      remaining: 0,
    });
    expect(await node.outbox.get('conn-1:Case:500A')).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('puts a 400 into the error list at once', async () => {
    const node = await withTwoQueuedCases();
    node.transport.answers.push({
      ok: false,
      error: syncFailure('http', 'HTTP 400: bad replica', { status: 400 }),
    });
    expect(await deliverOutbox(node.engine.context)).toEqual({
      done: 1,
      retrying: 0,
      failed: 1,
      remaining: 0,
    });
    expect(await node.engine.errors()).toMatchObject([
      { queue: 'outbox', item: { key: 'conn-1:Case:500A', state: 'error' } },
    ]);
    expect(await node.engine.status({ platform: 'salesforce', type: 'Case', id: '500A' })).toMatchObject({
      state: 'error',
      message: 'Could not send: HTTP 400: bad replica',
    });
  });

  it('treats a throwing transport as a transient failure', async () => {
    const node = await withTwoQueuedCases();
    node.transport.answers.push(new Error('ECONNRESET'));
    expect(await deliverOutbox(node.engine.context)).toEqual({
      done: 1,
      retrying: 1,
      failed: 0,
      remaining: 0,
    });
    expect((await node.outbox.get('conn-1:Case:500A'))?.lastError).toEqual({
      code: 'unexpected',
      message: 'ECONNRESET',
    });
  });

  it('keeps a newer replica queued while the older one was in flight', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    const send = node.transport.send.bind(node.transport);
    node.transport.send = async (item) => {
      node.entities.edit(ref, { title: 'two' });
      await syncLocalChange(node.engine.context, ref);
      return send(item);
    };
    await deliverOutbox(node.engine.context);
    expect((await node.outbox.get('conn-1:Case:500A'))?.message).toMatchObject({
      replica: { seq: 2, summary: 'two' },
    });
  });

  it('records the offer before it sends, so an edit during the send keeps the snapshot of what is on its way', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    const ref = seedEntity(node, '500A', { title: 'first' });
    await syncLocalChange(node.engine.context, ref);
    node.transport.deliverTo = async () => {
      // A person edits the Case while seq 1 is on its way: seq 2 replaces the item.
      seedEntity(node, '500A', { title: 'second' });
      await syncLocalChange(node.engine.context, ref);
      return { ok: true };
    };
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 1 });
    expect(node.transport.sent).toMatchObject([{ offers: 1, lastOfferedAt: '2026-11-20T10:00:00.000Z' }]);
    const link = await node.links.get('conn-1', ref);
    expect(link?.outgoing.unacked.map((snapshot) => snapshot.seq)).toEqual([1, 2]);
    expect(link?.outgoing.delivered).toBe(1);
    expect(await node.outbox.get('conn-1:Case:500A')).toMatchObject({
      offers: 0,
      message: { replica: { seq: 2 } },
    });
  });

  it('sends nothing for an item replaced between the run reading it and recording its offer', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    const ref = seedEntity(node, '500A', { title: 'first' });
    await syncLocalChange(node.engine.context, ref);
    node.outbox.beforePut.push(async () => {
      seedEntity(node, '500A', { title: 'second' });
      await syncLocalChange(node.engine.context, ref);
    });
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 0, retrying: 0, failed: 0 });
    expect(node.transport.sent).toEqual([]);
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 1 });
    expect(node.transport.sent).toMatchObject([{ message: { replica: { seq: 2 } } }]);
  });

  it('sends without recording the offer when the platform locks the outbox instead (Apex)', async () => {
    const node = await withTwoQueuedCases();
    const context = {
      ...node.engine.context,
      config: { ...node.engine.context.config, offerBeforeSend: false },
    };
    expect(await deliverOutbox(context)).toMatchObject({ done: 2 });
    expect(node.transport.sent.map((item) => item.offers)).toEqual([0, 0]);
  });

  it('sends again, before a newer replica, the one it replaced after a failed send; a failure of it sends nothing newer', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    node.transport.answers.push({ ok: false, error: syncFailure('network', 'lost') });
    await deliverOutbox(node.engine.context);
    node.entities.edit(ref, { title: 'two' });
    await syncLocalChange(node.engine.context, ref);
    const seqOf = (item: { message: unknown }) =>
      (item.message as { replica?: { seq: number } } | null)?.replica?.seq ?? 0;
    const [waiting] = node.outbox.items.values();
    expect(waiting?.replaced?.map((message) => message.replica.seq)).toEqual([1]);

    node.clock.advance(60_000);
    node.transport.answers.push({ ok: false, error: syncFailure('network', 'lost again') });
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 0, retrying: 1 });
    expect(node.transport.sent.map(seqOf)).toEqual([1, 1]);

    node.clock.advance(60_000);
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 1 });
    expect(node.transport.sent.map(seqOf)).toEqual([1, 1, 1, 2]);
    expect((await node.links.get('conn-1', ref))?.outgoing.delivered).toBe(2);
  });
});
