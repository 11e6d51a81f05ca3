/**
 * The behaviour every implementation of the storage ports must have, as jest suites: the
 * in-memory ports pass them (port-contracts.test.ts), and so must each platform's stores (the
 * Forge app runs them on @forge/kvs against the runtime stand-in). Compare-and-set on versions,
 * a refused write leaving the stored record as it was, exactly one winner of two racing writes,
 * due items of a connection in time order across pages, records much larger than one stored
 * value, and the atomic check-and-record of the replay cache and invitations. Call inside a test
 * file; `setup` runs before each test and must give fresh, empty stores.
 */
import type { Invitation } from '../protocol/invitation';
import type { InvitationStore, ReplayCache } from '../protocol/ports';
import type { EntityRef, Replica } from '../replica';
import type { AttachmentAllowance, AttachmentChunkStore } from '../sync/attachments/attachment-ports';
import { createLink } from '../sync/links/create-link';
import type { Link } from '../sync/model/link';
import type { LinkStore, StatsStore, WorkQueue } from '../sync/model/ports';
import { QUEUE_ITEM_FORMAT, type QueueItem } from '../sync/model/queue-item';
import type { SyncStatsCounters } from '../sync/model/sync-statistics';
import { JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../sync/testing/fixtures';

/** The stores under test; each optional one is tested when given. */
export interface PortContractSubject {
  links?: LinkStore;
  queue?: WorkQueue;
  stats?: StatsStore;
  replayCache?: ReplayCache;
  invitations?: InvitationStore;
  allowance?: AttachmentAllowance;
  chunks?: AttachmentChunkStore;
}

const CONNECTION = 'conn-1';

function caseRef(id: string): EntityRef {
  return { ...SALESFORCE_CASE, id };
}

function itemOf(id: string, overrides: Partial<QueueItem> = {}): QueueItem {
  const entity = overrides.entity ?? caseRef(id);
  const connectionId = overrides.connectionId ?? CONNECTION;
  return {
    format: QUEUE_ITEM_FORMAT,
    id: `item-${id}`,
    key: `${connectionId}:${entity.type}:${entity.id}`,
    connectionId,
    entity,
    message: null,
    messageId: `01JMSG${id.padStart(20, '0')}`,
    offers: 0,
    lastOfferedAt: null,
    queuedAt: '2026-12-01T00:00:00.000Z',
    attempts: 0,
    nextAttemptAt: '2026-12-01T00:00:00.000Z',
    state: 'pending',
    lastError: null,
    version: 0,
    ...overrides,
  };
}

/** A replica far larger than one stored value (several hundred kB), with characters JSON escapes and CJK. */
function bigReplica(): Replica {
  const text = '"quoted" \\ 漢字テキスト '.repeat(30_000);
  return replicaOf({ seq: 7, description: `<p>${text}</p>` });
}

/** Registers the contract suites for the stores `setup` returns. */
export function describePortContracts(
  name: string,
  setup: () => PortContractSubject | Promise<PortContractSubject>,
): void {
  describe(`${name}: storage port contracts`, () => {
    let subject: PortContractSubject;
    beforeEach(async () => {
      subject = await setup();
    });

    function need<K extends keyof PortContractSubject>(key: K): NonNullable<PortContractSubject[K]> {
      const port = subject[key];
      if (!port) throw new Error(`${name} gives no ${key}`);
      return port as NonNullable<PortContractSubject[K]>;
    }

    describe('LinkStore', () => {
      it('saves a new link at version 0, then only at the version it was read at', async () => {
        const links = need('links');
        const link = createLink(CONNECTION, caseRef('500A'), JIRA_ISSUE);
        expect(await links.get(CONNECTION, link.local)).toBeNull();
        expect(await links.save(link)).toEqual({ ok: true, version: 1 });
        const stored = (await links.get(CONNECTION, link.local)) as Link;
        expect(stored).toEqual({ ...link, version: 1 });
        expect(await links.save({ ...link, lastSyncAt: '2026-12-02T00:00:00.000Z' })).toEqual({
          ok: false,
          conflict: true,
        });
        expect(await links.get(CONNECTION, link.local)).toEqual(stored);
        expect(await links.save({ ...stored, lastSyncAt: '2026-12-02T00:00:00.000Z' })).toEqual({
          ok: true,
          version: 2,
        });
        expect((await links.get(CONNECTION, link.local))?.lastSyncAt).toBe('2026-12-02T00:00:00.000Z');
      });

      it('lets exactly one of two saves from the same read win', async () => {
        const links = need('links');
        const link = createLink(CONNECTION, caseRef('500B'), JIRA_ISSUE);
        await links.save(link);
        const read = (await links.get(CONNECTION, link.local)) as Link;
        const answers = await Promise.all([
          links.save({ ...read, lastSyncAt: '2026-12-02T00:00:00.000Z' }),
          links.save({ ...read, lastSyncAt: '2026-12-03T00:00:00.000Z' }),
        ]);
        expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
        expect((await links.get(CONNECTION, link.local))?.version).toBe(2);
      });

      it('finds a link by its remote entity, on its own connection only', async () => {
        const links = need('links');
        await links.save(createLink(CONNECTION, caseRef('500C'), { ...JIRA_ISSUE, id: '20002' }));
        await links.save(createLink('conn-2', caseRef('500C'), { ...JIRA_ISSUE, id: '20003' }));
        expect((await links.findByRemote(CONNECTION, { ...JIRA_ISSUE, id: '20002' }))?.local.id).toBe('500C');
        expect(await links.findByRemote(CONNECTION, { ...JIRA_ISSUE, id: '20003' })).toBeNull();
        expect(await links.findByRemote(CONNECTION, { ...JIRA_ISSUE, id: '99999' })).toBeNull();
      });

      it('keeps the previous replica until a save gives a new one; large ones round-trip whole', async () => {
        const links = need('links');
        const link = createLink(CONNECTION, caseRef('500D'), JIRA_ISSUE);
        expect(await links.save(link, replicaOf({ seq: 3 }))).toEqual({ ok: true, version: 1 });
        const v1 = (await links.get(CONNECTION, link.local)) as Link;
        expect((await links.loadPrevious(v1))?.seq).toBe(3);
        await links.save(v1);
        const v2 = (await links.get(CONNECTION, link.local)) as Link;
        expect((await links.loadPrevious(v2))?.seq).toBe(3);
        const big = bigReplica();
        expect(await links.save(v2, big)).toEqual({ ok: true, version: 3 });
        const v3 = (await links.get(CONNECTION, link.local)) as Link;
        const loaded = await links.loadPrevious(v3);
        expect(loaded?.seq).toBe(7);
        expect(loaded?.description).toBe(big.description);
        const bigLink = {
          ...v3,
          comments: Array.from({ length: 6_000 }, (_, i) => ({
            remote: `r-${i}`.repeat(8),
            local: `l-${i}`.repeat(8),
          })),
        };
        expect(await links.save(bigLink)).toEqual({ ok: true, version: 4 });
        expect((await links.get(CONNECTION, link.local))?.comments).toEqual(bigLink.comments);
      });
    });

    describe('WorkQueue', () => {
      it('puts at version 0, then only at the version read; a refused put changes nothing', async () => {
        const queue = need('queue');
        const item = itemOf('1');
        expect(await queue.put(item)).toEqual({ ok: true, version: 1 });
        expect(await queue.put({ ...item, attempts: 5 })).toEqual({ ok: false, conflict: true });
        expect(await queue.get(item.key)).toEqual({ ...item, version: 1 });
        expect(await queue.put({ ...item, version: 1, attempts: 1 })).toEqual({ ok: true, version: 2 });
        expect((await queue.get(item.key))?.attempts).toBe(1);
        expect(await queue.get('conn-1:Case:none')).toBeNull();
      });

      it('lets exactly one of two puts from the same read win', async () => {
        const queue = need('queue');
        const item = itemOf('2');
        const answers = await Promise.all([queue.put(item), queue.put({ ...item, id: 'item-other' })]);
        expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
      });

      it('removes an item only while its id is the one given', async () => {
        const queue = need('queue');
        const item = itemOf('3');
        await queue.put(item);
        await queue.remove(item.key, 'item-older');
        expect(await queue.get(item.key)).not.toBeNull();
        await queue.remove(item.key, item.id);
        expect(await queue.get(item.key)).toBeNull();
      });

      it("lists a connection's pending items due now, earliest first, across pages, up to the limit", async () => {
        const queue = need('queue');
        const at = (minute: number) => `2026-12-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
        const order = Array.from({ length: 30 }, (_, i) => (i * 7) % 30);
        for (const minute of order) await queue.put(itemOf(`d${minute}`, { nextAttemptAt: at(minute) }));
        await queue.put(itemOf('err', { state: 'error', nextAttemptAt: at(0) }));
        await queue.put(itemOf('other', { connectionId: 'conn-2', nextAttemptAt: at(0) }));
        const due = await queue.due(CONNECTION, at(24), 50);
        expect(due.map((item) => item.nextAttemptAt)).toEqual(Array.from({ length: 25 }, (_, i) => at(i)));
        expect(due.every((item) => item.connectionId === CONNECTION && item.state === 'pending')).toBe(true);
        expect((await queue.due(CONNECTION, at(24), 3)).map((item) => item.entity.id)).toEqual([
          'd0',
          'd1',
          'd2',
        ]);
        expect((await queue.errors(CONNECTION)).map((item) => item.entity.id)).toEqual(['err']);
        expect(await queue.depth(CONNECTION)).toEqual({ pending: 30, error: 1 });
        expect(await queue.depth('conn-3')).toEqual({ pending: 0, error: 0 });
      });

      it('moves an item between due and errors as its state changes', async () => {
        const queue = need('queue');
        await queue.put(itemOf('m'));
        const stored = (await queue.get(itemOf('m').key)) as QueueItem;
        await queue.put({ ...stored, state: 'error' });
        expect(await queue.due(CONNECTION, '2027-01-01T00:00:00.000Z', 10)).toEqual([]);
        expect(await queue.errors(CONNECTION)).toHaveLength(1);
      });
    });

    describe('StatsStore', () => {
      it('keeps counters per connection', async () => {
        const stats = need('stats');
        expect(await stats.get(CONNECTION)).toBeNull();
        const counters: SyncStatsCounters = {
          days: [{ date: '2026-12-01', synced: 3, errors: 1, latencyMsTotal: 900, latencyCount: 3 }],
          lastSuccessAt: null,
        };
        await stats.put(CONNECTION, counters);
        expect(await stats.get(CONNECTION)).toEqual(counters);
        expect(await stats.get('conn-2')).toBeNull();
      });
    });

    describe('ReplayCache', () => {
      it('records an id once per connection', async () => {
        const cache = need('replayCache');
        const later = Date.parse('2099-01-01T00:00:00.000Z');
        expect(await cache.seen(CONNECTION, 'm-1', later)).toBe(false);
        expect(await cache.seen(CONNECTION, 'm-1', later)).toBe(true);
        expect(await cache.seen('conn-2', 'm-1', later)).toBe(false);
      });

      it('tells exactly one of two concurrent deliveries that the id is new', async () => {
        const cache = need('replayCache');
        const later = Date.parse('2099-01-01T00:00:00.000Z');
        const answers = await Promise.all([
          cache.seen(CONNECTION, 'm-2', later),
          cache.seen(CONNECTION, 'm-2', later),
        ]);
        expect(answers.filter((seen) => !seen)).toHaveLength(1);
      });
    });

    describe('InvitationStore', () => {
      const invitation: Invitation = {
        version: 1,
        invitationId: '202122232425262728292a2b2c2d2e2f',
        connectionId: 'c-1',
        connectionName: 'Acme support',
        site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
        rendezvousUrl: 'https://acme.example/hook',
        secret: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
        createdAt: '2026-11-20T10:00:00.000Z',
        expiresAt: '2026-11-21T10:00:00.000Z',
      };

      it('finds a saved invitation unused, and lets one hello use it', async () => {
        const store = need('invitations');
        expect(await store.find(invitation.invitationId)).toBeNull();
        await store.save(invitation);
        expect(await store.find(invitation.invitationId)).toEqual({ invitation, usedBy: null });
        expect(await store.consume(invitation.invitationId, 'nonce-a')).toBe('ok');
        expect(await store.consume(invitation.invitationId, 'nonce-a')).toBe('ok');
        expect(await store.consume(invitation.invitationId, 'nonce-b')).toBe('already-used');
        expect(await store.consume('ffffffffffffffffffffffffffffffff', 'nonce-a')).toBe('unknown');
        expect((await store.find(invitation.invitationId))?.usedBy).toBe('nonce-a');
      });

      it('gives an invitation to exactly one of two racing hellos', async () => {
        const store = need('invitations');
        await store.save(invitation);
        const answers = await Promise.all([
          store.consume(invitation.invitationId, 'nonce-a'),
          store.consume(invitation.invitationId, 'nonce-b'),
        ]);
        expect([...answers].sort()).toEqual(['already-used', 'ok']);
      });
    });

    describe('AttachmentAllowance', () => {
      it('counts bytes per day with compare-and-set', async () => {
        const allowance = need('allowance');
        expect(await allowance.get(CONNECTION, '2026-12-01')).toEqual({ bytes: 0, version: 0 });
        expect(await allowance.put(CONNECTION, '2026-12-01', 100, 0)).toEqual({ ok: true, version: 1 });
        expect(await allowance.put(CONNECTION, '2026-12-01', 999, 0)).toEqual({ ok: false, conflict: true });
        expect(await allowance.put(CONNECTION, '2026-12-01', 250, 1)).toEqual({ ok: true, version: 2 });
        expect(await allowance.get(CONNECTION, '2026-12-01')).toEqual({ bytes: 250, version: 2 });
        expect(await allowance.get(CONNECTION, '2026-12-02')).toEqual({ bytes: 0, version: 0 });
      });
    });

    describe('AttachmentChunkStore', () => {
      it('keeps chunks per key, replaces an index, and clears', async () => {
        const chunks = need('chunks');
        const key = 'att1:6:conn-1:9:10000/a b:' + 'a'.repeat(64);
        const chunk = (index: number, data: string) => ({ index, count: 30, data, sha256: 'b'.repeat(64) });
        for (let index = 0; index < 25; index++) await chunks.put(key, chunk(index, `d${index}`));
        await chunks.put(key, chunk(3, 'again'));
        await chunks.put('other', chunk(0, 'x'));
        const listed = await chunks.list(key);
        expect(listed).toHaveLength(25);
        expect(listed.find((item) => item.index === 3)?.data).toBe('again');
        await chunks.clear(key);
        expect(await chunks.list(key)).toEqual([]);
        expect(await chunks.list('other')).toHaveLength(1);
      });
    });
  });
}
