import type { AppPorts } from './app-ports';

/**
 * The ports of this installation, or null while they are not wired. The lead wires them at the
 * merge of issue #11's lanes: `createForgeStores()` (../store, KVS-backed core ports, marks and
 * the sweep cursor), the Jira REST adapter (../jira: entity store and `IssueFinder`),
 * `forgeJobQueue()` and a `sleep` whose timer does not hold the invocation open. Until then every
 * handler answers `unavailable` (503 from the web trigger, a retry from the consumer).
 */
export function portsOfInstall(): AppPorts | null {
  return null;
}
