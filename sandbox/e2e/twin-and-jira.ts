/**
 * The end-to-end pair of the twin's tests: the Jira node (real Forge handlers on the Forge and
 * Jira stand-ins, web triggers served over HTTP, one connection set up) and the Salesforce
 * package's TypeScript twin (the sandbox's, not what ships) over a fresh Salesforce stand-in,
 * calling out to the Jira node's rendezvous web trigger with the default Basic-mode rules.
 */
import { SalesforceOrg } from '../salesforce';
import { createSalesforceTwin, type SalesforceTwin } from '../salesforce/twin';
import {
  compiledDefaults,
  CONNECTION_ID,
  type JiraNode,
  SECRET,
  setUpJiraConnection,
  startJiraNode,
} from './jira-node';

/** Both nodes of one test. */
export interface TwinAndJira {
  jira: JiraNode;
  org: SalesforceOrg;
  twin: SalesforceTwin;
  /** Stops the twin's schedule and the Jira node. */
  close(): Promise<void>;
}

/** Starts both nodes; a Case with Priority High is taken by the twin's one active trigger. */
export async function startTwinAndJira(): Promise<TwinAndJira> {
  const jira = await startJiraNode({ serveWebTriggers: true });
  await setUpJiraConnection(jira.standin);
  const org = new SalesforceOrg();
  const twin = createSalesforceTwin({
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
  return {
    jira,
    org,
    twin,
    close: async () => {
      twin.stop();
      await jira.close();
    },
  };
}
