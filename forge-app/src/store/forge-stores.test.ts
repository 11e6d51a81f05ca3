import { QUEUE_ITEM_FORMAT, type QueueItem } from '@tandem/shared-ts/engine';
import { createLink } from '@tandem/shared-ts/internal';
import { describePortContracts, JIRA_ISSUE, ManualClock, replicaOf } from '@tandem/shared-ts/testing';
import { entityOf, installForgeRuntime, type ForgeRuntime } from '../../../sandbox/forge';
import { createForgeStores, FORGE_ENTITIES } from '.';

let runtime: ForgeRuntime | null = null;

afterEach(async () => {
  await runtime?.close();
  runtime = null;
});

describePortContracts('the Forge stores on @forge/kvs (runtime stand-in)', () => {
  const clock = new ManualClock('2026-12-01T00:00:00.000Z');
  runtime = installForgeRuntime({
    storage: ':memory:',
    clock,
    entities: FORGE_ENTITIES.map((entity) => entityOf(entity as unknown as Record<string, unknown>)),
  });
  const stores = createForgeStores({ clock });
  return {
    links: stores.links,
    queue: stores.outbox,
    stats: stores.stats,
    replayCache: stores.replayCache,
    invitations: stores.invitations,
    allowance: stores.attachmentAllowance,
    chunks: stores.attachmentChunks,
  };
});

describe('the Forge stores on the stand-in', () => {
  function install(): ForgeRuntime {
    runtime = installForgeRuntime({
      storage: ':memory:',
      entities: FORGE_ENTITIES.map((entity) => entityOf(entity as unknown as Record<string, unknown>)),
    });
    return runtime;
  }

  function pieceKeys(rt: ForgeRuntime): string[] {
    return (
      rt.kvs.db.prepare("SELECT key FROM kv WHERE space = 'kvs' AND key LIKE 'tandem-chunk:%'").all() as {
        key: string;
      }[]
    ).map((row) => row.key);
  }

  it('stores a large previous replica in pieces under the value limit, and deletes the pieces it replaces', async () => {
    const rt = install();
    const { links } = createForgeStores();
    const link = createLink('conn-1', { platform: 'salesforce', type: 'Case', id: '500/Ä' }, JIRA_ISSUE);
    const big = replicaOf({ description: `<p>${'"漢字" '.repeat(120_000)}</p>` });
    expect(await links.save(link, big)).toEqual({ ok: true, version: 1 });
    const first = pieceKeys(rt);
    expect(first.length).toBeGreaterThan(2);
    const sizes = rt.kvs.db
      .prepare("SELECT length(CAST(value AS BLOB)) AS bytes FROM kv WHERE space = 'kvs'")
      .all() as {
      bytes: number;
    }[];
    expect(Math.max(...sizes.map((row) => row.bytes))).toBeLessThanOrEqual(240 * 1024);
    const stored = await links.get('conn-1', link.local);
    expect(await links.save({ ...link, version: 1 }, replicaOf({ seq: 2 }))).toEqual({
      ok: true,
      version: 2,
    });
    expect(pieceKeys(rt)).toEqual([]);
    expect((await links.loadPrevious(stored ?? link))?.seq).toBe(2);
    // A refused save leaves no pieces behind either.
    expect(await links.save({ ...link, version: 1 }, big)).toEqual({ ok: false, conflict: true });
    expect(pieceKeys(rt)).toEqual([]);
    expect(rt.kvs.calls.get('/api/v1/transaction')).toBeGreaterThan(0);
  });

  it('finds an outbox item by message id, per queue', async () => {
    install();
    const { outbox, inbox } = createForgeStores();
    const item: QueueItem = {
      format: QUEUE_ITEM_FORMAT,
      id: 'i-1',
      key: 'conn-1:Case:500A',
      connectionId: 'conn-1',
      entity: { platform: 'salesforce', type: 'Case', id: '500A' },
      message: null,
      messageId: '01JMSG0000000000000000001',
      offers: 0,
      lastOfferedAt: null,
      queuedAt: '2026-12-01T00:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-12-01T00:00:00.000Z',
      state: 'pending',
      lastError: null,
      version: 0,
    };
    await outbox.put(item);
    expect((await outbox.findByMessageId(item.messageId))?.id).toBe('i-1');
    expect(await inbox.findByMessageId(item.messageId)).toBeNull();
    expect(await outbox.findByMessageId('01JMSG0000000000000000002')).toBeNull();
  });

  it('finds an attachments-queue item by its remote attachment id, per connection, and forgets it once removed', async () => {
    install();
    const { attachmentQueue, outbox } = createForgeStores();
    const caseRef = { platform: 'salesforce', type: 'Case', id: '500A' };
    const item: QueueItem = {
      format: QUEUE_ITEM_FORMAT,
      id: 'a-1',
      key: 'conn-1:Case:500A:068A',
      connectionId: 'conn-1',
      entity: caseRef,
      message: null,
      messageId: '01JMSG0000000000000000003',
      offers: 0,
      lastOfferedAt: null,
      queuedAt: '2026-12-01T00:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-12-01T00:00:00.000Z',
      state: 'pending',
      lastError: null,
      version: 0,
      attachment: {
        local: { platform: 'jira', type: 'issue', id: '10001' },
        localAttachmentId: 'tandem-pending:068A',
        remote: {
          id: '068A',
          filename: 'invoice.pdf',
          mimeType: 'application/pdf',
          size: 3,
          sha256: null,
          created: '2026-12-01T00:00:00.000Z',
          author: null,
          ref: 'ContentVersion:068A',
        },
        from: 0,
      },
    };
    expect(await attachmentQueue.put(item)).toEqual({ ok: true, version: 1 });
    const { attachment: _file, ...plain } = item;
    expect(await outbox.put({ ...plain, id: 'o-1', key: 'conn-1:Case:500A' })).toEqual({
      ok: true,
      version: 1,
    });
    expect(await attachmentQueue.findByRemoteAttachment('conn-1', '068A')).toMatchObject({
      id: 'a-1',
      version: 1,
    });
    expect(await attachmentQueue.findByRemoteAttachment('conn-2', '068A')).toBeNull();
    expect(await attachmentQueue.findByRemoteAttachment('conn-1', '068B')).toBeNull();
    expect(await outbox.findByRemoteAttachment('conn-1', '068A')).toBeNull();

    // Booked again (a retry moved its due time): still found, at its new version.
    const booked = { ...item, version: 1, attempts: 1, nextAttemptAt: '2026-12-01T00:02:00.000Z' };
    expect(await attachmentQueue.put(booked)).toEqual({ ok: true, version: 2 });
    expect(await attachmentQueue.findByRemoteAttachment('conn-1', '068A')).toMatchObject({
      attempts: 1,
      version: 2,
    });
    await attachmentQueue.remove(item.key, item.id);
    expect(await attachmentQueue.findByRemoteAttachment('conn-1', '068A')).toBeNull();
  });
});
