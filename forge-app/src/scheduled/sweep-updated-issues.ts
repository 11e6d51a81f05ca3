import type { AppPorts, SweepCursor } from '../app/app-ports';
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
 * The scheduled sweep: finds the issues updated since the last pass (Jira's `updated >=` over
 * linked and triggered issues, paged by `nextPageToken`) and queues a build of each, coalesced
 * with the events' jobs, so comment edits (Jira has no comment-updated event) and anything an
 * event missed still sync. Bounded per run (pages, deadline); the cursor is saved after every
 * page, so the next run resumes where this one stopped. Never throws.
 */
export async function sweepUpdatedIssues(ports: AppPorts): Promise<SweepRun> {
  const run: SweepRun = { pages: 0, issues: 0, passFinished: false, failure: null };
  try {
    const startedAt = ports.clock.now();
    let cursor = (await ports.sweepCursor.read()) ?? newPass(startedAt, startedAt - FIRST_PASS_MS);
    while (run.pages < SWEEP_MAX_PAGES && ports.clock.now() < startedAt + SWEEP_DEADLINE_MS) {
      const page = await ports.issues.updatedSince(cursor.since, cursor.pageToken, SWEEP_PAGE_SIZE);
      if (!page.ok) {
        run.failure = `${page.error.code}: ${page.error.message}`;
        break;
      }
      run.pages++;
      for (const issueId of page.issueIds.slice(0, SWEEP_PAGE_SIZE)) {
        const queued = await queueIssueJob(issueId, ports);
        if (queued.kind !== 'failed') run.issues++;
      }
      if (page.nextPageToken === null) {
        cursor = newPass(ports.clock.now(), Date.parse(cursor.passStartedAt) - OVERLAP_MS);
        await ports.sweepCursor.write(cursor);
        run.passFinished = true;
        break;
      }
      cursor = { ...cursor, pageToken: page.nextPageToken };
      await ports.sweepCursor.write(cursor);
    }
  } catch {
    run.failure = 'storage or Jira threw';
  }
  if (run.failure) ports.log(`sweep: stopped after ${run.pages} page(s): ${run.failure}`);
  return run;
}

function newPass(now: number, since: number): SweepCursor {
  return {
    since: new Date(since).toISOString(),
    passStartedAt: new Date(now).toISOString(),
    pageToken: null,
  };
}
