/**
 * Connections made by a `hello` (the rendezvous's `saveConnection`), on plain KVS: the stored
 * connection under `c:<connection id>` without its secret, which is kept with `setSecret` under
 * `tandem-connection-secret:<connection id>`. Read back through the core's `migrateConnection`.
 */
import { kvs } from '@forge/kvs';
import { migrateConnection } from '@tandem/shared-ts/engine';
import type { PairedConnection } from '@tandem/shared-ts/protocol';
import { kvsKey } from './kvs-key';

function secretKey(connectionId: string): string {
  return kvsKey('tandem-connection-secret', connectionId);
}

/** The connections of this installation on @forge/kvs. */
export class ForgeConnectionStore {
  /** Stores a connection (again, with the same values, for a retried hello). */
  async save(connection: PairedConnection): Promise<void> {
    const { secret, ...rest } = connection;
    await kvs.setSecret(secretKey(connection.connectionId), secret);
    await kvs.set(kvsKey('c', connection.connectionId), rest);
  }

  /** The connection with this id, or null; throws when the stored one cannot be read. */
  async get(connectionId: string): Promise<PairedConnection | null> {
    const stored = await kvs.get<Omit<PairedConnection, 'secret'>>(kvsKey('c', connectionId));
    if (!stored) return null;
    const secret = await kvs.getSecret<string>(secretKey(connectionId));
    if (secret === undefined) throw new Error(`The secret of connection ${connectionId} is missing.`);
    const migrated = migrateConnection({ ...stored, secret });
    if (!migrated.ok) throw new Error(`The connection ${connectionId}: ${migrated.error.message}`);
    return migrated.value as unknown as PairedConnection;
  }

  /** Forgets a connection and its secret. */
  async delete(connectionId: string): Promise<void> {
    await kvs.delete(kvsKey('c', connectionId));
    await kvs.deleteSecret(secretKey(connectionId));
  }
}
