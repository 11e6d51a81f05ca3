import type { ReplicaAttachment } from '../../replica';
import type { ReplicaContent } from './build-outgoing-replica';
import { readLinkStatus } from '../status/read-link-status';
import { describeTrim, fitReplicaBudget, REPLICA_BUDGET_BYTES } from './replica-budget';
import { utf8Length } from '../queue/run-budget';
import { syncLocalChange } from './sync-local-change';
import { commentOf, replicaOf } from '../testing/fixtures';
import { createTestNode, seedEntity } from '../testing/test-node';

function contentOf(overrides: Partial<ReplicaContent> = {}): ReplicaContent {
  const { seq: _seq, hash: _hash, ...content } = replicaOf();
  return { ...content, ...overrides };
}

/** The size the budget measures: the replica as sent, with the widest seq and hash. */
function sizeOf(content: ReplicaContent): number {
  return utf8Length(
    JSON.stringify({ ...content, seq: Number.MAX_SAFE_INTEGER, hash: `sha256:${'f'.repeat(64)}` }),
  );
}

function commentsAt(count: number, bodyLength: number) {
  return Array.from({ length: count }, (_, index) =>
    commentOf(`c${index + 1}`, 'x'.repeat(bodyLength), {
      created: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    }),
  );
}

function attachmentOf(id: string, created: string): ReplicaAttachment {
  return {
    id,
    filename: `${id}.pdf`,
    mimeType: 'application/pdf',
    size: 10,
    created,
    author: null,
    ref: `https://files.example.com/${id}`,
  };
}

describe('fitReplicaBudget', () => {
  it('leaves a replica within the budget as it is', () => {
    const content = contentOf({ comments: commentsAt(3, 10) });
    expect(fitReplicaBudget(content)).toEqual({ ok: true, content, trimmed: null });
  });

  it('keeps a replica of exactly the budget, and cuts the oldest comment from one a byte over', () => {
    const content = contentOf({ comments: commentsAt(4, 100) });
    const size = sizeOf(content);
    expect(fitReplicaBudget(content, size)).toMatchObject({ trimmed: null });
    const fitted = fitReplicaBudget(content, size - 1);
    if (!fitted.ok) throw new Error(fitted.error.message);
    expect(fitted.content.comments.map((comment) => comment.id)).toEqual(['c2', 'c3', 'c4']);
    expect(fitted.trimmed).toEqual({ comments: { sent: 3, total: 4 }, attachments: { sent: 0, total: 0 } });
    expect(sizeOf(fitted.content)).toBeLessThanOrEqual(size - 1);
  });

  it('at 768 KiB: a record with 30 comments of 40,000 characters sends the newest that fit, in their order', () => {
    const content = contentOf({ comments: commentsAt(30, 40_000) });
    expect(sizeOf(content)).toBeGreaterThan(REPLICA_BUDGET_BYTES);
    const fitted = fitReplicaBudget(content);
    if (!fitted.ok) throw new Error(fitted.error.message);
    const size = sizeOf(fitted.content);
    expect(size).toBeLessThanOrEqual(REPLICA_BUDGET_BYTES);
    expect(size).toBeGreaterThan(REPLICA_BUDGET_BYTES - 40_200);
    const sent = fitted.content.comments.length;
    expect(fitted.content.comments.map((comment) => comment.id)).toEqual(
      Array.from({ length: sent }, (_, index) => `c${30 - sent + index + 1}`),
    );
    expect(describeTrim(fitted.trimmed)).toBe(
      `Sent the last ${sent} of 30 comments: the record is larger than a replica may be (768 KiB).`,
    );
  });

  it('judges age by created, not by list order, and counts a multi-byte body by its UTF-8 bytes', () => {
    const [a, b, c] = commentsAt(3, 1_000);
    if (!a || !b || !c) throw new Error('fixture');
    const content = contentOf({ comments: [c, { ...a, body: '€'.repeat(1_000) }, b] });
    const fitted = fitReplicaBudget(content, sizeOf(content) - 2_500);
    if (!fitted.ok) throw new Error(fitted.error.message);
    expect(fitted.content.comments.map((comment) => comment.id)).toEqual(['c3', 'c2']);
  });

  it('cuts attachments only once every comment is gone, oldest first, and keeps every field', () => {
    const content = contentOf({
      comments: commentsAt(2, 500),
      attachments: [
        attachmentOf('a2', '2026-02-01T00:00:00.000Z'),
        attachmentOf('a1', '2026-01-01T00:00:00.000Z'),
      ],
    });
    const withoutComments = sizeOf({ ...content, comments: [] });
    const fitted = fitReplicaBudget(content, withoutComments - 10);
    if (!fitted.ok) throw new Error(fitted.error.message);
    expect(fitted.content.comments).toEqual([]);
    expect(fitted.content.attachments.map((attachment) => attachment.id)).toEqual(['a2']);
    expect(fitted.content.summary).toBe(content.summary);
    expect(describeTrim(fitted.trimmed)).toMatch(
      /^Sent the last 0 of 2 comments and the last 1 of 2 attachments/,
    );
  });

  it('fails, permanently and saying why, when the fields alone exceed the budget', () => {
    const content = contentOf({ description: 'y'.repeat(REPLICA_BUDGET_BYTES) });
    const fitted = fitReplicaBudget(content);
    expect(fitted).toMatchObject({ ok: false, error: { code: 'rule-output' } });
    expect(!fitted.ok && fitted.error.message).toMatch(/fields alone take \d+ bytes/);
  });
});

describe('the replica budget in the engine', () => {
  it('a Case grown past the budget is sent trimmed and its status says so; once it fits again the note goes', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const comments = Array.from({ length: 30 }, (_, index) => ({
      id: `cc${index}`,
      body: 'z'.repeat(40_000),
    }));
    const ref = seedEntity(node, '500A', { title: 'Long-lived', comments });
    expect(await syncLocalChange(node.engine.context, ref)).toMatchObject({ kind: 'enqueued', seq: 1 });
    const item = await node.outbox.get('conn-1:Case:500A');
    const replica = item?.message?.kind === 'replica' ? item.message.replica : null;
    expect(utf8Length(JSON.stringify(replica))).toBeLessThanOrEqual(REPLICA_BUDGET_BYTES);
    const sent = replica?.comments.length ?? 0;
    expect(sent).toBeLessThan(30);
    expect((await node.links.get('conn-1', ref))?.trimmed).toEqual({
      comments: { sent, total: 30 },
      attachments: { sent: 0, total: 0 },
    });
    // The message says so too, so that a receiver propagating deletes keeps its older copies.
    expect(item?.message).toMatchObject({
      trimmed: { comments: { sent, total: 30 }, attachments: { sent: 0, total: 0 } },
    });
    await node.engine.deliverOutbox();
    expect(await readLinkStatus(node.engine.context, ref)).toMatchObject({
      state: 'synced',
      message: `Sent the last ${sent} of 30 comments: the record is larger than a replica may be (768 KiB).`,
    });
    node.entities.edit(ref, { comments: comments.slice(0, 2) });
    await syncLocalChange(node.engine.context, ref);
    const untrimmed = await node.outbox.get('conn-1:Case:500A');
    expect(untrimmed?.message?.kind === 'replica' && 'trimmed' in untrimmed.message).toBe(false);
    await node.engine.deliverOutbox();
    expect((await node.links.get('conn-1', ref))?.trimmed).toBeUndefined();
    expect(await readLinkStatus(node.engine.context, ref)).toMatchObject({ state: 'synced', message: null });
  });
});
