import { STATS_WINDOW_DAYS, utcDateDaysBefore } from './record-sync-event';
import type { ConnectionStatistics, SyncStatsCounters } from '../model/sync-statistics';

/** The statistics a console shows, from the rolling counters and the queues' depth at `now`. */
export function summarizeConnectionStatistics(
  counters: SyncStatsCounters | null,
  depth: { pending: number; error: number },
  now: string,
): ConnectionStatistics {
  const today = now.slice(0, 10);
  const oldest = utcDateDaysBefore(today, STATS_WINDOW_DAYS - 1);
  let syncedToday = 0;
  let syncedThisWeek = 0;
  let errorsThisWeek = 0;
  let latencyMsTotal = 0;
  let latencyCount = 0;
  for (const day of counters?.days ?? []) {
    if (day.date < oldest || day.date > today) continue;
    if (day.date === today) syncedToday += day.synced;
    syncedThisWeek += day.synced;
    errorsThisWeek += day.errors;
    latencyMsTotal += day.latencyMsTotal;
    latencyCount += day.latencyCount;
  }
  return {
    syncedToday,
    syncedThisWeek,
    errorsThisWeek,
    queueDepth: depth.pending,
    errors: depth.error,
    lastSuccessAt: counters?.lastSuccessAt ?? null,
    averageLatencyMs: latencyCount === 0 ? null : Math.round(latencyMsTotal / latencyCount),
  };
}
