/**
 * Reads Jira throttles, through the adapter's ports against the Jira stand-in's HTTP server: the
 * 429 and its Retry-After reach the core as the port's failure value, and the core's retry policy
 * waits at least that long before it reads again.
 */
import { createSyncEngine, type SyncEngine } from '@tandem/shared-ts/engine';
import {
  contentHash,
  fakeRulesEngine,
  InMemoryLinkStore,
  InMemoryStatsStore,
  InMemorySyncLog,
  InMemoryWorkQueue,
  ManualClock,
  seededRandom,
  sequentialIds,
} from '@tandem/shared-ts/testing';
import { JiraModel, startJiraStandin, type JiraStandin } from '../../../sandbox/jira';
import { fetchJiraHttp } from './fetch-jira-http';
import { createJiraContext } from './jira-call';
import { createJiraAttachmentSource } from './jira-attachment-source';
import { createJiraEntityStore } from './jira-entity-store';

const PERSON = '557058:alice';
let standin: JiraStandin;

beforeEach(async () => {
  standin = await startJiraStandin(new JiraModel({ now: () => Date.UTC(2026, 11, 3, 12) }));
});
afterEach(async () => {
  await standin.close();
});

function seedIssue(): string {
  const created = standin.model.createIssue(
    { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Printer on fire' },
    PERSON,
  );
  if (!created.ok) throw new Error('seed failed');
  return created.value.id;
}

/** The Jira side's engine: entities through Jira REST, the rest in memory, no transport (its peer pulls). */
function jiraEngine(clock: ManualClock): { engine: SyncEngine; outbox: InMemoryWorkQueue } {
  const outbox = new InMemoryWorkQueue();
  const engine = createSyncEngine(
    { connectionId: 'conn-1', side: 'jira', rules: { incoming: 'incoming', outgoing: 'outgoing' } },
    {
      entities: createJiraEntityStore(createJiraContext(fetchJiraHttp(standin.baseUrl))),
      links: new InMemoryLinkStore(),
      outbox,
      inbox: new InMemoryWorkQueue(),
      log: new InMemorySyncLog(),
      stats: new InMemoryStatsStore(),
      clock,
      ids: sequentialIds('q'),
      random: seededRandom(7),
      runRules: fakeRulesEngine({ outgoing: ({ entity }) => ({ summary: entity?.summary ?? null }) }),
      hashReplica: contentHash,
    },
  );
  return { engine, outbox };
}

describe('reads Jira throttles', () => {
  it('builds an issue Jira answered 429 with Retry-After: 120 again only once the 120 s are over', async () => {
    const issueId = seedIssue();
    const ref = { platform: 'jira', type: 'issue', id: issueId };
    const clock = new ManualClock(Date.UTC(2026, 11, 3, 12));
    const { engine, outbox } = jiraEngine(clock);
    standin.setChaos({ rateLimit: { count: 1, retryAfterSeconds: 120 } });
    expect(await engine.syncLocalChange(ref)).toMatchObject({
      kind: 'failed',
      error: { code: 'http', status: 429, retryAfterSeconds: 120 },
    });
    const waiting = await outbox.get(`conn-1:issue:${issueId}`);
    expect(waiting).toMatchObject({ message: null, state: 'pending', attempts: 1 });
    expect(Date.parse(waiting?.nextAttemptAt ?? '') - clock.now()).toBeGreaterThanOrEqual(120_000);

    const calls = standin.calls.length;
    clock.advance(119_000);
    await engine.deliverOutbox();
    expect(standin.calls.length).toBe(calls);

    clock.advance(1_000);
    await engine.deliverOutbox();
    expect(standin.calls.length).toBeGreaterThan(calls);
    const built = await outbox.get(`conn-1:issue:${issueId}`);
    expect(built?.message?.kind === 'replica' ? built.message.replica.summary : null).toBe('Printer on fire');
  });

  it('answers a throttled attachment read as the failure value with the Retry-After, and null for a 404', async () => {
    const issueId = seedIssue();
    const issue = standin.model.issues.get(issueId);
    if (!issue) throw new Error('no issue');
    const attachment = standin.model.addAttachment(
      issue,
      'log.txt',
      'text/plain',
      new Uint8Array([1, 2, 3]),
      PERSON,
    );
    const source = createJiraAttachmentSource(createJiraContext(fetchJiraHttp(standin.baseUrl)));
    standin.setChaos({ rateLimit: { count: 2, retryAfterSeconds: 120 } });
    const throttled = { ok: false, error: { code: 'http', status: 429, retryAfterSeconds: 120 } };
    expect(await source.describe(attachment.id)).toMatchObject(throttled);
    expect(await source.read(attachment.id, 0, 3)).toMatchObject(throttled);
    expect(await source.read(attachment.id, 0, 3)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await source.describe('424242')).toBeNull();
  });
});
