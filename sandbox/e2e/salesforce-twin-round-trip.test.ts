/**
 * Both nodes end to end: the Salesforce package's TypeScript twin (the sandbox's, not what ships)
 * over the Salesforce stand-in, calling out over HTTP to the real Forge handlers' rendezvous web
 * trigger, which run on the Forge runtime stand-in against the Jira stand-in.
 */
import { SalesforceOrg } from '../salesforce';
import { createSalesforceTwin, type SalesforceTwin } from '../salesforce/twin';
import {
  compiledDefaults,
  CONNECTION_ID,
  editInJira,
  type JiraNode,
  SECRET,
  setUpJiraConnection,
  startJiraNode,
  theOnlyIssue,
} from './jira-node';

let jira: JiraNode;
let org: SalesforceOrg;
let twin: SalesforceTwin;

beforeEach(async () => {
  jira = await startJiraNode({ serveWebTriggers: true });
  await setUpJiraConnection(jira.standin);
  org = new SalesforceOrg();
  twin = createSalesforceTwin({
    org,
    connectionId: CONNECTION_ID,
    secret: SECRET,
    rendezvousUrl: jira.runtime.webTriggerUrl('tandem-rendezvous'),
    rules: {
      incomingIr: compiledDefaults('salesforce', 'incoming'),
      outgoingIr: compiledDefaults('salesforce', 'outgoing'),
    },
    triggers: [{ object: 'Case', where: "Priority = 'High'", active: true }],
  });
});

afterEach(async () => {
  twin.stop();
  await jira.close();
});

describe('the Salesforce twin and the Jira node on the stand-ins', () => {
  it('takes a triggered Case to a Jira issue, and brings a Jira edit back to the Case', async () => {
    const created = org.insert('Case', { Subject: 'Printer broken', Priority: 'High' }, org.personUserId);
    if (!created.ok) throw new Error(created.error.message);
    const caseId = created.value;

    const pushed = await twin.puller.runOnce();
    expect(pushed.pushed).toMatchObject({ done: 1, failed: 0 });
    await jira.runtime.runDue();
    const issue = theOnlyIssue(jira.standin, 'Printer broken');

    await editInJira(jira, issue, { summary: 'Printer fixed' });
    const pulled = await twin.puller.runOnce();
    expect(pulled.pulled).toMatchObject({ received: 1, rejected: 0 });
    expect(pulled.applied).toMatchObject({ done: 1, failed: 0 });
    expect(org.get(caseId)?.fields.Subject).toBe('Printer fixed');
    // The apply is not captured: nothing goes back.
    const quiet = await twin.puller.runOnce();
    expect(quiet.captured.queued).toEqual([]);
    expect(quiet.pushed.done).toBe(0);
  });
});
