import { LINKED_SCOPE, type AppPorts, type SweepCursor } from '../app/app-ports';
import { MAX_TRIGGERS } from '../store/trigger-store';
import { queueIssueJob } from '../events/queue-issue-job';

/** Issues per page (Forge queues take 50 events per push; one job per issue). */
export const SWEEP_PAGE_SIZE = 50;

/** Most pages one run reads; the cursor keeps the rest for the next run. */
export const SWEEP_MAX_PAGES = 20;

/** A run stops reading pages this long after it started (Forge stops it at 900 s). */
export const SWEEP_DEADLINE_MS = 600_000;

/** How far back a new pass reaches before the last one's start, for clocks and indexing lag. */
const OVERLAP_MS = 5 * 60_000;

/** How far back the first pass ever reaches. */
const FIRST_PASS_MS = 24 * 60 * 60_000;

/** What one sweep run did. */
export interface SweepRun {
  pages: number;
  issues: number;
  /** Whether the pass finished (the next run starts a new one) or stopped at a page. */
  passFinished: boolean;
  failure: string | null;
}

/**
 * The scheduled sweep: finds the issues updated since the last pass of each scope (the linked
 * issues, then each active trigger's JQL: `(<jql>) AND updated >= ...`, paged by
 * `nextPageToken`) and queues a build of each, coalesced with the events' jobs, so comment edits
 * (Jira has no comment-updated event) and anything an event missed still sync. Bounded per run
 * (pages over all scopes, deadline); each scope's cursor is saved after every page, so the next
 * run resumes where this one stopped. A scope whose search fails is left at its cursor and the
 * next scope is swept. `passFinished`: every scope finished its pass. Never throws.
 */
export async function sweepUpdatedIssues(ports: AppPorts): Promise<SweepRun> {
  const run: SweepRun = { pages: 0, issues: 0, passFinished: true, failure: null };
  const startedAt = ports.clock.now();
  try {
    const scopes: { scope: string; jql?: string }[] = [{ scope: LINKED_SCOPE }];
    for (const trigger of await ports.triggers.list(MAX_TRIGGERS))
      if (trigger.active) scopes.push({ scope: trigger.id, jql: trigger.jql });
    for (const { scope, jql } of scopes) {
      const finished = await sweepScope(ports, scope, jql, startedAt, run);
      if (!finished) run.passFinished = false;
    }
  } catch {
    run.passFinished = false;
    run.failure ??= 'storage or Jira threw';
  }
  if (run.failure) ports.log(`sweep: stopped after ${run.pages} page(s): ${run.failure}`);
  return run;
}

/** Sweeps one scope within what is left of the run's budget; true when its pass finished. */
async function sweepScope(
  ports: AppPorts,
  scope: string,
  jql: string | undefined,
  startedAt: number,
  run: SweepRun,
): Promise<boolean> {
  let cursor = (await ports.sweepCursor.read(scope)) ?? newPass(startedAt, startedAt - FIRST_PASS_MS);
  while (run.pages < SWEEP_MAX_PAGES && ports.clock.now() < startedAt + SWEEP_DEADLINE_MS) {
    const page = await ports.issues.updatedSince(cursor.since, cursor.pageToken, SWEEP_PAGE_SIZE, jql);
    if (!page.ok) {
      const where = scope === LINKED_SCOPE ? '' : `trigger ${scope}: `;
      run.failure ??= `${where}${page.error.code}: ${page.error.message}`;
      return false;
    }
    run.pages++;
    for (const issueId of page.issueIds.slice(0, SWEEP_PAGE_SIZE)) {
      const queued = await queueIssueJob(issueId, ports);
      if (queued.kind !== 'failed') run.issues++;
    }
    if (page.nextPageToken === null) {
      cursor = newPass(ports.clock.now(), Date.parse(cursor.passStartedAt) - OVERLAP_MS);
      await ports.sweepCursor.write(cursor, scope);
      return true;
    }
    cursor = { ...cursor, pageToken: page.nextPageToken };
    await ports.sweepCursor.write(cursor, scope);
  }
  return false;
}

function newPass(now: number, since: number): SweepCursor {
  return {
    since: new Date(since).toISOString(),
    passStartedAt: new Date(now).toISOString(),
    pageToken: null,
  };
}
