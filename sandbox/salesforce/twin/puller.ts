/**
 * THE SANDBOX'S TWIN OF THE APEX PACKAGE, NOT WHAT SHIPS. The package's poller is a
 * self-chaining Queueable (issue 12, "Push and pull"); this runs the same schedule in Node.
 *
 * One run, in the Apex's order: take the captured changes, push the outbox (while the
 * rendezvous says there is more), pull (the pull carries the acks still owed; the batch's
 * messages go to the inbox), apply the inbox, pull again while acks are owed or more waits
 * (attachment chunks are not fetched yet: files sync as metadata). Then the next
 * run is scheduled after the connection's delay, or at once after a Sync. Every step goes
 * through the core's rendezvous client; a failed step is reported and the chain goes on (the
 * Apex's Transaction Finalizer).
 */
import type { QueueRunSummary, SyncEngine, SyncFailure } from '@tandem/shared-ts/engine';
import { pullOnce, pushOutbox, type AckStore, type RendezvousClientDeps } from '@tandem/shared-ts/protocol';
import type { Capture, CaptureReport } from './capture';

/** Schedules the next run (the Apex: `System.enqueueJob(poller, delayMinutes)`). */
export interface PullerTimer {
  schedule(delayMs: number, run: () => void): { cancel(): void };
}

/** What one run did. */
export interface PullerRun {
  captured: CaptureReport;
  pushed: { done: number; failed: number; retrying: number };
  pulled: { received: number; rejected: number; acked: number };
  applied: { done: number; failed: number; retrying: number };
  /** Steps that failed (the run went on with the next step). */
  failures: { step: 'pull'; error: SyncFailure }[];
  /** Delay before the next run, ms. */
  nextInMs: number;
}

/** A run's callouts are bounded, as an Apex transaction's are (100 callouts). */
export const MAX_ROUNDS_PER_STEP = 10;

/** The poller of one connection. */
export interface Puller {
  /** One run now (what the Queueable's `execute` does). */
  runOnce(): Promise<PullerRun>;
  /** Starts the chain: a run after `delayMs`, and after each run the next. */
  start(): void;
  /** A user pressed Sync: the next run starts at once. */
  syncNow(): void;
  stop(): void;
}

/** The poller over a connection's client, capture and engine. */
export function createPuller(options: {
  client: RendezvousClientDeps;
  acks: AckStore;
  engine: SyncEngine;
  capture: Capture;
  /** The connection's poll delay, ms (the package's setting, in minutes there). */
  delayMs: number;
  /** Messages per pull. */
  limit?: number;
  timer?: PullerTimer;
  /** Each finished run, for logs and tests. */
  onRun?: (run: PullerRun) => void;
}): Puller {
  const timer = options.timer ?? realTimer;
  let pending: { cancel(): void } | null = null;
  let running = false;
  let syncRequested = false;
  let stopped = true;

  const runOnce = async (): Promise<PullerRun> => {
    syncRequested = false;
    const run = await runSteps(options);
    run.nextInMs = syncRequested ? 0 : options.delayMs;
    return run;
  };
  const schedule = (delayMs: number) => {
    pending?.cancel();
    pending = timer.schedule(delayMs, () => {
      pending = null;
      if (stopped || running) return;
      running = true;
      void runOnce().then((run) => {
        running = false;
        options.onRun?.(run);
        if (!stopped) schedule(run.nextInMs);
      });
    });
  };
  return {
    runOnce,
    start: () => {
      stopped = false;
      schedule(options.delayMs);
    },
    syncNow: () => {
      syncRequested = true;
      if (!stopped && !running) schedule(0);
    },
    stop: () => {
      stopped = true;
      pending?.cancel();
      pending = null;
    },
  };
}

const realTimer: PullerTimer = {
  schedule: (delayMs, run) => {
    const handle = setTimeout(run, delayMs);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

async function runSteps(options: {
  client: RendezvousClientDeps;
  acks: AckStore;
  engine: SyncEngine;
  capture: Capture;
  limit?: number;
}): Promise<PullerRun> {
  const { client, acks, engine } = options;
  const run: PullerRun = {
    captured: await options.capture.flush(),
    pushed: { done: 0, failed: 0, retrying: 0 },
    pulled: { received: 0, rejected: 0, acked: 0 },
    applied: { done: 0, failed: 0, retrying: 0 },
    failures: [],
    nextInMs: 0,
  };
  for (let round = 0; round < MAX_ROUNDS_PER_STEP; round += 1) {
    const pushed = await pushOutbox(client);
    add(run.pushed, pushed);
    if (!pushed.more) break;
  }
  for (let round = 0; round < MAX_ROUNDS_PER_STEP; round += 1) {
    const pulled = await pullOnce({ ...client, acks, limit: options.limit ?? 20 });
    if (!pulled.ok) {
      run.failures.push({ step: 'pull', error: pulled.error });
      break;
    }
    run.pulled.received += pulled.received;
    run.pulled.rejected += pulled.rejected;
    run.pulled.acked += pulled.acked;
    add(run.applied, await engine.processInbox());
    const owed = await acks.pending(client.connectionId, 1);
    if (!pulled.more && owed.length === 0) break;
  }
  return run;
}

function add(total: { done: number; failed: number; retrying: number }, summary: QueueRunSummary): void {
  total.done += summary.done;
  total.failed += summary.failed;
  total.retrying += summary.retrying;
}
