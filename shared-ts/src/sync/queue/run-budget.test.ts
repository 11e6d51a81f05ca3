import { deliverOutbox, planOutboxDelivery } from '../outgoing/deliver-outbox';
import { processInbox } from '../incoming/process-inbox';
import { receiveMessage } from '../incoming/receive-message';
import { itemBytes, utf8Length } from './run-budget';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { hashedReplicaOf } from '../testing/fixtures';
import { createTestNode, seedEntity, type TestNode } from '../testing/test-node';

async function withQueuedCases(count: number): Promise<TestNode> {
  const node = createTestNode({ platform: 'salesforce', type: 'Case' });
  for (let index = 1; index <= count; index++) {
    const ref = seedEntity(node, `500${index}`, { title: `Case ${index}` });
    await syncLocalChange(node.engine.context, ref);
    node.clock.advance(1);
  }
  return node;
}

async function jiraWithInbox(count: number): Promise<TestNode> {
  const node = createTestNode({ platform: 'jira', type: 'issue' });
  for (let index = 1; index <= count; index++) {
    const replica = await hashedReplicaOf({
      entity: { platform: 'salesforce', type: 'Case', id: `500${index}` },
      seq: 1,
      summary: `Case ${index}`,
    });
    await receiveMessage(node.engine.context, { kind: 'replica', replica, target: null, applied: 0 });
    node.clock.advance(1);
  }
  return node;
}

describe('run budgets', () => {
  it('counts UTF-8 bytes without encoding: ASCII 1, é 2, € 3, an emoji (a surrogate pair) 4, a lone surrogate 3', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800x')).toBe(4);
    expect(utf8Length('a😀é€')).toBe(new TextEncoder().encode('a😀é€').length);
  });

  it('an outbox run stops at maxItems, leaves the rest due and says how many remain; the next run takes them', async () => {
    const node = await withQueuedCases(5);
    expect(await deliverOutbox(node.engine.context, { maxItems: 2 })).toEqual({
      done: 2,
      retrying: 0,
      failed: 0,
      remaining: 1,
    });
    expect(node.outbox.items.size).toBe(3);
    expect(await deliverOutbox(node.engine.context, { maxItems: 3 })).toMatchObject({
      done: 3,
      remaining: 0,
    });
    expect(node.outbox.items.size).toBe(0);
  });

  it('an outbox run past its deadline starts no item and leaves everything due', async () => {
    const node = await withQueuedCases(2);
    const summary = await deliverOutbox(node.engine.context, { deadline: node.clock.now() });
    expect(summary).toEqual({ done: 0, retrying: 0, failed: 0, remaining: 2 });
    expect(node.transport.sent).toHaveLength(0);
  });

  it('stops between items when the deadline passes during the run (the clock moves while sending)', async () => {
    const node = await withQueuedCases(3);
    const deadline = node.clock.now() + 1_000;
    const send = node.transport.send.bind(node.transport);
    node.transport.send = async (item) => {
      node.clock.advance(600);
      return send(item);
    };
    expect(await deliverOutbox(node.engine.context, { deadline })).toMatchObject({ done: 2, remaining: 1 });
  });

  it('a byte budget takes items while they fit, and always the first one, so one large item never blocks the queue', async () => {
    const node = await withQueuedCases(3);
    const [first] = await node.outbox.due('conn-1', node.clock.iso(), 1);
    if (!first) throw new Error('nothing due');
    const size = itemBytes(first);
    expect((await planOutboxDelivery(node.engine.context, { maxBytes: 1 })).deliveries).toHaveLength(1);
    const plan = await planOutboxDelivery(node.engine.context, { maxBytes: size * 2 + 10 });
    expect(plan.deliveries).toHaveLength(2);
    expect(plan.remaining).toBe(1);
  });

  it('the first phase of an outbox run on Apex only reads and calls out: nothing is written before the second', async () => {
    const node = await withQueuedCases(2);
    const apex = {
      ...node.engine.context,
      config: { ...node.engine.context.config, offerBeforeSend: false },
    };
    const before = JSON.stringify([...node.outbox.items.values(), ...node.links.links.values()]);
    const plan = await planOutboxDelivery(apex);
    expect(node.transport.sent).toHaveLength(2);
    expect(JSON.stringify([...node.outbox.items.values(), ...node.links.links.values()])).toBe(before);
    expect(plan.deliveries.map((delivery) => delivery.sent.ok)).toEqual([true, true]);
  });

  it('the first phase of an outbox run elsewhere writes only the offers, before each send', async () => {
    const node = await withQueuedCases(2);
    const links = JSON.stringify([...node.links.links.values()]);
    const items = [...node.outbox.items.values()];
    await planOutboxDelivery(node.engine.context);
    expect(JSON.stringify([...node.links.links.values()])).toBe(links);
    expect([...node.outbox.items.values()]).toEqual(
      items.map((item) => ({
        ...item,
        offers: 1,
        lastOfferedAt: node.clock.iso(),
        version: item.version + 1,
      })),
    );
  });

  it('an inbox run stops at maxItems or the deadline, and resumes where it stopped', async () => {
    const node = await jiraWithInbox(4);
    expect(await processInbox(node.engine.context, { maxItems: 1 })).toMatchObject({ done: 1, remaining: 1 });
    expect(await processInbox(node.engine.context, { deadline: node.clock.now() - 1 })).toMatchObject({
      done: 0,
      remaining: 3,
    });
    expect(await processInbox(node.engine.context)).toMatchObject({ done: 3, remaining: 0 });
    expect(node.entities.entities.size).toBe(4);
  });

  it('an inbox run within a byte budget applies the items that fit and leaves the rest due', async () => {
    const node = await jiraWithInbox(3);
    const [first] = await node.inbox.due('conn-1', node.clock.iso(), 1);
    if (!first) throw new Error('nothing due');
    expect(await processInbox(node.engine.context, { maxBytes: itemBytes(first) * 2 })).toMatchObject({
      done: 2,
      remaining: 1,
    });
    expect(node.inbox.items.size).toBe(1);
  });

  it('queue runs take only their own connection’s items', async () => {
    const node = await withQueuedCases(1);
    const other = await node.outbox.get('conn-1:Case:5001');
    if (!other) throw new Error('nothing queued');
    await node.outbox.put({ ...other, key: 'conn-2:Case:5001', connectionId: 'conn-2', version: 0 });
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 1, remaining: 0 });
    expect([...node.outbox.items.keys()]).toEqual(['conn-2:Case:5001']);
  });
});
