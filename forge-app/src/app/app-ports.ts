/**
 * What the Forge app's handlers run on: the core's rendezvous ports, one engine per connection,
 * the platform's background queue and the few stores the app keeps for itself. In production
 * `portsOfInstall` builds them on Forge (KVS-backed stores from `../store`, Jira REST from
 * `../jira`, the queue from @forge/events); tests pass the core's in-memory ports
 * (`@tandem/shared-ts/testing`) and `../testing/in-memory-app-ports`.
 */
import type { SyncEngine, SyncFailure } from '@tandem/shared-ts/engine';
import type { EpochClock, RendezvousDeps } from '@tandem/shared-ts/protocol';

/** Background work the app hands to its queue consumer (one Forge async event each). */
export type AppJob =
  /** Apply what the rendezvous put in a connection's inbox. */
  | { kind: 'inbox'; connectionId: string }
  /** Send what waits in a connection's outbox. */
  | { kind: 'outbox'; connectionId: string }
  /** Build the replica of a Jira issue from its current state, for every connection. */
  | { kind: 'issue'; issueId: string };

/** A job and how long the queue should hold it first. */
export interface QueuedJob {
  job: AppJob;
  /** Seconds before the consumer sees it (Forge: 0 to 900). */
  delaySeconds?: number;
}

/** The platform's background queue (Forge: a @forge/events `Queue`). */
export interface JobQueue {
  /** Queues the jobs (at most 50 per call); a failure value when the platform refused them. */
  push(jobs: readonly QueuedJob[]): Promise<{ ok: true } | { ok: false; message: string }>;
}

/**
 * Marks that coalesce work per key (an issue): the first `claim` of a key marks it until
 * `release` or `until`, and a later claim of a marked key answers false. Forge: a KVS key
 * written with `transact` so two claims cannot both win.
 */
export interface CoalesceMarks {
  claim(key: string, until: number): Promise<boolean>;
  release(key: string): Promise<void>;
}

/** Where the scheduled sweep stopped: the next page of the current run, and where it began. */
export interface SweepCursor {
  /** ISO time: issues updated at or after it are swept. */
  since: string;
  /** ISO time the current pass started; becomes `since` when the pass finishes. */
  passStartedAt: string;
  /** Jira's `nextPageToken` of the current pass, or null at its start. */
  pageToken: string | null;
}

/** The sweep's cursor, kept between runs (Forge: one KVS key). */
export interface SweepCursorStore {
  read(): Promise<SweepCursor | null>;
  write(cursor: SweepCursor): Promise<void>;
}

/** One page of issues found by Jira. */
export type IssuePage =
  { ok: true; issueIds: string[]; nextPageToken: string | null } | { ok: false; error: SyncFailure };

/**
 * Issue searches through Jira REST (the jira lane's adapter: `/rest/api/3/search/jql` with
 * `updated >= since` over linked and triggered issues, paged by `nextPageToken`).
 */
export interface IssueFinder {
  /** Ids of the issues updated at or after `since`, at most `limit`, from `pageToken` on. */
  updatedSince(since: string, pageToken: string | null, limit: number): Promise<IssuePage>;
}

/** Everything the handlers need; one object per invocation. */
export interface AppPorts {
  /** The core's rendezvous dependencies (connections with their engines, replay cache, invitations). */
  rendezvous: RendezvousDeps;
  /** The ids of this site's connections, at most `limit`. */
  connectionIds(limit: number): Promise<string[]>;
  /** The engine of a connection, or null when there is no such connection. */
  engine(connectionId: string): Promise<SyncEngine | null>;
  jobs: JobQueue;
  marks: CoalesceMarks;
  sweepCursor: SweepCursorStore;
  issues: IssueFinder;
  clock: EpochClock;
  /** Resolves after `ms` (the web trigger's own deadline). Tests pass one they control. */
  sleep(ms: number): Promise<void>;
  /** Writes a line to the app's log (Forge: `forge logs`); never user data, only codes and ids. */
  log(line: string): void;
}
