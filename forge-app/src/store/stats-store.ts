/** `StatsStore` on plain KVS: a connection's rolling counters under `s:<connection>` (seven days: small). */
import { kvs } from '@forge/kvs';
import type { StatsStore, SyncStatsCounters } from '@tandem/shared-ts/engine';
import { kvsKey } from './kvs-key';

/** Per-connection statistics counters on @forge/kvs. */
export class ForgeStatsStore implements StatsStore {
  async get(connectionId: string): Promise<SyncStatsCounters | null> {
    return (await kvs.get<SyncStatsCounters>(kvsKey('s', connectionId))) ?? null;
  }

  async put(connectionId: string, counters: SyncStatsCounters): Promise<void> {
    await kvs.set(kvsKey('s', connectionId), counters);
  }
}
