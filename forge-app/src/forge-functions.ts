/**
 * The functions manifest.yml names, bound to this installation's ports; `src/index.ts` re-exports
 * them for Forge. Each is one line: the behaviour lives in the handler folders.
 */
import { errorResponse, type HttpResponse } from '@tandem/shared-ts/protocol';
import type { InvocationError } from '@forge/events';
import { portsOfInstall } from './app/ports-of-install';
import { invocationResult } from './consumers/invocation-result';
import { runWorkJob } from './consumers/run-work-job';
import { takeIssueEvent } from './events/take-issue-event';
import { defineUiResolver } from './resolvers/define-ui-resolver';
import { runHousekeeping } from './scheduled/run-housekeeping';
import { sweepUpdatedIssues } from './scheduled/sweep-updated-issues';
import { answerRendezvous } from './webtrigger/answer-rendezvous';

const NOT_SET_UP = 'Tandem is not set up on this site yet; nothing was done. Retry later.';

/** Web trigger `tandem-rendezvous`. */
export async function rendezvous(request: unknown): Promise<HttpResponse> {
  const ports = await portsOfInstall();
  return ports
    ? answerRendezvous(request, ports)
    : errorResponse({ code: 'unavailable', message: NOT_SET_UP });
}

/** Trigger `tandem-issue-events`. */
export async function issueEvent(event: unknown): Promise<void> {
  const ports = await portsOfInstall();
  if (ports) await takeIssueEvent(event, ports);
}

/** Consumer `tandem-work-consumer` of the queue `tandem-work`. */
export async function workConsumer(event: {
  body?: unknown;
  retryContext?: { retryCount?: unknown };
}): Promise<InvocationError | undefined> {
  const ports = await portsOfInstall();
  if (!ports) return undefined;
  return invocationResult(await runWorkJob(event, ports));
}

/** Scheduled trigger `tandem-sweep` (every five minutes). */
export async function sweep(): Promise<void> {
  const ports = await portsOfInstall();
  if (ports) await sweepUpdatedIssues(ports);
}

/** Scheduled trigger `tandem-housekeeping` (hourly). */
export async function housekeeping(): Promise<void> {
  const ports = await portsOfInstall();
  if (ports) await runHousekeeping(ports);
}

/** Resolver of the issue panel, issue action and admin page. */
export const uiResolver = defineUiResolver(() => portsOfInstall());
