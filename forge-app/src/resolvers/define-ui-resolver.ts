import Resolver from '@forge/resolver';
import type { AppPorts } from '../app/app-ports';
import { UNAVAILABLE } from './resolver-answer';
import { listConnectionErrors } from './list-connection-errors';
import { readIssueStatus } from './read-issue-status';
import { syncIssueNow } from './sync-issue-now';

/**
 * The UI's resolver (`@forge/resolver`): `status` and `syncNow` for the issue panel and action,
 * `errors` for the admin page. `portsOf` gives each call its ports (null: the app is not set up,
 * answered `unavailable`).
 */
export function defineUiResolver(
  portsOf: () => Promise<AppPorts | null> | AppPorts | null,
): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  resolver.define('status', (call) => withPorts(portsOf, (ports) => readIssueStatus(call, ports)));
  resolver.define('syncNow', (call) => withPorts(portsOf, (ports) => syncIssueNow(call, ports)));
  resolver.define('errors', () => withPorts(portsOf, (ports) => listConnectionErrors(ports)));
  return resolver.getDefinitions();
}

async function withPorts<T>(
  portsOf: () => Promise<AppPorts | null> | AppPorts | null,
  run: (ports: AppPorts) => Promise<T>,
): Promise<T | typeof UNAVAILABLE> {
  const ports = await portsOf();
  return ports ? run(ports) : UNAVAILABLE;
}
