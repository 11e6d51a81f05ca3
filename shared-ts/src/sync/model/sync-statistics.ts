/** Per-connection statistics: rolling daily counters kept by the engine, summarised for the consoles. */

/** One UTC day of counters. */
export interface SyncStatsDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  /** Successful applies and deliveries. */
  synced: number;
  /** Items that became errors. */
  errors: number;
  /** Sum and count of latencies (queued -> applied or delivered), for the average. */
  latencyMsTotal: number;
  latencyCount: number;
}

/** What the stats store keeps per connection. */
export interface SyncStatsCounters {
  /** The last seven UTC days that saw activity, oldest first. */
  days: SyncStatsDay[];
  lastSuccessAt: string | null;
}

/** What the consoles show about a connection. */
export interface ConnectionStatistics {
  syncedToday: number;
  /** The last seven UTC days, today included. */
  syncedThisWeek: number;
  errorsThisWeek: number;
  /** Items waiting in the outbox and the inbox. */
  queueDepth: number;
  /** Items in the error list now. */
  errors: number;
  lastSuccessAt: string | null;
  /** Mean latency over the week, or null with nothing synced. */
  averageLatencyMs: number | null;
}
