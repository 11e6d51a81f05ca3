/**
 * What the admin sets on a connection beside what pairing stored: whether it is active, on plain
 * KVS under `cs:<connection id>` (absent: active). docs/forge-storage.md.
 */
import { kvs } from '@forge/kvs';
import { kvsKey } from './kvs-key';

/** A connection's settings. */
export interface ConnectionSettings {
  active: boolean;
}

/** Connection settings on @forge/kvs. */
export class ForgeConnectionSettings {
  /** Whether the connection syncs; a connection never deactivated is active. */
  async isActive(connectionId: string): Promise<boolean> {
    const stored = await kvs.get<ConnectionSettings>(kvsKey('cs', connectionId));
    return stored?.active !== false;
  }

  async setActive(connectionId: string, active: boolean): Promise<void> {
    await kvs.set(kvsKey('cs', connectionId), { active });
  }

  async delete(connectionId: string): Promise<void> {
    await kvs.delete(kvsKey('cs', connectionId));
  }
}
