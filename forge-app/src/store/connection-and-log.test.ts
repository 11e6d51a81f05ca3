import { kvs } from '@forge/kvs';
import { CONNECTION_FORMAT, type SyncLogEntry } from '@tandem/shared-ts/engine';
import type { PairedConnection } from '@tandem/shared-ts/protocol';
import { entityOf, installForgeRuntime, type ForgeRuntime } from '../../../sandbox/forge';
import { createForgeStores, FORGE_ENTITIES } from '.';
import { MAX_LOG_ENTRY_BYTES } from './sync-log';

let runtime: ForgeRuntime;

beforeEach(() => {
  runtime = installForgeRuntime({
    storage: ':memory:',
    entities: FORGE_ENTITIES.map((entity) => entityOf(entity as unknown as Record<string, unknown>)),
  });
});

afterEach(async () => {
  await runtime.close();
});

const connection: PairedConnection = {
  format: CONNECTION_FORMAT,
  connectionId: 'conn-1',
  connectionName: 'Acme support',
  secret: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  peer: { platform: 'salesforce', site: { name: 'Acme', url: 'https://acme.my.salesforce.com' } },
  speaks: { protocol: [1], replica: [1, 2], capabilities: [] },
  peerSpeaks: { protocol: [1], replica: [1, 2], capabilities: [] },
};

describe('ForgeConnectionStore', () => {
  it('keeps the secret with setSecret, never in the plain value, and reads the connection back', async () => {
    const { connections } = createForgeStores();
    expect(await connections.get('conn-1')).toBeNull();
    await connections.save(connection);
    const plain = JSON.stringify(await kvs.get('c:conn-1'));
    expect(plain).not.toContain(connection.secret);
    expect(await kvs.getSecret('tandem-connection-secret:conn-1')).toBe(connection.secret);
    expect(await connections.get('conn-1')).toMatchObject({
      connectionId: 'conn-1',
      secret: connection.secret,
    });
    await connections.delete('conn-1');
    expect(await connections.get('conn-1')).toBeNull();
  });
});

describe('ForgeSyncLog', () => {
  const entry = (at: string, message: string): SyncLogEntry => ({
    at,
    connectionId: 'conn-1',
    kind: 'applied',
    local: null,
    remote: null,
    message,
  });

  it('pages a connection log oldest first, 20 at a time', async () => {
    const { log } = createForgeStores();
    for (let i = 0; i < 25; i++)
      await log.append(entry(`2026-12-01T00:00:${String(i).padStart(2, '0')}.000Z`, `m${i}`));
    await log.append({ ...entry('2026-12-01T00:00:00.000Z', 'other'), connectionId: 'conn-2' });
    const first = await log.page('conn-1');
    expect(first.entries.map((e) => e.message)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    const second = await log.page('conn-1', first.cursor);
    expect(second.entries.map((e) => e.message)).toEqual(['m20', 'm21', 'm22', 'm23', 'm24']);
    expect(second.cursor).toBeUndefined();
  });

  it('keeps an oversized entry without its details', async () => {
    const { log } = createForgeStores();
    await log.append({
      ...entry('2026-12-01T00:00:00.000Z', 'big'),
      details: { blob: 'x'.repeat(MAX_LOG_ENTRY_BYTES) },
    });
    const [kept] = (await log.page('conn-1')).entries;
    expect(kept?.message).toBe('big');
    expect(kept?.details).toEqual({ trimmed: true });
  });
});
