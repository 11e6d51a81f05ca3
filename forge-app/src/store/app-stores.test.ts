import { kvs } from '@forge/kvs';
import { CONNECTION_FORMAT } from '@tandem/shared-ts/engine';
import { ManualClock } from '@tandem/shared-ts/testing';
import { entityOf, installForgeRuntime, type ForgeRuntime } from '../../../sandbox/forge';
import { createForgeStores, FORGE_ENTITIES } from '.';
import { ForgeCoalesceMarks, ForgeSetupStore, ForgeSweepCursorStore, listConnectionIds } from './app-stores';

let runtime: ForgeRuntime;
const clock = new ManualClock('2026-12-01T00:00:00.000Z');

beforeEach(() => {
  runtime = installForgeRuntime({
    storage: ':memory:',
    clock,
    entities: FORGE_ENTITIES.map((entity) => entityOf(entity as unknown as Record<string, unknown>)),
  });
});

afterEach(async () => {
  await runtime.close();
});

describe('the app stores on @forge/kvs', () => {
  it('marks: a second claim loses until the mark expires or is released', async () => {
    const marks = new ForgeCoalesceMarks(clock);
    const now = clock.now();
    expect(await marks.claim('issue:10001', now + 60_000)).toBe(true);
    expect(await marks.claim('issue:10001', now + 60_000)).toBe(false);
    expect(await marks.claim('issue:10002', now + 60_000)).toBe(true);
    clock.advance(60_001);
    expect(await marks.claim('issue:10001', clock.now() + 1000)).toBe(true);
    await marks.release('issue:10001');
    expect(await marks.claim('issue:10001', clock.now() + 1000)).toBe(true);
  });

  it('the sweep cursor reads back what was written, null before', async () => {
    const cursor = new ForgeSweepCursorStore();
    expect(await cursor.read()).toBeNull();
    const value = {
      since: '2026-12-01T00:00:00.000Z',
      passStartedAt: '2026-12-01T00:05:00.000Z',
      pageToken: 'p2',
    };
    await cursor.write(value);
    expect(await cursor.read()).toEqual(value);
  });

  it('setup and rules are null until written', async () => {
    const setups = new ForgeSetupStore();
    expect(await setups.setup()).toBeNull();
    expect(await setups.rules('conn-1')).toBeNull();
    await setups.writeSetup({ site: { name: 'Acme', url: 'https://acme.atlassian.net' } });
    expect(await setups.setup()).toEqual({ site: { name: 'Acme', url: 'https://acme.atlassian.net' } });
  });

  it('lists the stored connections by id, up to the limit', async () => {
    const { connections } = createForgeStores();
    expect(await listConnectionIds(10)).toEqual([]);
    for (const id of ['conn-a', 'conn-b', 'conn-c'])
      await connections.save({
        format: CONNECTION_FORMAT,
        connectionId: id,
        connectionName: id,
        secret: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
        peer: { platform: 'salesforce', site: { name: 'Acme', url: 'https://acme.my.salesforce.com' } },
        speaks: { protocol: [1], replica: [1, 2], capabilities: [] },
        peerSpeaks: { protocol: [1], replica: [1, 2], capabilities: [] },
      });
    expect((await listConnectionIds(10)).sort()).toEqual(['conn-a', 'conn-b', 'conn-c']);
    expect(await listConnectionIds(2)).toHaveLength(2);
    expect(await listConnectionIds(0)).toEqual([]);
  });

  it('lists past one KVS page (20) up to the cap of 100', async () => {
    for (let i = 0; i < 45; i += 1) await kvs.set(`c:conn-${i}`, { connectionId: `conn-${i}` });
    expect(await listConnectionIds(100)).toHaveLength(45);
    expect(await listConnectionIds(30)).toHaveLength(30);
    expect(await listConnectionIds(Number.NaN)).toEqual([]);
  });
});
