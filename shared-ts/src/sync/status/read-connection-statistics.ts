import { summarizeConnectionStatistics } from './summarize-connection-statistics';
import { isoNow, type SyncContext } from '../engine/sync-context';
import type { ConnectionStatistics } from '../model/sync-statistics';

/** The connection's statistics now: counters from the stats store, depth from both queues. */
export async function readConnectionStatistics(ctx: SyncContext): Promise<ConnectionStatistics> {
  const { deps, config } = ctx;
  const [counters, outbox, inbox] = await Promise.all([
    deps.stats.get(config.connectionId),
    deps.outbox.depth(config.connectionId),
    deps.inbox.depth(config.connectionId),
  ]);
  return summarizeConnectionStatistics(
    counters,
    { pending: outbox.pending + inbox.pending, error: outbox.error + inbox.error },
    isoNow(ctx),
  );
}
