/**
 * Pairing by invitation, end to end: the Jira node (the real handlers loaded through manifest.yml
 * on the Forge runtime stand-in, Jira REST on the Jira stand-in) initiates an invitation through
 * its resolver, as the admin page's `invoke` would; the Salesforce side (the core's client on
 * in-memory ports) accepts the code with a signed `hello` sent over HTTP to the web trigger URL
 * the code names; then one replica goes each way over that connection.
 */
import {
  acceptInvitation,
  createMessageIdGenerator,
  pullOnce,
  pushOutbox,
  type HttpAnswer,
  type RendezvousClientDeps,
  type SignedMessage,
} from '@tandem/shared-ts/protocol';
import { compile, DEFAULT_RULES } from '@tandem/shared-ts/rules';
import {
  createTestNode,
  InMemoryAckStore,
  InMemoryReplayCache,
  ManualClock,
  seedEntity,
} from '@tandem/shared-ts/testing';
import { join } from 'node:path';
import { ForgeSetupStore } from '../../forge-app/src/store/app-stores';
import { installForgeRuntime, type ForgeRuntime } from '../forge';
import { startJiraStandin, type JiraStandin } from '../jira';

let standin: JiraStandin;
let runtime: ForgeRuntime;

beforeEach(async () => {
  standin = await startJiraStandin();
  runtime = installForgeRuntime({
    storage: ':memory:',
    jiraBaseUrl: standin.baseUrl,
    clock: new ManualClock(Date.now()),
  });
  runtime.load(join(__dirname, '..', '..', 'manifest.yml'));
  await runtime.serveWebTriggers();
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

/** POSTs a signed message over HTTP, as Salesforce's callout would. */
async function post(request: SignedMessage, url: string): Promise<{ ok: true; answer: HttpAnswer }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    ok: true,
    answer: {
      statusCode: response.status,
      headers,
      body: await response.text(),
    },
  };
}

async function admin(key: string, payload: unknown = {}): Promise<unknown> {
  const { value, report } = await runtime.invokeResolver('tandem-admin', key, payload, {
    accountId: '557058:admin',
  });
  expect(report.error).toBeUndefined();
  return value;
}

describe('pairing the Jira node by invitation', () => {
  it('initiates on Jira, accepts on Salesforce with a signed hello, then syncs one replica each way', async () => {
    await new ForgeSetupStore().writeSetup({ site: { name: 'Acme Jira', url: standin.baseUrl } });

    // Jira: the admin initiates; the code is shown once.
    const initiated = (await admin('initiateConnection', { connectionName: 'Acme support' })) as {
      ok: true;
      value: { code: string; connectionId: string };
    };
    expect(initiated.ok).toBe(true);

    // Salesforce: the admin pastes the code; the hello goes to the URL it names.
    const clock = new ManualClock(Date.now());
    const urls: string[] = [];
    const accepted = await acceptInvitation(initiated.value.code, {
      platform: 'salesforce',
      site: { name: 'Acme', url: 'https://acme.my.salesforce.com' },
      clock,
      messageIds: createMessageIdGenerator({ clock }),
      post: (request, url) => {
        urls.push(url);
        return post(request, url);
      },
    });
    if (!accepted.ok) throw new Error(`${accepted.error.code}: ${accepted.error.message}`);
    expect(urls).toEqual([runtime.webTriggerUrl('tandem-rendezvous')]);
    const { connection } = accepted;
    expect(connection).toMatchObject({
      connectionId: initiated.value.connectionId,
      connectionName: 'Acme support',
      peer: { platform: 'jira', site: { name: 'Acme Jira' } },
    });

    // Jira stored it: listed with its peer, waiting for rules.
    expect(await admin('listConnections')).toMatchObject({
      ok: true,
      value: [
        {
          connectionId: connection.connectionId,
          peer: { platform: 'salesforce', site: { name: 'Acme' } },
          active: true,
          health: 'no-rules',
        },
      ],
    });
    // The code paired once: a second hello with it is refused by the rendezvous.
    const again = await acceptInvitation(initiated.value.code, {
      platform: 'salesforce',
      site: { name: 'Acme', url: 'https://acme.my.salesforce.com' },
      clock,
      messageIds: createMessageIdGenerator({ clock }),
      post,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'invitation-used' } });

    // What the Rules console will store for the new connection.
    const incomingIr = compiled('incoming');
    await new ForgeSetupStore().writeRules(connection.connectionId, {
      incomingIr,
      outgoingIr: compiled('outgoing'),
      dependencies: incomingIr.dependencies,
    });

    const salesforce = createTestNode({
      platform: 'salesforce',
      type: 'Case',
      clock,
      connectionId: connection.connectionId,
    });
    const client: RendezvousClientDeps = {
      connectionId: connection.connectionId,
      secret: connection.secret,
      speaks: connection.speaks,
      engine: salesforce.engine,
      clock,
      messageIds: createMessageIdGenerator({ clock }),
      answerReplayCache: new InMemoryReplayCache(clock),
      post: (request) => post(request, accepted.rendezvousUrl),
    };

    // Salesforce -> Jira: a Case becomes an issue.
    const caseRef = seedEntity(salesforce, 'case-1', { title: 'Printer broken', state: 'New' });
    expect((await salesforce.engine.syncLocalChange(caseRef)).kind).toBe('enqueued');
    expect(await pushOutbox(client)).toMatchObject({ done: 1, failed: 0 });
    await runtime.runDue();
    const issue = [...standin.model.issues.values()][0];
    expect(issue?.fields.get('summary')).toBe('Printer broken');
    if (!issue) throw new Error('no issue was created');

    // Jira -> Salesforce: an edit, its event, the issue job, then the pull.
    expect(standin.model.editIssue(issue, { summary: 'Printer fixed' }, '557058:alice').ok).toBe(true);
    await runtime.emitProductEvent({ eventType: 'avi:jira:updated:issue', issue: { id: issue.id } });
    await runtime.advance(60_000);
    expect(await pullOnce({ ...client, acks: new InMemoryAckStore(), limit: 10 })).toMatchObject({
      ok: true,
      received: 1,
      rejected: 0,
    });
    expect(await salesforce.engine.processInbox()).toMatchObject({ done: 1, failed: 0 });
    expect(salesforce.entities.entities.get(`Case:${caseRef.id}`)?.view.title).toBe('Printer fixed');
    expect(await admin('listConnections')).toMatchObject({ ok: true, value: [{ health: 'healthy' }] });
  });
});
