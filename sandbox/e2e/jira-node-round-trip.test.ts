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
import {
  createTestNode,
  InMemoryAckStore,
  InMemoryReplayCache,
  ManualClock,
  seedEntity,
} from '@tandem/shared-ts/testing';
import { portsOfInstall } from '../../forge-app/src/app/ports-of-install';
import type { ForgeRuntime } from '../forge';
import type { JiraStandin } from '../jira';
import { CONNECTION_ID, SECRET, setUpJiraConnection, startJiraNode, type JiraNode } from './jira-node';

let node: JiraNode;
let standin: JiraStandin;
let runtime: ForgeRuntime;

beforeEach(async () => {
  node = await startJiraNode();
  ({ standin, runtime } = node);
});

afterEach(async () => {
  await node.close();
});

/** What the admin console will store: the site, the connection (pre-paired) and its rules. */
const setUp = () => setUpJiraConnection(standin);

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
