import { summarizeConnectionStatistics } from './summarize-connection-statistics';
import type { SyncStatsCounters } from '../model/sync-statistics';

const counters: SyncStatsCounters = {
  days: [
    { date: '2026-11-13', synced: 50, errors: 5, latencyMsTotal: 5000, latencyCount: 50 },
    { date: '2026-11-18', synced: 10, errors: 1, latencyMsTotal: 1000, latencyCount: 10 },
    { date: '2026-11-20', synced: 4, errors: 0, latencyMsTotal: 2000, latencyCount: 2 },
  ],
  lastSuccessAt: '2026-11-20T09:59:00.000Z',
};

describe('summarizeConnectionStatistics', () => {
  const stats = summarizeConnectionStatistics(counters, { pending: 3, error: 2 }, '2026-11-20T10:00:00.000Z');

  it('counts what synced today and over the last seven days', () => {
    expect(stats.syncedToday).toBe(4);
    expect(stats.syncedThisWeek).toBe(14);
    expect(stats.errorsThisWeek).toBe(1);
  });

  it('averages latency over the week', () => {
    expect(stats.averageLatencyMs).toBe(250);
  });

  it('reports the queue depth, the error list and the last success', () => {
    expect(stats).toMatchObject({ queueDepth: 3, errors: 2, lastSuccessAt: '2026-11-20T09:59:00.000Z' });
  });

  it('reports zeros and no average for a connection that never synced', () => {
    expect(summarizeConnectionStatistics(null, { pending: 0, error: 0 }, '2026-11-20T10:00:00.000Z')).toEqual(
      {
        syncedToday: 0,
        syncedThisWeek: 0,
        errorsThisWeek: 0,
        queueDepth: 0,
        errors: 0,
        lastSuccessAt: null,
        averageLatencyMs: null,
      },
    );
  });
});
