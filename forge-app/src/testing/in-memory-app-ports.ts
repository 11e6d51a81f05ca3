/**
 * Test support: the app's ports in memory around a rendezvous pair of the core (a Jira test node
 * serving the rendezvous, a Salesforce test node as its client), with handles on the queued jobs,
 * the marks, the sweep's pages and the log. Not product code.
 */
import { createMessageIdGenerator, THIS_NODE_SPEAKS, type RendezvousDeps } from '@tandem/shared-ts/protocol';
import {
  createTestNode,
  InMemoryAckStore,
  InMemoryInvitationStore,
  InMemoryReplayCache,
  ManualClock,
  type TestNode,
} from '@tandem/shared-ts/testing';
import type { SyncEngine } from '@tandem/shared-ts/engine';
import {
  LINKED_SCOPE,
  type AppPorts,
  type CoalesceMarks,
  type IssuePage,
  type QueuedJob,
  type SweepCursor,
  type Trigger,
} from '../app/app-ports';

/** The connection of the tests and its secret (32 bytes 00..1f, base64url). */
export const CONNECTION_ID = 'conn-1';
export const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64url');

/** Marks in a map: a claim wins when the key is unmarked or its mark has expired. */
export class InMemoryMarks implements CoalesceMarks {
  readonly marks = new Map<string, number>();
  constructor(private readonly clock: { now(): number }) {}
  async claim(key: string, until: number): Promise<boolean> {
    const held = this.marks.get(key);
    if (held !== undefined && held > this.clock.now()) return false;
    this.marks.set(key, until);
    return true;
  }
  async release(key: string): Promise<void> {
    this.marks.delete(key);
  }
}

/** The app's ports in memory, and the test's handles. */
export interface TestApp {
  ports: AppPorts;
  clock: ManualClock;
  jira: TestNode;
  salesforce: TestNode;
  /** Every job pushed, in order; set `refuseJobs` to make the queue refuse. */
  jobs: QueuedJob[];
  refuseJobs: boolean;
  marks: InMemoryMarks;
  /** The linked issues' sweep cursor; `cursors` holds every scope's. */
  cursor: { value: SweepCursor | null };
  cursors: Map<string, SweepCursor>;
  /** The pages the issue finder answers, in order, and the calls it got. */
  pages: IssuePage[];
  finderCalls: { since: string; pageToken: string | null; limit: number; jql?: string }[];
  /** `<issue id> <jql>` pairs that match; `matchCalls` the pairs asked. */
  matching: Set<string>;
  matchCalls: string[];
  triggers: Map<string, Trigger>;
  inactive: Set<string>;
  logs: string[];
  /** Resolves every `sleep` now when true (a deadline that has passed); never resolves otherwise. */
  deadlinePassed: boolean;
  acks: InMemoryAckStore;
}

/** Builds the app on a fresh rendezvous pair (connection `conn-1`, THIS_NODE_SPEAKS). */
export function testApp(): TestApp {
  const clock = new ManualClock();
  const jira = createTestNode({ platform: 'jira', type: 'issue', clock, connectionId: CONNECTION_ID });
  const salesforce = createTestNode({
    platform: 'salesforce',
    type: 'Case',
    clock,
    connectionId: CONNECTION_ID,
  });
  const rendezvous: RendezvousDeps = {
    connection: async (connectionId) =>
      connectionId === CONNECTION_ID
        ? {
            secret: SECRET,
            speaks: { ...THIS_NODE_SPEAKS },
            engine: jira.engine,
            findQueued: async (messageId) =>
              [...jira.outbox.items.values()].find((item) => item.messageId === messageId) ?? null,
          }
        : null,
    saveConnection: async () => {},
    invitations: new InMemoryInvitationStore(),
    replayCache: new InMemoryReplayCache(clock),
    clock,
    messageIds: createMessageIdGenerator({ clock }),
    platform: 'jira',
    site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
  };
  const app: TestApp = {
    clock,
    jira,
    salesforce,
    jobs: [],
    refuseJobs: false,
    marks: new InMemoryMarks(clock),
    cursor: { value: null },
    cursors: new Map(),
    pages: [],
    finderCalls: [],
    matching: new Set(),
    matchCalls: [],
    triggers: new Map(),
    inactive: new Set(),
    logs: [],
    deadlinePassed: false,
    acks: new InMemoryAckStore(),
    ports: undefined as unknown as AppPorts,
  };
  const engines = new Map<string, SyncEngine>([[CONNECTION_ID, jira.engine]]);
  app.ports = {
    rendezvous,
    connectionIds: async (limit) => [...engines.keys()].slice(0, limit),
    engine: async (connectionId) => engines.get(connectionId) ?? null,
    jobs: {
      push: async (jobs) => {
        if (app.refuseJobs) return { ok: false, message: 'queue refused (test)' };
        app.jobs.push(...jobs);
        return { ok: true };
      },
    },
    marks: app.marks,
    sweepCursor: {
      read: async (scope = LINKED_SCOPE) =>
        scope === LINKED_SCOPE ? app.cursor.value : (app.cursors.get(scope) ?? null),
      write: async (cursor, scope = LINKED_SCOPE) => {
        if (scope === LINKED_SCOPE) app.cursor.value = cursor;
        else app.cursors.set(scope, cursor);
      },
    },
    issues: {
      updatedSince: async (since, pageToken, limit, jql) => {
        app.finderCalls.push({ since, pageToken, limit, ...(jql === undefined ? {} : { jql }) });
        return app.pages.shift() ?? { ok: true, issueIds: [], nextPageToken: null };
      },
      matches: async (issueId, jql) => {
        app.matchCalls.push(`${issueId} ${jql}`);
        return { ok: true, value: app.matching.has(`${issueId} ${jql}`) };
      },
    },
    triggers: {
      list: async (limit) => [...app.triggers.values()].slice(0, limit),
      get: async (id) => app.triggers.get(id) ?? null,
      save: async (trigger) => {
        app.triggers.set(trigger.id, trigger);
      },
      delete: async (id) => {
        app.triggers.delete(id);
      },
    },
    admin: {
      allConnectionIds: async (limit) => [...engines.keys()].slice(0, limit),
      connection: async () => null,
      deleteConnection: async (connectionId) => {
        engines.delete(connectionId);
      },
      isActive: async (connectionId) => !app.inactive.has(connectionId),
      setActive: async (connectionId, active) => {
        if (active) app.inactive.delete(connectionId);
        else app.inactive.add(connectionId);
      },
      rendezvousUrl: async () => 'https://example.invalid/x1/rendezvous',
      validateJql: async (queries) => ({ ok: true, value: queries.map(() => []) }),
    },
    clock,
    sleep: () => (app.deadlinePassed ? Promise.resolve() : new Promise<void>(() => {})),
    log: (line) => {
      app.logs.push(line);
    },
  };
  return app;
}
