/**
 * The Jira node as installed, for end-to-end tests: the Jira stand-in's HTTP server, the Forge
 * runtime stand-in with the real handlers loaded through manifest.yml, and a connection set up
 * as the admin console will store it (site, pre-paired connection, Basic-mode rules). Also the
 * Salesforce side these tests drive against it (the core's rendezvous client on in-memory ports)
 * and the steps every round trip shares.
 */
import { CONNECTION_FORMAT, type RulesEngine } from '@tandem/shared-ts/engine';
import {
  createMessageIdGenerator,
  pullOnce,
  pushOutbox,
  THIS_NODE_SPEAKS,
  type HttpAnswer,
  type RendezvousClientDeps,
  type SignedMessage,
} from '@tandem/shared-ts/protocol';
import { compile, DEFAULT_RULES, type IrProgram } from '@tandem/shared-ts/rules';
import type { JsonValue } from '@tandem/shared-ts/replica';
import {
  createTestNode,
  InMemoryAckStore,
  InMemoryReplayCache,
  ManualClock,
  seedEntity,
  type TestNode,
} from '@tandem/shared-ts/testing';
import { join } from 'node:path';
import { createForgeStores } from '../../forge-app/src/store';
import { ForgeSetupStore } from '../../forge-app/src/store/app-stores';
import { installForgeRuntime, type ForgeRuntime } from '../forge';
import { startJiraStandin, type JiraStandin, type StandinIssue } from '../jira';

/** The connection both nodes share in these tests. */
export const CONNECTION_ID = 'conn-e2e';
/** Its secret (32 bytes, base64url). */
export const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64url');
/** The Jira user the admin page and the issue panel run as. */
export const ADMIN = '557058:admin';
/** The Jira user who edits issues by hand. */
export const ALICE = '557058:alice';

/** A running Jira node. */
export interface JiraNode {
  standin: JiraStandin;
  runtime: ForgeRuntime;
  close(): Promise<void>;
}

/**
 * Starts the Jira stand-in and the Forge runtime with the app's handlers; with `serveWebTriggers`,
 * the runtime also serves its web triggers over HTTP (for callers that post to their URLs).
 */
export async function startJiraNode(options: { serveWebTriggers?: boolean } = {}): Promise<JiraNode> {
  const standin = await startJiraStandin();
  // The runtime's clock drives queue delays; the handlers' own ports read the wall clock.
  const runtime = installForgeRuntime({
    storage: ':memory:',
    jiraBaseUrl: standin.baseUrl,
    clock: new ManualClock(Date.now()),
  });
  runtime.load(join(__dirname, '..', '..', 'manifest.yml'));
  const close = async (): Promise<void> => {
    await runtime.close();
    await standin.close();
  };
  if (options.serveWebTriggers === true) {
    try {
      await runtime.serveWebTriggers();
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { standin, runtime, close };
}

/**
 * Registers a Jira node for every test of the calling file: started before each (as
 * `startJiraNode(options)`), closed after each. Returns a getter for the running one.
 */
export function jiraNodePerTest(options: { serveWebTriggers?: boolean } = {}): () => JiraNode {
  let node: JiraNode | undefined;
  beforeEach(async () => {
    node = await startJiraNode(options);
  });
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });
  return () => {
    if (!node)
      throw new Error('The Jira node runs only inside a test (jiraNodePerTest starts it before each).');
    return node;
  };
}

/** Basic mode's default rules of one side and direction, compiled. */
export function compiledDefaults(side: 'jira' | 'salesforce', direction: 'incoming' | 'outgoing'): IrProgram {
  const result = compile(DEFAULT_RULES[side][direction], side, direction);
  if (!result.ok) throw new Error(result.error.message);
  return result.ir;
}

/** What the admin console's setup page will store: the site. */
export async function setUpJiraSite(standin: JiraStandin): Promise<void> {
  await new ForgeSetupStore().writeSetup({ site: { name: 'Acme Jira', url: standin.baseUrl } });
}

/** What the Rules console will store for a connection: Basic mode's Jira rules. */
export async function writeDefaultJiraRules(connectionId: string): Promise<void> {
  const incomingIr = compiledDefaults('jira', 'incoming');
  await new ForgeSetupStore().writeRules(connectionId, {
    incomingIr,
    outgoingIr: compiledDefaults('jira', 'outgoing'),
    dependencies: incomingIr.dependencies,
  });
}

/** A connection's id and secret (by default `CONNECTION_ID` and `SECRET`). */
export interface ConnectionKeys {
  connectionId?: string;
  secret?: string;
}

/** What the admin console will store: the site, the connection (pre-paired) and its rules. */
export async function setUpJiraConnection(standin: JiraStandin, keys: ConnectionKeys = {}): Promise<void> {
  const connectionId = keys.connectionId ?? CONNECTION_ID;
  await setUpJiraSite(standin);
  await writeDefaultJiraRules(connectionId);
  await createForgeStores().connections.save({
    format: CONNECTION_FORMAT,
    connectionId,
    connectionName: 'Acme support',
    secret: keys.secret ?? SECRET,
    peer: { platform: 'salesforce', site: { name: 'Acme', url: 'https://acme.my.salesforce.com' } },
    speaks: { ...THIS_NODE_SPEAKS },
    peerSpeaks: { ...THIS_NODE_SPEAKS },
  });
}

/** A client's `post` that invokes the rendezvous web trigger in process, as the platform would. */
export function postToRendezvous(runtime: ForgeRuntime): RendezvousClientDeps['post'] {
  return async (signed: SignedMessage) => {
    const answer = await runtime.invokeWebTrigger('tandem-rendezvous', {
      method: 'POST',
      path: '/rendezvous',
      queryParameters: {},
      headers: Object.fromEntries(
        Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), [value]]),
      ),
      body: signed.body,
    });
    return {
      ok: true,
      answer: { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.body ?? '' },
    };
  };
}

/** POSTs a signed message over HTTP, as Salesforce's callout would. */
export async function postOverHttp(
  request: SignedMessage,
  url: string,
): Promise<{ ok: true; answer: HttpAnswer }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { ok: true, answer: { statusCode: response.status, headers, body: await response.text() } };
}

/** The Salesforce side of a test: a node on in-memory ports and its rendezvous client. */
export interface SalesforceSide {
  salesforce: TestNode;
  client: RendezvousClientDeps;
}

/** What the Salesforce side is built from; the keys default to `CONNECTION_ID` and `SECRET`. */
export interface SalesforceSideOptions extends ConnectionKeys {
  post: RendezvousClientDeps['post'];
  clock?: ManualClock;
  speaks?: RendezvousClientDeps['speaks'];
  runRules?: RulesEngine;
  attachments?: RendezvousClientDeps['attachments'];
}

/** Builds the Salesforce side: a Case node (mirror rules unless `runRules`) and its client. */
export function createSalesforceSide(options: SalesforceSideOptions): SalesforceSide {
  const clock = options.clock ?? new ManualClock(Date.now());
  const connectionId = options.connectionId ?? CONNECTION_ID;
  const salesforce = createTestNode({
    platform: 'salesforce',
    type: 'Case',
    clock,
    connectionId,
    ...(options.runRules ? { runRules: options.runRules } : {}),
  });
  const client: RendezvousClientDeps = {
    connectionId,
    secret: options.secret ?? SECRET,
    speaks: options.speaks ?? { ...THIS_NODE_SPEAKS },
    engine: salesforce.engine,
    clock,
    messageIds: createMessageIdGenerator({ clock }),
    answerReplayCache: new InMemoryReplayCache(clock),
    ...(options.attachments ? { attachments: options.attachments } : {}),
    post: options.post,
  };
  return { salesforce, client };
}

/** One pull of the client with a fresh ack store, up to ten messages. */
export function pullAll(client: RendezvousClientDeps): ReturnType<typeof pullOnce> {
  return pullOnce({ ...client, acks: new InMemoryAckStore(), limit: 10 });
}

/**
 * Salesforce -> Jira: seeds a Case with `view`, expects its change enqueued and pushed alone,
 * then runs the Jira node's due jobs (the consumer applies it). Returns the Case's reference.
 */
export async function pushNewCase(
  side: SalesforceSide,
  runtime: ForgeRuntime,
  id: string,
  view: Record<string, JsonValue>,
): Promise<ReturnType<typeof seedEntity>> {
  const caseRef = seedEntity(side.salesforce, id, view);
  expect((await side.salesforce.engine.syncLocalChange(caseRef)).kind).toBe('enqueued');
  expect(await pushOutbox(side.client)).toMatchObject({ done: 1, failed: 0 });
  await runtime.runDue();
  return caseRef;
}

/** Expects the Jira stand-in to hold exactly one issue, with `summary`, and returns it. */
export function theOnlyIssue(standin: JiraStandin, summary: string): StandinIssue {
  const issues = [...standin.model.issues.values()];
  expect(issues.map((issue) => issue.fields.get('summary'))).toEqual([summary]);
  const issue = issues[0];
  if (!issue) throw new Error('no issue was created');
  return issue;
}

/** Jira -> its queue: Alice edits the issue, its event is emitted, and a minute runs its job. */
export async function editInJira(
  node: JiraNode,
  issue: StandinIssue,
  fields: Record<string, unknown>,
): Promise<void> {
  expect(node.standin.model.editIssue(issue, fields, ALICE).ok).toBe(true);
  await node.runtime.emitProductEvent({ eventType: 'avi:jira:updated:issue', issue: { id: issue.id } });
  await node.runtime.advance(60_000);
}

/**
 * A UI module's resolver as its page's `invoke(key, payload)` reaches it, run as `ADMIN` (with
 * the page's `extension`, if any); expects no error report and returns the page's value.
 */
export function resolverOf(
  runtime: ForgeRuntime,
  moduleKey: string,
  extension?: Record<string, unknown>,
): (key: string, payload?: unknown) => Promise<unknown> {
  return async (key, payload = {}) => {
    const { value, report } = await runtime.invokeResolver(moduleKey, key, payload, {
      accountId: ADMIN,
      ...(extension ? { extension } : {}),
    });
    expect(report.error).toBeUndefined();
    return value;
  };
}
