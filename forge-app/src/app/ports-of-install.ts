import { randomInt, randomUUID } from 'node:crypto';
import { webTrigger } from '@forge/api';
import { createSyncEngine, type RulesEngine, type SyncEngine } from '@tandem/shared-ts/engine';
import {
  createMessageIdGenerator,
  THIS_NODE_SPEAKS,
  type PairedConnection,
  type RendezvousDeps,
} from '@tandem/shared-ts/protocol';
import { replicaContentHash } from '@tandem/shared-ts/replica';
import { runIr } from '@tandem/shared-ts/rules';
import {
  createJiraAttachmentSource,
  createJiraAttachmentStore,
  createJiraContext,
  createJiraEntityStore,
  forgeJiraHttp,
  LINK_PROPERTY,
  searchIssues,
  validateJql,
  type JiraHttp,
} from '../jira';
import { createForgeStores, type ForgeStores } from '../store';
import {
  ForgeCoalesceMarks,
  ForgeSetupStore,
  ForgeSweepCursorStore,
  listConnectionIds,
  type SiteSetup,
  type StoredRules,
} from '../store/app-stores';
import { ForgeConnectionSettings } from '../store/connection-settings';
import { ForgeTriggerStore } from '../store/trigger-store';
import type { AdminPorts, AppPorts, IssueFinder, JobQueue } from './app-ports';
import { forgeJobQueue } from './forge-job-queue';

/** What `buildInstallPorts` runs on; production's defaults, tests replace the Jira HTTP port and the queue. */
export interface InstallOptions {
  http?: JiraHttp;
  jobs?: JobQueue;
  clock?: { now(): number };
}

/** The module key of the rendezvous web trigger in manifest.yml. */
export const RENDEZVOUS_MODULE = 'tandem-rendezvous';

/**
 * The ports of this installation, or null while it is not set up (the admin console has not
 * stored the site's setup): then every handler answers `unavailable` (503 from the web trigger,
 * nothing from the others). Built per invocation: KVS-backed stores (`../store`), Jira REST as
 * the app (`../jira`), the @forge/events queue, an engine per connection whose rules are stored.
 */
export async function portsOfInstall(options: InstallOptions = {}): Promise<AppPorts | null> {
  const setups = new ForgeSetupStore();
  const setup = await setups.setup();
  return setup ? buildInstallPorts(setup, setups, options) : null;
}

/** The ports over a setup (exported for tests). */
export function buildInstallPorts(
  setup: SiteSetup,
  setups: ForgeSetupStore,
  options: InstallOptions = {},
): AppPorts {
  const clock = options.clock ?? { now: () => Date.now() };
  const stores = createForgeStores({ clock });
  const jira = createJiraContext(options.http ?? forgeJiraHttp());
  const engines = new Map<string, Promise<{ engine: SyncEngine; connection: PairedConnection } | null>>();
  const settings = new ForgeConnectionSettings();
  const engineOf = (connectionId: string) => {
    let found = engines.get(connectionId);
    if (!found) {
      // An inactive connection has no engine: nothing syncs, and the rendezvous refuses its peer.
      found = settings
        .isActive(connectionId)
        .then((active) => (active ? openEngine(connectionId, stores, setups, jira, clock) : null));
      engines.set(connectionId, found);
    }
    return found;
  };
  const messageIds = createMessageIdGenerator({ clock });
  const rendezvous: RendezvousDeps = {
    connection: async (connectionId) => {
      const open = await engineOf(connectionId);
      if (!open) return null;
      return {
        secret: open.connection.secret,
        speaks: open.connection.speaks,
        engine: open.engine,
        findQueued: (messageId) => stores.outbox.findByMessageId(messageId),
        attachments: {
          source: createJiraAttachmentSource(jira, setup.site.url),
          allowance: stores.attachmentAllowance,
        },
      };
    },
    saveConnection: (connection) => stores.connections.save(connection),
    invitations: stores.invitations,
    replayCache: stores.replayCache,
    clock,
    messageIds,
    platform: 'jira',
    site: setup.site,
    speaks: THIS_NODE_SPEAKS,
  };
  return {
    rendezvous,
    connectionIds: async (limit) => {
      const active: string[] = [];
      for (const id of await listConnectionIds(limit)) if (await settings.isActive(id)) active.push(id);
      return active;
    },
    engine: async (connectionId) => (await engineOf(connectionId))?.engine ?? null,
    jobs: options.jobs ?? forgeJobQueue(),
    marks: new ForgeCoalesceMarks(clock),
    sweepCursor: new ForgeSweepCursorStore(),
    issues: issueFinder(jira),
    triggers: new ForgeTriggerStore(),
    admin: adminPorts(stores, settings, jira),
    clock,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        setTimeout(resolve, ms).unref();
      }),
    log: (line) => {
      console.log(line);
    },
  };
}

/** The engine of a stored connection with stored rules, or null when either is missing. */
async function openEngine(
  connectionId: string,
  stores: ForgeStores,
  setups: ForgeSetupStore,
  jira: ReturnType<typeof createJiraContext>,
  clock: { now(): number },
): Promise<{ engine: SyncEngine; connection: PairedConnection } | null> {
  const connection = await stores.connections.get(connectionId);
  if (!connection) return null;
  const rules = await setups.rules(connectionId);
  if (!rules) return null;
  const engine = createSyncEngine(
    {
      connectionId,
      side: 'jira',
      // The engine knows rules by their text: the rules version a kept incoming run is valid for
      // (`incoming.previousRun`) is a hash of it. This node runs IR, so the IR's JSON is that
      // text: a changed program is a new version, and a kept run of the old one is not reused.
      rules: {
        incoming: JSON.stringify(rules.incomingIr),
        outgoing: JSON.stringify(rules.outgoingIr),
        ...(rules.dependencies ? { incomingDependencies: rules.dependencies } : {}),
      },
      connection: { name: connection.connectionName },
      attachmentTransfer: connection.speaks.capabilities.includes('attachments-v1'),
    },
    {
      entities: createJiraEntityStore(jira),
      links: stores.links,
      outbox: stores.outbox,
      inbox: stores.inbox,
      log: stores.log,
      stats: stores.stats,
      // No transport: the Jira node serves the rendezvous, its peer pulls the outbox, and the
      // engine's `deliverOutbox` takes nothing (housekeeping's outbox job leaves the items due).
      clock,
      ids: { next: () => randomUUID() },
      random: () => randomInt(0, 2 ** 32) / 2 ** 32,
      runRules: irRules(rules),
      hashReplica: async (replica) => replicaContentHash(replica),
      attachments: {
        queue: stores.attachmentQueue,
        store: createJiraAttachmentStore(jira),
        chunks: stores.attachmentChunks,
      },
    },
  );
  return { engine, connection };
}

/** The rules engine over the stored IR: each direction runs its own compiled program. */
export function irRules(rules: StoredRules): RulesEngine {
  return (_script, side, direction, inputs) =>
    runIr(direction === 'incoming' ? rules.incomingIr : rules.outgoingIr, side, direction, inputs);
}

/** ISO time as JQL's `"yyyy/MM/dd HH:mm"` (UTC; Jira compares in the app user's zone, a minute's slack at worst). */
function jqlTime(iso: string): string {
  const at = new Date(iso);
  const valid = Number.isNaN(at.getTime()) ? new Date(0) : at;
  return valid.toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');
}

/**
 * Issue searches: linked issues (the link property, `LINK_PROPERTY`, searched by path, which Jira
 * indexes through the manifest's `jira:entityProperty` module) or a trigger's JQL, updated since
 * a time, oldest first; and whether one issue matches a trigger's JQL.
 */
function issueFinder(jira: ReturnType<typeof createJiraContext>): IssueFinder {
  return {
    updatedSince: async (since, pageToken, limit, jql) => {
      const scope = jql === undefined ? `issue.property[${LINK_PROPERTY}].linked = "true"` : `(${jql})`;
      const query = `${scope} AND updated >= "${jqlTime(since)}" ORDER BY updated ASC`;
      const page = await searchIssues(jira, query, pageToken, limit);
      if (!page.ok) return page;
      return {
        ok: true,
        issueIds: page.value.issues.map((issue) => issue.id),
        nextPageToken: page.value.nextPageToken,
      };
    },
    matches: async (issueId, jql) => {
      const page = await searchIssues(jira, `issue = ${issueId} AND (${jql})`, null, 1);
      return page.ok ? { ok: true, value: page.value.issues.length > 0 } : page;
    },
  };
}

/** The admin console's ports on Forge. */
function adminPorts(
  stores: ForgeStores,
  settings: ForgeConnectionSettings,
  jira: ReturnType<typeof createJiraContext>,
): AdminPorts {
  return {
    allConnectionIds: listConnectionIds,
    connection: (connectionId) => stores.connections.get(connectionId),
    deleteConnection: async (connectionId) => {
      await stores.connections.delete(connectionId);
      await settings.delete(connectionId);
    },
    isActive: (connectionId) => settings.isActive(connectionId),
    setActive: (connectionId, active) => settings.setActive(connectionId, active),
    rendezvousUrl: () => webTrigger.getUrl(RENDEZVOUS_MODULE),
    validateJql: (queries) => validateJql(jira, queries),
  };
}
