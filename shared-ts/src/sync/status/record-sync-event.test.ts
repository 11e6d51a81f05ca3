import { recordSyncEvent, utcDateDaysBefore } from './record-sync-event';

describe('recordSyncEvent', () => {
  it('counts a success in its UTC day with its latency and remembers it as the last success', () => {
    expect(
      recordSyncEvent(null, { at: '2026-11-20T23:30:00.000Z', outcome: 'synced', latencyMs: 1200 }),
    ).toEqual({
      days: [{ date: '2026-11-20', synced: 1, errors: 0, latencyMsTotal: 1200, latencyCount: 1 }],
      lastSuccessAt: '2026-11-20T23:30:00.000Z',
    });
  });

  it('counts an error without touching the last success', () => {
    const counters = recordSyncEvent(null, { at: '2026-11-20T10:00:00.000Z', outcome: 'error' });
    expect(counters).toEqual({
      days: [{ date: '2026-11-20', synced: 0, errors: 1, latencyMsTotal: 0, latencyCount: 0 }],
      lastSuccessAt: null,
    });
  });

  it('adds to the day it already has', () => {
    const once = recordSyncEvent(null, { at: '2026-11-20T10:00:00.000Z', outcome: 'synced', latencyMs: 100 });
    const twice = recordSyncEvent(once, {
      at: '2026-11-20T11:00:00.000Z',
      outcome: 'synced',
      latencyMs: 300,
    });
    expect(twice.days).toEqual([
      { date: '2026-11-20', synced: 2, errors: 0, latencyMsTotal: 400, latencyCount: 2 },
    ]);
  });

  it('drops days older than a week', () => {
    let counters = recordSyncEvent(null, { at: '2026-11-10T10:00:00.000Z', outcome: 'synced' });
    counters = recordSyncEvent(counters, { at: '2026-11-14T10:00:00.000Z', outcome: 'synced' });
    counters = recordSyncEvent(counters, { at: '2026-11-20T10:00:00.000Z', outcome: 'synced' });
    expect(counters.days.map((day) => day.date)).toEqual(['2026-11-14', '2026-11-20']);
  });

  it('does not change the counters it was given', () => {
    const once = recordSyncEvent(null, { at: '2026-11-20T10:00:00.000Z', outcome: 'synced' });
    recordSyncEvent(once, { at: '2026-11-20T11:00:00.000Z', outcome: 'synced' });
    expect(once.days[0]?.synced).toBe(1);
  });
});

describe('utcDateDaysBefore', () => {
  it('counts back across a month end', () => {
    expect(utcDateDaysBefore('2026-12-02', 6)).toBe('2026-11-26');
  });
});
