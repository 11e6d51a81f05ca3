/**
 * One round trip through the Jira node as installed: the Forge runtime stand-in loads the real
 * handlers through manifest.yml and forwards product REST to the Jira stand-in's HTTP server; the
 * Salesforce side is the core's rendezvous client on in-memory ports.
 */
import {
  createMessageIdGenerator,
  pullOnce,
  pushOutbox,
  THIS_NODE_SPEAKS,
  type RendezvousClientDeps,
  type SignedMessage,
} from '@tandem/shared-ts/protocol';
import { compile, DEFAULT_RULES } from '@tandem/shared-ts/rules';
import { CONNECTION_FORMAT } from '@tandem/shared-ts/engine';
import {
  createTestNode,
  InMemoryAckStore,
  InMemoryReplayCache,
  ManualClock,
  seedEntity,
} from '@tandem/shared-ts/testing';
import { join } from 'node:path';
import { portsOfInstall } from '../../forge-app/src/app/ports-of-install';
import { createForgeStores } from '../../forge-app/src/store';
import { ForgeSetupStore } from '../../forge-app/src/store/app-stores';
import { installForgeRuntime, type ForgeRuntime } from '../forge';
import { startJiraStandin, type JiraStandin } from '../jira';

const CONNECTION_ID = 'conn-e2e';
const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64url');

let standin: JiraStandin;
let runtime: ForgeRuntime;

beforeEach(async () => {
  standin = await startJiraStandin();
  // The runtime's clock drives queue delays; the handlers' own ports read the wall clock.
  runtime = installForgeRuntime({
    storage: ':memory:',
    jiraBaseUrl: standin.baseUrl,
    clock: new ManualClock(Date.now()),
  });
  runtime.load(join(__dirname, '..', '..', 'manifest.yml'));
});

afterEach(async () => {
  await runtime.close();
  await standin.close();
});

function compiled(direction: 'incoming' | 'outgoing') {
  const result = compile(DEFAULT_RULES.jira[direction], 'jira', direction);
  if (!result.ok) throw new Error(result.error.message);
  return result.ir;
}

/** What the admin console will store: the site, the connection (pre-paired) and its rules. */
async function setUp(): Promise<void> {
  const setups = new ForgeSetupStore();
  await setups.writeSetup({ site: { name: 'Acme Jira', url: standin.baseUrl } });
  const incomingIr = compiled('incoming');
  await setups.writeRules(CONNECTION_ID, {
    incomingIr,
    outgoingIr: compiled('outgoing'),
    dependencies: incomingIr.dependencies,
  });
  await createForgeStores().connections.save({
    format: CONNECTION_FORMAT,
    connectionId: CONNECTION_ID,
    connectionName: 'Acme support',
    secret: SECRET,
    peer: { platform: 'salesforce', site: { name: 'Acme', url: 'https://acme.my.salesforce.com' } },
    speaks: { ...THIS_NODE_SPEAKS },
    peerSpeaks: { ...THIS_NODE_SPEAKS },
  });
}

describe('the Jira node on the stand-ins', () => {
  it('takes a pushed Case into a Jira issue, and a Jira edit back through pull', async () => {
    await setUp();
    const clock = new ManualClock(Date.now());
    const salesforce = createTestNode({
      platform: 'salesforce',
      type: 'Case',
      clock,
      connectionId: CONNECTION_ID,
    });
    const client: RendezvousClientDeps = {
      connectionId: CONNECTION_ID,
      secret: SECRET,
      speaks: { ...THIS_NODE_SPEAKS },
      engine: salesforce.engine,
      clock,
      messageIds: createMessageIdGenerator({ clock }),
      answerReplayCache: new InMemoryReplayCache(clock),
      post: async (signed: SignedMessage) => {
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
      },
    };

    // Salesforce -> Jira: the push is stored, the consumer applies it through Jira REST.
    const caseRef = seedEntity(salesforce, 'case-1', { title: 'Printer broken', state: 'New' });
    expect((await salesforce.engine.syncLocalChange(caseRef)).kind).not.toBe('failed');
    const pushed = await pushOutbox(client);
    const sent = [...salesforce.outbox.items.values()];
    expect(sent).toEqual([]);
    expect(pushed).toMatchObject({ done: 1, failed: 0 });
    await runtime.runDue();
    // The consumer applied it: one issue, its link, and the rendezvous's outbox holds its first replica.
    const created = [...standin.model.issues.values()];
    expect(created.map((issue) => issue.fields.get('summary'))).toEqual(['Printer broken']);
    const issue = created[0];
    if (!issue) throw new Error('no issue was created');

    // The sweep's finder sees the linked issue through its link property.
    const ports = await portsOfInstall();
    expect(await ports?.issues.updatedSince('2000-01-01T00:00:00.000Z', null, 50)).toEqual({
      ok: true,
      issueIds: [issue.id],
      nextPageToken: null,
    });

    // Jira -> Salesforce: an edit, its event, the issue job, then the client's pull.
    expect(standin.model.editIssue(issue, { summary: 'Printer fixed' }, '557058:alice').ok).toBe(true);
    await runtime.emitProductEvent({ eventType: 'avi:jira:updated:issue', issue: { id: issue.id } });
    await runtime.advance(60_000);
    // An hour of scheduled work (sweeps, housekeeping's outbox job) must leave the replica due for the pull.
    await runtime.advance(60 * 60 * 1000);
    const pulled = await pullOnce({ ...client, acks: new InMemoryAckStore(), limit: 10 });
    expect(pulled).toMatchObject({ ok: true, received: 1, rejected: 0 });
    expect(await salesforce.engine.processInbox()).toMatchObject({ done: 1, failed: 0 });
    expect(salesforce.entities.entities.get(`Case:${caseRef.id}`)?.view.title).toBe('Printer fixed');
  });
});
