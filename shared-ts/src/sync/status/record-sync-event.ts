import type { SyncStatsCounters, SyncStatsDay } from '../model/sync-statistics';

/** A successful apply or delivery, or an item that became an error. */
export interface SyncEvent {
  at: string;
  outcome: 'synced' | 'error';
  /** Queued -> applied or delivered, for successes. */
  latencyMs?: number;
}

/** Days of counters kept: a week. */
export const STATS_WINDOW_DAYS = 7;

/** The counters with one more event counted in its UTC day; days older than a week are dropped. */
export function recordSyncEvent(counters: SyncStatsCounters | null, event: SyncEvent): SyncStatsCounters {
  const date = event.at.slice(0, 10);
  const oldest = utcDateDaysBefore(date, STATS_WINDOW_DAYS - 1);
  const days: SyncStatsDay[] = (counters?.days ?? [])
    .filter((day) => day.date >= oldest)
    .map((day) => ({ ...day }));
  let day = days.find((candidate) => candidate.date === date);
  if (!day) {
    day = { date, synced: 0, errors: 0, latencyMsTotal: 0, latencyCount: 0 };
    days.push(day);
    days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  let lastSuccessAt = counters?.lastSuccessAt ?? null;
  if (event.outcome === 'error') {
    day.errors++;
  } else {
    day.synced++;
    if (event.latencyMs !== undefined) {
      day.latencyMsTotal += Math.max(0, event.latencyMs);
      day.latencyCount++;
    }
    if (lastSuccessAt === null || event.at > lastSuccessAt) lastSuccessAt = event.at;
  }
  return { days, lastSuccessAt };
}

/** The UTC date `count` days before `date` (both `YYYY-MM-DD`). */
export function utcDateDaysBefore(date: string, count: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - count * 86_400_000).toISOString().slice(0, 10);
}
