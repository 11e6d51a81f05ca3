import type { EpochClock, ReplayCache } from './ports';

/**
 * A replay cache in memory, for tests, the sandbox and a single long-lived process. Entries are
 * forgotten once expired (the timestamp window refuses those messages anyway), so its size is
 * bounded by the traffic of one window.
 */
export class InMemoryReplayCache implements ReplayCache {
  private readonly entries = new Map<string, number>();

  constructor(private readonly clock: EpochClock = { now: () => Date.now() }) {}

  /** True when the id was recorded and is unexpired; otherwise records it until `expiresAt`. */
  async seen(connectionId: string, messageId: string, expiresAt: number): Promise<boolean> {
    const now = this.clock.now();
    for (const [key, expiry] of this.entries) if (expiry < now) this.entries.delete(key);
    const key = `${connectionId}\n${messageId}`;
    if (this.entries.has(key)) return true;
    this.entries.set(key, expiresAt);
    return false;
  }

  /** How many ids are remembered (after the last sweep). */
  get size(): number {
    return this.entries.size;
  }
}
