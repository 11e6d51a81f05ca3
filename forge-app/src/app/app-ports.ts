/**
 * What the Forge app's handlers run on: the core's rendezvous ports, one engine per connection,
 * the platform's background queue and the few stores the app keeps for itself. In production
 * `portsOfInstall` builds them on Forge (KVS-backed stores from `../store`, Jira REST from
 * `../jira`, the queue from @forge/events); tests pass the core's in-memory ports
 * (`@tandem/shared-ts/testing`) and `../testing/in-memory-app-ports`.
 */
import type { SyncEngine, SyncFailure } from '@tandem/shared-ts/engine';
import type { EpochClock, PairedConnection, RendezvousDeps } from '@tandem/shared-ts/protocol';

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

/** The sweep scope of linked issues; a trigger's scope is its id. */
export const LINKED_SCOPE = 'linked';

/**
 * The sweep's cursors, kept between runs, one per scope: `LINKED_SCOPE` for the linked issues,
 * a trigger's id for the issues its JQL matches (Forge: one KVS key each).
 */
export interface SweepCursorStore {
  read(scope?: string): Promise<SweepCursor | null>;
  write(cursor: SweepCursor, scope?: string): Promise<void>;
}

/** A trigger: issues its JQL matches sync (events test them, the sweep pages them). */
export interface Trigger {
  /** `t` and 1 to 40 of `[A-Za-z0-9_-]`, made by the store. */
  id: string;
  /** The JQL, without ORDER BY, as Jira validated it when it was saved. */
  jql: string;
  active: boolean;
  /** The admin's notes (at most 2,000 characters). */
  notes: string;
  updatedAt: string;
}

/** Where triggers are kept (Forge: KVS `tr:<id>`). */
export interface TriggerStore {
  /** The stored triggers, oldest first, at most `limit`. */
  list(limit: number): Promise<Trigger[]>;
  get(id: string): Promise<Trigger | null>;
  /** Stores a trigger under its id (a new one or an edit). */
  save(trigger: Trigger): Promise<void>;
  delete(id: string): Promise<void>;
}

/** One page of issues found by Jira. */
export type IssuePage =
  { ok: true; issueIds: string[]; nextPageToken: string | null } | { ok: false; error: SyncFailure };

/**
 * Issue searches through Jira REST (the jira lane's adapter: `/rest/api/3/search/jql` with
 * `updated >= since` over linked and triggered issues, paged by `nextPageToken`).
 */
export interface IssueFinder {
  /**
   * Ids of the issues updated at or after `since`, at most `limit`, from `pageToken` on: the
   * linked issues, or with `jql` the issues it matches (`(<jql>) AND updated >= ...`).
   */
  updatedSince(since: string, pageToken: string | null, limit: number, jql?: string): Promise<IssuePage>;
  /** Whether the issue matches the JQL, as Jira evaluates `issue = <id> AND (<jql>)`. */
  matches(
    issueId: string,
    jql: string,
  ): Promise<{ ok: true; value: boolean } | { ok: false; error: SyncFailure }>;
}

/** What the admin console's calls need beyond the handlers' ports. */
export interface AdminPorts {
  /** Every stored connection id, active or not, at most `limit`. */
  allConnectionIds(limit: number): Promise<string[]>;
  connection(connectionId: string): Promise<PairedConnection | null>;
  /** Forgets a connection, its secret and its settings (links stay, inert: docs/forge-storage.md). */
  deleteConnection(connectionId: string): Promise<void>;
  isActive(connectionId: string): Promise<boolean>;
  setActive(connectionId: string, active: boolean): Promise<void>;
  /** The URL of this installation's rendezvous web trigger (what an invitation carries). */
  rendezvousUrl(): Promise<string>;
  /** Jira's errors for each query (`/rest/api/3/jql/parse`), empty when valid. */
  validateJql(
    queries: string[],
  ): Promise<{ ok: true; value: string[][] } | { ok: false; error: SyncFailure }>;
}

/** Everything the handlers need; one object per invocation. */
export interface AppPorts {
  /** The core's rendezvous dependencies (connections with their engines, replay cache, invitations). */
  rendezvous: RendezvousDeps;
  /** The ids of this site's active connections, at most `limit`. */
  connectionIds(limit: number): Promise<string[]>;
  /** The engine of a connection, or null when there is no such connection or it is inactive. */
  engine(connectionId: string): Promise<SyncEngine | null>;
  jobs: JobQueue;
  marks: CoalesceMarks;
  sweepCursor: SweepCursorStore;
  issues: IssueFinder;
  triggers: TriggerStore;
  admin: AdminPorts;
  clock: EpochClock;
  /** Resolves after `ms` (the web trigger's own deadline). Tests pass one they control. */
  sleep(ms: number): Promise<void>;
  /** Writes a line to the app's log (Forge: `forge logs`); never user data, only codes and ids. */
  log(line: string): void;
}
