/**
 * Pairing by invitation, end to end: the Jira node (the real handlers loaded through manifest.yml
 * on the Forge runtime stand-in, Jira REST on the Jira stand-in) initiates an invitation through
 * its resolver, as the admin page's `invoke` would; the Salesforce side (the core's client on
 * in-memory ports) accepts the code with a signed `hello` sent over HTTP to the web trigger URL
 * the code names; then one replica goes each way over that connection.
 */
import { acceptInvitation, createMessageIdGenerator } from '@tandem/shared-ts/protocol';
import { ManualClock } from '@tandem/shared-ts/testing';
import {
  createSalesforceSide,
  editInJira,
  jiraNodePerTest,
  postOverHttp,
  pullAll,
  pushNewCase,
  resolverOf,
  setUpJiraSite,
  theOnlyIssue,
  writeDefaultJiraRules,
} from './jira-node';

const jiraNode = jiraNodePerTest({ serveWebTriggers: true });

describe('pairing the Jira node by invitation', () => {
  it('initiates on Jira, accepts on Salesforce with a signed hello, then syncs one replica each way', async () => {
    const node = jiraNode();
    const { standin, runtime } = node;
    const admin = resolverOf(runtime, 'tandem-admin');
    await setUpJiraSite(standin);

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
        return postOverHttp(request, url);
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
      post: postOverHttp,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'invitation-used' } });

    // What the Rules console will store for the new connection.
    await writeDefaultJiraRules(connection.connectionId);

    const side = createSalesforceSide({
      clock,
      connectionId: connection.connectionId,
      secret: connection.secret,
      speaks: connection.speaks,
      post: (request) => postOverHttp(request, accepted.rendezvousUrl),
    });
    const { salesforce, client } = side;

    // Salesforce -> Jira: a Case becomes an issue.
    const caseRef = await pushNewCase(side, runtime, 'case-1', { title: 'Printer broken', state: 'New' });
    const issue = theOnlyIssue(standin, 'Printer broken');

    // Jira -> Salesforce: an edit, its event, the issue job, then the pull.
    await editInJira(node, issue, { summary: 'Printer fixed' });
    expect(await pullAll(client)).toMatchObject({
      ok: true,
      received: 1,
      rejected: 0,
    });
    expect(await salesforce.engine.processInbox()).toMatchObject({ done: 1, failed: 0 });
    expect(salesforce.entities.entities.get(`Case:${caseRef.id}`)?.view.title).toBe('Printer fixed');
    expect(await admin('listConnections')).toMatchObject({ ok: true, value: [{ health: 'healthy' }] });
  });
});
