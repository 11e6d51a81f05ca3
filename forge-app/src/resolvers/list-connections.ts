import type { AppPorts } from '../app/app-ports';
import { MAX_CONNECTIONS } from '../consumers/run-work-job';
import { UNAVAILABLE, type ResolverAnswer } from './resolver-answer';

/** How a connection is doing, in one word the console turns into a badge. */
export type ConnectionHealth = 'healthy' | 'errors' | 'inactive' | 'no-rules';

/** One row of the Connections list. */
export interface ConnectionRow {
  connectionId: string;
  name: string;
  peer: { platform: string; site: { name: string; url: string } };
  active: boolean;
  health: ConnectionHealth;
  lastSyncAt: string | null;
  errors: number;
  queueDepth: number;
  syncedThisWeek: number;
}

/**
 * `listConnections`: every connection of the site (at most 50) with its peer, whether it is
 * active, its health (errors in its list, no rules stored yet, deactivated) and its last sync,
 * from the engine's statistics. Never throws.
 */
export async function listConnections(ports: AppPorts): Promise<ResolverAnswer<ConnectionRow[]>> {
  try {
    const rows: ConnectionRow[] = [];
    for (const connectionId of await ports.admin.allConnectionIds(MAX_CONNECTIONS)) {
      const connection = await ports.admin.connection(connectionId);
      if (!connection) continue;
      const active = await ports.admin.isActive(connectionId);
      const engine = active ? await ports.engine(connectionId) : null;
      const stats = engine ? await engine.statistics() : null;
      rows.push({
        connectionId,
        name: connection.connectionName,
        peer: connection.peer,
        active,
        health: !active ? 'inactive' : !stats ? 'no-rules' : stats.errors > 0 ? 'errors' : 'healthy',
        lastSyncAt: stats?.lastSuccessAt ?? null,
        errors: stats?.errors ?? 0,
        queueDepth: stats?.queueDepth ?? 0,
        syncedThisWeek: stats?.syncedThisWeek ?? 0,
      });
    }
    return { ok: true, value: rows };
  } catch {
    return UNAVAILABLE;
  }
}
