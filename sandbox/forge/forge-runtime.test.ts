import api, { route, webTrigger } from '@forge/api';
import { PayloadTooBigError, Queue, TooManyEventsError } from '@forge/events';
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, Sort, WhereConditions } from '@forge/kvs';
import { ManualClock } from '@tandem/shared-ts/testing';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { installForgeRuntime, type ForgeRuntime } from './forge-runtime';

const MANIFEST = join(__dirname, 'fixtures', 'manifest.yml');

let runtime: ForgeRuntime;
let clock: ManualClock;
let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'forge-rt-'));
  clock = new ManualClock('2026-12-01T00:00:00.000Z');
  runtime = installForgeRuntime({ storage: folder, clock });
  runtime.load(MANIFEST);
  (globalThis as { fixtureHooks?: unknown }).fixtureHooks = { work: (ms: number) => clock.advance(ms) };
});

afterEach(async () => {
  await runtime.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function kvsError(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ForgeKvsAPIError);
  const api = error as ForgeKvsAPIError;
  return { code: api.code, status: api.responseDetails.status };
}

describe('the real SDKs run against the stand-in', () => {
  it('resolves @forge/kvs, @forge/api and @forge/events from node_modules, unmocked', () => {
    for (const name of ['@forge/kvs', '@forge/api', '@forge/events'])
      expect(require.resolve(name)).toContain(`${sep}node_modules${sep}${name.replace('/', sep)}${sep}`);
    expect(jest.isMockFunction(kvs.set)).toBe(false);
  });

  it('writes through the real @forge/kvs into the SQLite file of the given folder', async () => {
    await kvs.set('greeting', { text: 'hello' });
    const file = new Database(runtime.kvs.location, { readonly: true });
    const row = file.prepare("SELECT value FROM kv WHERE space = 'kvs' AND key = 'greeting'").get() as {
      value: string;
    };
    file.close();
    expect(runtime.kvs.location.startsWith(folder)).toBe(true);
    expect(JSON.parse(row.value)).toEqual({ text: 'hello' });
    expect(runtime.kvs.calls.get('/api/v1/set')).toBe(1);
    expect(await kvs.get('greeting')).toEqual({ text: 'hello' });
    expect(await kvs.get('missing')).toBeUndefined();
    await kvs.delete('greeting');
    expect(await kvs.get('greeting')).toBeUndefined();
  });

  it('keeps secrets apart from plain values', async () => {
    await kvs.setSecret('token', 's3cret');
    expect(await kvs.get('token')).toBeUndefined();
    expect(await kvs.getSecret('token')).toBe('s3cret');
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
  });

  it('forgets a value after its ttl, on the runtime clock', async () => {
    await kvs.set('short', 1, { ttl: { unit: 'MINUTES', value: 5 } });
    clock.advance(4 * 60_000);
    expect(await kvs.get('short')).toBe(1);
    clock.advance(60_001);
    expect(await kvs.get('short')).toBeUndefined();
  });
});

describe('the enforced KVS limits, with the SDK error shapes', () => {
  it('refuses a value over 240 KiB with MAX_SIZE and keeps nothing', async () => {
    const error = await kvsError(kvs.set('big', 'x'.repeat(240 * 1024)));
    expect(error).toEqual({ code: 'MAX_SIZE', status: 400 });
    expect(await kvs.get('big')).toBeUndefined();
    await kvs.set('fits', 'x'.repeat(240 * 1024 - 2));
  });

  it('refuses a value nested deeper than 32 with MAX_DEPTH', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 33; i++) deep = [deep];
    expect((await kvsError(kvs.set('deep', deep))).code).toBe('MAX_DEPTH');
  });

  it('refuses bad keys: characters, length, blank', async () => {
    expect((await kvsError(kvs.set('a/b', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(kvs.set('   ', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(kvs.set('k'.repeat(501), 1))).code).toBe('KEY_TOO_LONG');
    await kvs.set('k'.repeat(500), 1);
    await kvs.set('ok:key.with-#_ spaces', 1);
  });

  it('pages a beginsWith query 20 at a time with a cursor, and refuses a larger page', async () => {
    for (let i = 0; i < 45; i++) await kvs.set(`p:${String(i).padStart(2, '0')}`, i);
    await kvs.set('q:other', 0);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith('p:')).limit(20);
      const page = await (cursor ? query.cursor(cursor) : query).getMany<number>();
      expect(page.results.length).toBeLessThanOrEqual(20);
      seen.push(...page.results.map((result) => result.value));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect((await kvsError(kvs.query().limit(21).getMany())).code).toBe('BAD_REQUEST');
  });

  it('refuses a transaction of 26 operations and writes none of it', async () => {
    let transaction = kvs.transact();
    for (let i = 0; i < 26; i++) transaction = transaction.set(`t:${i}`, i);
    expect(await kvsError(transaction.execute())).toEqual({ code: 'TOO_MANY_OPERATIONS', status: 400 });
    expect(await kvs.get('t:0')).toBeUndefined();
    let fits = kvs.transact();
    for (let i = 0; i < 25; i++) fits = fits.set(`t:${i}`, i);
    await fits.execute();
    expect(await kvs.get('t:24')).toBe(24);
  });
});

describe('custom entities', () => {
  const item = (owner: string, dueAt: string, version: number) => ({ owner, dueAt, version });

  it('answers an index query by partition in range order, paged', async () => {
    const items = kvs.entity<ReturnType<typeof item>>('fixture-item');
    for (let i = 0; i < 25; i++)
      await items.set(
        `a${i}`,
        item('ann', `2026-12-0${(i % 9) + 1}T00:00:${String(i).padStart(2, '0')}Z`, 1),
      );
    await items.set('b1', item('bob', '2026-12-01T00:00:00Z', 1));
    const first = await items
      .query()
      .index('by-owner-due', { partition: ['ann'] })
      .where(WhereConditions.lessThanEqualTo('2026-12-05'))
      .sort(Sort.ASC)
      .limit(10)
      .getMany();
    const dues = first.results.map((result) => result.value.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(first.results.every((result) => result.value.owner === 'ann')).toBe(true);
    const second = await items
      .query()
      .index('by-owner-due', { partition: ['ann'] })
      .where(WhereConditions.lessThanEqualTo('2026-12-05'))
      .cursor(first.nextCursor as string)
      .limit(10)
      .getMany();
    expect(second.results.length).toBe(2); // 12 of the 25 are due by the 4th
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses a failed condition in a transaction and applies nothing; applies when it holds', async () => {
    const items = kvs.entity<ReturnType<typeof item>>('fixture-item');
    await items.set('x', item('ann', '2026-12-01', 1));
    const stale = new Filter<ReturnType<typeof item>>().and('version', FilterConditions.equalTo(0));
    const error = await kvsError(
      kvs
        .transact()
        .set('x', item('ann', '2026-12-02', 2), { entityName: 'fixture-item', conditions: stale })
        .set('plain', 1)
        .execute(),
    );
    expect(error).toEqual({ code: 'CONDITION_FAILED', status: 409 });
    expect((await items.get('x'))?.version).toBe(1);
    expect(await kvs.get('plain')).toBeUndefined();
    const current = new Filter<ReturnType<typeof item>>().and('version', FilterConditions.equalTo(1));
    await items.set('other', item('bob', '2026-12-01', 1));
    const checkOther = kvs
      .transact()
      .set('x', item('ann', '2026-12-02', 2), { entityName: 'fixture-item', conditions: current })
      .check('other', { entityName: 'fixture-item', conditions: stale });
    expect((await kvsError(checkOther.execute())).code).toBe('CONDITION_FAILED');
    expect((await items.get('x'))?.version).toBe(1);
    await kvs
      .transact()
      .set('x', item('ann', '2026-12-02', 2), { entityName: 'fixture-item', conditions: current })
      .check('other', { entityName: 'fixture-item', conditions: current })
      .execute();
    expect((await items.get('x'))?.version).toBe(2);
    const twice = kvs.transact().set('plain', 1).delete('plain');
    expect((await kvsError(twice.execute())).code).toBe('BAD_REQUEST');
  });

  it('refuses an attribute the manifest does not declare, and a second create with FAIL_IF_EXISTS', async () => {
    const items = kvs.entity<Record<string, unknown>>('fixture-item');
    expect((await kvsError(items.set('y', { colour: 'red' }))).code).toBe('INVALID_ATTRIBUTE');
    await items.set('y', item('ann', 'd', 1), { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(
      (await kvsError(items.set('y', item('ann', 'd', 2), { keyPolicy: 'FAIL_IF_EXISTS' }))).status,
    ).toBe(409);
    expect((await kvsError(kvs.entity('undeclared').set('z', {}))).code).toBe('ENTITY_NOT_FOUND');
  });
});

describe('web triggers', () => {
  it('gives a stable localhost URL per key and serves it over HTTP', async () => {
    const base = await runtime.serveWebTriggers(0);
    const url = await webTrigger.getUrl('echo');
    expect(url.startsWith(`${base}/x1/`)).toBe(true);
    expect(await webTrigger.getUrl('echo')).toBe(url);
    const answer = await fetch(url, { method: 'POST', body: 'hi' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(`${url} hi`);
    expect(await kvs.get('echo:last')).toEqual({ body: 'hi', method: 'POST' });
    expect((await fetch(`${base}/x1/nothing`)).status).toBe(404);
  });

  it('reports a web trigger that runs over 55 s and answers 500', async () => {
    const answer = await runtime.invokeWebTrigger('echo', {
      method: 'POST',
      path: '/',
      headers: {},
      queryParameters: {},
      body: 'slow',
    });
    expect(answer).toEqual({ statusCode: 500, body: 'FUNCTION_TIME_OUT' });
    expect(runtime.reports.at(-1)).toMatchObject({ kind: 'webtrigger', limitMs: 55_000, overLimit: true });
  });
});

describe('async events', () => {
  it('delivers a pushed event to the queue consumer when due', async () => {
    await runtime.invokeWebTrigger('echo', {
      method: 'POST',
      path: '/',
      headers: {},
      queryParameters: {},
      body: 'work A',
    });
    expect(await kvs.get('work:0')).toBeUndefined();
    const deliveries = await runtime.advance(0);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.event).toMatchObject({ queueName: 'work', body: { text: 'work A' } });
    expect(await kvs.get('work:0')).toBe('work A');
  });

  it('retries an InvocationError after retryAfter, at most 4 times', async () => {
    await new Queue({ key: 'work' }).push({ body: { text: 'r', failures: 2 } });
    await runtime.advance(0);
    expect(await kvs.get('work:1')).toBeUndefined();
    await runtime.advance(29_000);
    expect(await kvs.get('work:1')).toBeUndefined();
    await runtime.advance(1_000);
    expect(await kvs.get('work:1')).toBe('r');
    await runtime.advance(30_000);
    expect(await kvs.get('work:2')).toBe('r');
    expect(runtime.events.deliveries.map((d) => d.event.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2]);

    await new Queue({ key: 'work' }).push({ body: { text: 'never', failures: 99 } });
    await runtime.advance(3_600_000);
    const never = runtime.events.deliveries.filter((d) => d.event.body.text === 'never');
    expect(never).toHaveLength(5);
    expect(never.at(-1)?.gaveUp).toBe(true);
    expect(runtime.events.size).toBe(0);
  });

  it('enforces 50 events and 200 KB per push (the SDK refuses before the wire)', async () => {
    const queue = new Queue({ key: 'work' });
    const many = Array.from({ length: 51 }, () => ({ body: { a: 1 } }));
    expect(await rejection(queue.push(many))).toBeInstanceOf(TooManyEventsError);
    expect(await rejection(queue.push({ body: { a: 'x'.repeat(205 * 1024) } }))).toBeInstanceOf(
      PayloadTooBigError,
    );
    expect(runtime.events.publish(JSON.stringify({ queueName: 'work', payload: many })).status).toBe(400);
  });

  it('reports a consumer over its declared timeoutSeconds and retries it with FUNCTION_TIME_OUT', async () => {
    await new Queue({ key: 'work' }).push({ body: { text: 's', slowMs: 200_000 } });
    const [first] = await runtime.advance(0);
    expect(runtime.reports.at(-1)).toMatchObject({ kind: 'consumer', limitMs: 120_000, overLimit: true });
    expect(first?.outcome).toMatchObject({ retry: true, retryReason: 'FUNCTION_TIME_OUT' });
  });
});

describe('triggers', () => {
  it('fires the scheduled trigger every interval on the clock', async () => {
    await runtime.advance(3 * 3_600_000 + 1);
    expect(await kvs.get('sweep:runs')).toBe(3);
  });

  it('delivers product events to listening triggers, skipping self-generated ones', async () => {
    await runtime.emitProductEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'T-1' } });
    await runtime.emitProductEvent({
      eventType: 'avi:jira:updated:issue',
      selfGenerated: true,
      issue: { key: 'T-2' },
    });
    await runtime.emitProductEvent({ eventType: 'avi:jira:created:issue', issue: { key: 'T-3' } });
    expect(await kvs.get('issue:events')).toBe(1);
    expect(await kvs.get('issue:last')).toBe('T-1');
  });
});

describe('product REST calls', () => {
  it('forwards requestJira to the given Jira base URL', async () => {
    const seen: string[] = [];
    const jira = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"accountId":"app"}');
    });
    await new Promise<void>((done) => jira.listen(0, '127.0.0.1', () => done()));
    const address = jira.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await runtime.close();
    runtime = installForgeRuntime({ storage: ':memory:', clock, jiraBaseUrl: `http://127.0.0.1:${port}` });
    runtime.load(MANIFEST);
    const answer = await api.asApp().requestJira(route`/rest/api/3/myself`);
    expect(await answer.json()).toEqual({ accountId: 'app' });
    expect(seen).toEqual(['GET /rest/api/3/myself']);
    await new Promise<void>((done) => jira.close(() => done()));
  });
});
