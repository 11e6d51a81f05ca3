/**
 * Two operations on one entity, interleaved the way Forge can run them (two handlers at once, no
 * shared memory): the second runs whole between the first one's reads and its write. The stores'
 * compare-and-set refuses the first one's stale write; it reads again and decides again.
 */
import { MAX_WRITE_TRIES } from '../model/conditional-write';
import { deliverOutbox } from '../outgoing/deliver-outbox';
import { processInbox } from '../incoming/process-inbox';
import { receiveMessage } from '../incoming/receive-message';
import type { ReplicaMessage } from '../model/sync-message';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { hashedReplicaOf } from '../testing/fixtures';
import { createTestNode, seedEntity, type TestNode } from '../testing/test-node';

const retry = { baseMs: 1_000, capMs: 10_000, maxAttempts: 3 };

function salesforce(): TestNode {
  return createTestNode({ platform: 'salesforce', type: 'Case', retry });
}

async function queued(node: TestNode, key: string) {
  const item = await node.outbox.get(key);
  return item?.message?.kind === 'replica' ? item.message.replica : null;
}

async function fromIssue(
  seq: number,
  fields: { summary: string; comments?: string[] },
): Promise<ReplicaMessage> {
  return {
    kind: 'replica',
    replica: await hashedReplicaOf({
      entity: { platform: 'jira', type: 'issue', id: '10001' },
      seq,
      summary: fields.summary,
      comments: (fields.comments ?? []).map((body, index) => ({
        id: `c${index + 1}`,
        author: null,
        body,
        created: '2026-11-20T09:00:00.000Z',
        updated: null,
        internal: false,
      })),
    }),
    target: null,
    applied: 0,
  };
}

describe('concurrent operations on one entity', () => {
  it('two overlapping local changes never take one seq with different content: the newer content is sent', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    node.entities.edit(ref, { title: 'two' });
    // The first handler built "two" as seq 2; before it saves the link, a second handler sees "three".
    node.links.beforeSave.push(async () => {
      node.entities.edit(ref, { title: 'three' });
      await syncLocalChange(node.engine.context, ref);
    });
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'unchanged' });
    const replica = await queued(node, 'conn-1:Case:500A');
    expect(replica).toMatchObject({ seq: 2, summary: 'three' });
    const link = await node.links.get('conn-1', ref);
    expect(link?.outgoing).toMatchObject({ seq: 2, lastSentHash: replica?.hash });
    expect(node.links.conflicts).toBe(1);
  });

  it('a change whose outbox put loses the race reads again and sends the newest content', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    node.outbox.beforePut.push(async () => {
      node.entities.edit(ref, { title: 'two' });
      await syncLocalChange(node.engine.context, ref);
    });
    await syncLocalChange(node.engine.context, ref);
    expect(node.outbox.conflicts).toBe(1);
    expect(await queued(node, 'conn-1:Case:500A')).toMatchObject({ seq: 1, summary: 'two' });
    expect((await node.links.get('conn-1', ref))?.outgoing.seq).toBe(1);
  });

  it('the later of two racing writers of one seq wins the outbox, and the loser sends what it missed under the next seq', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    node.entities.edit(ref, { title: 'two' });
    // The first handler put "two" as seq 2; a second one, reading after that put, sees "three".
    // The first saves its link (seq 2 = "two") before the second does: the second must go on to seq 3.
    let second: Promise<unknown> = Promise.resolve();
    node.links.beforeSave.push(() => {
      node.entities.edit(ref, { title: 'three' });
      node.links.beforeSave.push(async () => {
        node.links.beforeSave.length = 0;
      });
      second = syncLocalChange(node.engine.context, ref);
    });
    await syncLocalChange(node.engine.context, ref);
    await second;
    const replica = await queued(node, 'conn-1:Case:500A');
    expect(replica?.summary).toBe('three');
    const link = await node.links.get('conn-1', ref);
    expect(link?.outgoing.lastSentHash).toBe(replica?.hash);
    expect(link?.outgoing.seq).toBe(replica?.seq);
  });

  it('gives up after a bounded number of refused writes with a transient conflict failure', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    node.entities.edit(ref, { title: 'two' });
    const key = 'conn-1|Case:500A';
    for (let i = 0; i < MAX_WRITE_TRIES; i++) {
      node.links.beforeSave.push(() => {
        const stored = node.links.links.get(key);
        if (stored) node.links.links.set(key, { ...stored, version: stored.version + 1 });
      });
    }
    const result = await syncLocalChange(node.engine.context, ref);
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'conflict' } });
    expect(node.links.conflicts).toBe(MAX_WRITE_TRIES);
    // Nothing is lost: the next look at the entity (a retry, the sweep) commits "two" as seq 2.
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'enqueued', seq: 2 });
    expect(await queued(node, 'conn-1:Case:500A')).toMatchObject({ seq: 2, summary: 'two' });
    expect((await node.links.get('conn-1', ref))?.outgoing.seq).toBe(2);
  });

  it('sends again, under a new seq, when the outbox holds other content under the last seq than the link says was sent', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    const stored = node.outbox.items.get('conn-1:Case:500A');
    if (stored?.message?.kind !== 'replica') throw new Error('nothing queued');
    stored.message.replica = {
      ...stored.message.replica,
      summary: 'left by a writer that gave up',
      hash: 'sha256:x',
    };
    expect(await syncLocalChange(node.engine.context, ref)).toEqual({ kind: 'enqueued', seq: 2 });
    expect(await queued(node, 'conn-1:Case:500A')).toMatchObject({ seq: 2, summary: 'one' });
  });

  it('deliverOutbox does not write a stale link over an apply made while it was sending', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    await syncLocalChange(node.engine.context, ref);
    // While the outbox run books its delivery, an apply of the remote's answer commits the link.
    node.links.beforeSave.push(async () => {
      const link = await node.links.get('conn-1', ref);
      if (!link) throw new Error('no link');
      await node.links.save({
        ...link,
        remote: { platform: 'jira', type: 'issue', id: '10001' },
        incoming: { ...link.incoming, seq: 4 },
      });
    });
    node.clock.advance(1_000);
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 1 });
    const link = await node.links.get('conn-1', ref);
    expect(link).toMatchObject({
      incoming: { seq: 4 },
      remote: { id: '10001' },
      lastSyncAt: node.clock.iso(),
    });
  });

  it('an apply whose link save is refused applies again from fresh reads, keeping the local change made meanwhile', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    await receiveMessage(node.engine.context, await fromIssue(1, { summary: 'from jira' }));
    await processInbox(node.engine.context);
    const link = [...node.links.links.values()][0];
    if (!link) throw new Error('no link');
    const ref = link.local;
    await receiveMessage(
      node.engine.context,
      await fromIssue(2, { summary: 'jira again', comments: ['hello'] }),
    );
    node.links.beforeSave.push(async () => {
      node.entities.edit(ref, { state: 'Escalated' });
      await syncLocalChange(node.engine.context, ref);
    });
    expect(await processInbox(node.engine.context)).toMatchObject({ done: 1, retrying: 0 });
    const view = (await node.entities.read(ref))?.view;
    expect(view).toMatchObject({ title: 'jira again', state: 'Escalated' });
    expect(view?.comments).toHaveLength(1);
    const after = await node.links.get('conn-1', ref);
    expect(after?.incoming.seq).toBe(2);
    expect(after?.comments).toHaveLength(1);
    expect(await queued(node, `conn-1:Case:${ref.id}`)).toMatchObject({ status: { name: 'Escalated' } });
  });

  it('two inbox runs applying the same creating replica at once create one entity, linked once', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue', retry });
    const replica = await hashedReplicaOf({
      entity: { platform: 'salesforce', type: 'Case', id: '500A' },
      seq: 1,
      summary: 'from salesforce',
    });
    await receiveMessage(node.engine.context, { kind: 'replica', replica, target: null, applied: 0 });
    let second: Promise<unknown> = Promise.resolve();
    node.links.beforeSave.push(() => {
      second = processInbox(node.engine.context);
    });
    await processInbox(node.engine.context);
    await second;
    expect(node.entities.entities.size).toBe(1);
    expect(node.links.links.size).toBe(1);
    expect(node.inbox.items.size).toBe(0);
  });

  it('a crash between writing a comment and saving the link does not duplicate the comment on retry', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    await receiveMessage(node.engine.context, await fromIssue(1, { summary: 'from jira' }));
    await processInbox(node.engine.context);
    await receiveMessage(
      node.engine.context,
      await fromIssue(2, { summary: 'from jira', comments: ['hello'] }),
    );
    node.entities.afterApply.push(() => {
      throw new Error('The process died after the write.');
    });
    expect(await processInbox(node.engine.context)).toMatchObject({ retrying: 1 });
    node.clock.advance(60_000);
    expect(await processInbox(node.engine.context)).toMatchObject({ done: 1 });
    const link = [...node.links.links.values()][0];
    const view = link ? (await node.entities.read(link.local))?.view : null;
    expect(view?.comments).toEqual([{ id: expect.any(String), body: 'hello' }]);
    expect(link?.comments).toEqual([{ remote: 'c1', local: (view?.comments as { id: string }[])[0]?.id }]);
  });
});
