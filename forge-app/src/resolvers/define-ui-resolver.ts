import Resolver from '@forge/resolver';
import type { AppPorts } from '../app/app-ports';
import { acceptInvitation, previewInvitation } from './accept-invitation';
import { deleteConnection, setConnectionActive } from './change-connection';
import { initiateConnection } from './initiate-connection';
import { listConnectionErrors } from './list-connection-errors';
import { listConnections } from './list-connections';
import { readIssueStatus } from './read-issue-status';
import { NOT_SET_UP, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';
import { settleError } from './settle-error';
import { syncIssueNow } from './sync-issue-now';
import { listTriggers, saveTrigger, setTriggerActive } from './triggers';
import type { UiCall } from './ui-call';
import { unlinkIssue } from './unlink-issue';

/** One UI function: the call as @forge/resolver hands it, and this invocation's ports. */
export type UiFunction = (call: UiCall, ports: AppPorts) => Promise<ResolverAnswer<unknown>>;

/**
 * The functions the consoles and the issue panel `invoke` (@forge/bridge), by key. Each
 * validates its payload and calls the core and the stores; each answers `{ ok, value }` or
 * `{ ok: false, error: { code, message } }`, never throws.
 */
export const UI_FUNCTIONS: Readonly<Record<string, UiFunction>> = {
  // Connections
  initiateConnection,
  previewInvitation,
  acceptInvitation,
  listConnections: (_call, ports) => listConnections(ports),
  setConnectionActive,
  deleteConnection,
  // Triggers
  listTriggers: (_call, ports) => listTriggers(ports),
  saveTrigger,
  setTriggerActive,
  // Record status and the issue panel's actions
  recordStatus: readIssueStatus,
  syncNow: syncIssueNow,
  unlinkIssue,
  // Errors
  listErrors: (_call, ports) => listConnectionErrors(ports),
  retryError: (call, ports) => settleError('retry', call, ports),
  discardError: (call, ports) => settleError('discard', call, ports),
};

/**
 * The UI's resolver: a real `@forge/resolver` `Resolver` with one `define` per function of
 * `UI_FUNCTIONS`; its `getDefinitions()` is the handler manifest.yml names. `portsOf` gives each
 * call its ports (null: the site is not set up, answered `not-set-up`).
 */
export function defineUiResolver(
  portsOf: () => Promise<AppPorts | null> | AppPorts | null,
): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  for (const [key, run] of Object.entries(UI_FUNCTIONS)) {
    resolver.define(key, async (request: UiCall) => {
      try {
        const ports = await portsOf();
        return ports ? await run({ payload: request.payload, context: request.context }, ports) : NOT_SET_UP;
      } catch {
        return UNAVAILABLE;
      }
    });
  }
  return resolver.getDefinitions();
}
