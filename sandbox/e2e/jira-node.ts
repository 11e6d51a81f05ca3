/**
 * The Jira node as installed, for end-to-end tests: the Jira stand-in's HTTP server, the Forge
 * runtime stand-in with the real handlers loaded through manifest.yml, and a connection set up
 * as the admin console will store it (site, pre-paired connection, Basic-mode rules).
 */
import { CONNECTION_FORMAT } from '@tandem/shared-ts/engine';
import { THIS_NODE_SPEAKS } from '@tandem/shared-ts/protocol';
import { compile, DEFAULT_RULES, type IrProgram } from '@tandem/shared-ts/rules';
import { ManualClock } from '@tandem/shared-ts/testing';
import { join } from 'node:path';
import { createForgeStores } from '../../forge-app/src/store';
import { ForgeSetupStore } from '../../forge-app/src/store/app-stores';
import { installForgeRuntime, type ForgeRuntime } from '../forge';
import { startJiraStandin, type JiraStandin } from '../jira';

/** The connection both nodes share in these tests. */
export const CONNECTION_ID = 'conn-e2e';
/** Its secret (32 bytes, base64url). */
export const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64url');

/** A running Jira node. */
export interface JiraNode {
  standin: JiraStandin;
  runtime: ForgeRuntime;
  close(): Promise<void>;
}

/** Starts the Jira stand-in and the Forge runtime with the app's handlers. */
export async function startJiraNode(): Promise<JiraNode> {
  const standin = await startJiraStandin();
  // The runtime's clock drives queue delays; the handlers' own ports read the wall clock.
  const runtime = installForgeRuntime({
    storage: ':memory:',
    jiraBaseUrl: standin.baseUrl,
    clock: new ManualClock(Date.now()),
  });
  runtime.load(join(__dirname, '..', '..', 'manifest.yml'));
  return {
    standin,
    runtime,
    close: async () => {
      await runtime.close();
      await standin.close();
    },
  };
}

/** Basic mode's default rules of one side and direction, compiled. */
export function compiledDefaults(side: 'jira' | 'salesforce', direction: 'incoming' | 'outgoing'): IrProgram {
  const result = compile(DEFAULT_RULES[side][direction], side, direction);
  if (!result.ok) throw new Error(result.error.message);
  return result.ir;
}

/** What the admin console will store: the site, the connection (pre-paired) and its rules. */
export async function setUpJiraConnection(standin: JiraStandin): Promise<void> {
  const setups = new ForgeSetupStore();
  await setups.writeSetup({ site: { name: 'Acme Jira', url: standin.baseUrl } });
  const incomingIr = compiledDefaults('jira', 'incoming');
  await setups.writeRules(CONNECTION_ID, {
    incomingIr,
    outgoingIr: compiledDefaults('jira', 'outgoing'),
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
