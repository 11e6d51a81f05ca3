/**
 * One round trip through the Jira node as installed: the Forge runtime stand-in loads the real
 * handlers through manifest.yml and forwards product REST to the Jira stand-in's HTTP server; the
 * Salesforce side is the core's rendezvous client on in-memory ports.
 */
import { portsOfInstall } from '../../forge-app/src/app/ports-of-install';
import {
  createSalesforceSide,
  editInJira,
  jiraNodePerTest,
  postToRendezvous,
  pullAll,
  pushNewCase,
  setUpJiraConnection,
  theOnlyIssue,
} from './jira-node';

const jiraNode = jiraNodePerTest();

describe('the Jira node on the stand-ins', () => {
  it('takes a pushed Case into a Jira issue, and a Jira edit back through pull', async () => {
    const node = jiraNode();
    const { standin, runtime } = node;
    await setUpJiraConnection(standin);
    const side = createSalesforceSide({ post: postToRendezvous(runtime) });
    const { salesforce, client } = side;

    // Salesforce -> Jira: the push is stored, the consumer applies it through Jira REST.
    const caseRef = await pushNewCase(side, runtime, 'case-1', { title: 'Printer broken', state: 'New' });
    expect([...salesforce.outbox.items.values()]).toEqual([]);
    // The consumer applied it: one issue, its link, and the rendezvous's outbox holds its first replica.
    const issue = theOnlyIssue(standin, 'Printer broken');

    // The sweep's finder sees the linked issue through its link property.
    const ports = await portsOfInstall();
    expect(await ports?.issues.updatedSince('2000-01-01T00:00:00.000Z', null, 50)).toEqual({
      ok: true,
      issueIds: [issue.id],
      nextPageToken: null,
    });

    // Jira -> Salesforce: an edit, its event, the issue job, then the client's pull.
    await editInJira(node, issue, { summary: 'Printer fixed' });
    // An hour of scheduled work (sweeps, housekeeping's outbox job) must leave the replica due for the pull.
    await runtime.advance(60 * 60 * 1000);
    expect(await pullAll(client)).toMatchObject({ ok: true, received: 1, rejected: 0 });
    expect(await salesforce.engine.processInbox()).toMatchObject({ done: 1, failed: 0 });
    expect(salesforce.entities.entities.get(`Case:${caseRef.id}`)?.view.title).toBe('Printer fixed');
  });
});
