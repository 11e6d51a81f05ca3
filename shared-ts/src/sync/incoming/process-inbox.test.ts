import { processInbox } from './process-inbox';
import { receiveMessage } from './receive-message';
import { syncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';
import { hashedReplicaOf } from '../testing/fixtures';
import { fakeRulesEngine } from '../testing/fake-rules-engine';
import { createTestNode, type TestNode } from '../testing/test-node';

async function fromCase(id: string, seq = 1): Promise<ReplicaMessage> {
  return {
    kind: 'replica',
    replica: await hashedReplicaOf({
      entity: { platform: 'salesforce', type: 'Case', id },
      seq,
      summary: `Case ${id}`,
    }),
    target: null,
    applied: 0,
  };
}

const retry = { baseMs: 1_000, capMs: 10_000, maxAttempts: 3 };

function jira(
  overrides: Parameters<typeof createTestNode>[0] = { platform: 'jira', type: 'issue' },
): TestNode {
  return createTestNode({ retry, ...overrides });
}

describe('processInbox', () => {
  it('applies the due items, removes them and counts them as synced', async () => {
    const node = jira();
    await receiveMessage(node.engine.context, await fromCase('500A'));
    await receiveMessage(node.engine.context, await fromCase('500B'));
    node.clock.advance(2_000);
    expect(await processInbox(node.engine.context)).toEqual({
      done: 2,
      retrying: 0,
      failed: 0,
      remaining: 0,
    });
    expect(node.inbox.items.size).toBe(0);
    expect(node.entities.entities.size).toBe(2);
    expect((await node.engine.statistics()).syncedToday).toBe(2);
    expect((await node.engine.statistics()).averageLatencyMs).toBe(2_000);
  });

  it('schedules a transient failure for retry and goes on with the other items', async () => {
    const node = jira();
    await receiveMessage(node.engine.context, await fromCase('500A'));
    await receiveMessage(node.engine.context, await fromCase('500B'));
    node.entities.failNextApply(syncFailure('http', 'Jira is busy', { status: 429, retryAfterSeconds: 60 }));
    expect(await processInbox(node.engine.context)).toEqual({
      done: 1,
      retrying: 1,
      failed: 0,
      remaining: 0,
    });
    const waiting = [...node.inbox.items.values()];
    expect(waiting).toMatchObject([
      { attempts: 1, state: 'pending', nextAttemptAt: '2026-11-20T10:01:00.000Z' },
    ]);
    expect(node.log.entries.some((entry) => entry.kind === 'retry-scheduled')).toBe(true);
  });

  it('does not take an item before its retry is due', async () => {
    const node = jira();
    await receiveMessage(node.engine.context, await fromCase('500A'));
    node.entities.failNextApply(syncFailure('network', 'reset'));
    await processInbox(node.engine.context);
    expect(await processInbox(node.engine.context)).toEqual({
      done: 0,
      retrying: 0,
      failed: 0,
      remaining: 0,
    });
    node.clock.advance(10_000);
    expect(await processInbox(node.engine.context)).toEqual({
      done: 1,
      retrying: 0,
      failed: 0,
      remaining: 0,
    });
  });

  it('puts an item into the error list after the last attempt', async () => {
    const node = jira();
    await receiveMessage(node.engine.context, await fromCase('500A'));
    for (let attempt = 0; attempt < 3; attempt++) {
      node.entities.failNextApply(syncFailure('network', 'reset'));
      await processInbox(node.engine.context);
      node.clock.advance(10_000);
    }
    expect(await node.engine.errors()).toMatchObject([
      {
        queue: 'inbox',
        item: { state: 'error', attempts: 3, lastError: { message: 'Gave up after 3 attempts: reset' } },
      },
    ]);
    expect((await node.engine.statistics()).errors).toBe(1);
  });

  it('puts a rule error into the error list at once', async () => {
    const failing = fakeRulesEngine({
      incoming: () => ({ error: { code: 'type-error', message: 'bad', line: 1, column: 1 } }),
    });
    const node = jira({ platform: 'jira', type: 'issue', runRules: failing });
    await receiveMessage(node.engine.context, await fromCase('500A'));
    expect(await processInbox(node.engine.context)).toEqual({
      done: 0,
      retrying: 0,
      failed: 1,
      remaining: 0,
    });
    expect((await node.inbox.get('conn-1:Case:500A'))?.lastError?.code).toBe('rule-error');
  });

  it('retries an item whose apply threw', async () => {
    const node = jira();
    await receiveMessage(node.engine.context, await fromCase('500A'));
    const apply = node.entities.apply.bind(node.entities);
    node.entities.apply = () => Promise.reject(new Error('socket hang up'));
    expect(await processInbox(node.engine.context)).toEqual({
      done: 0,
      retrying: 1,
      failed: 0,
      remaining: 0,
    });
    node.entities.apply = apply;
    node.clock.advance(10_000);
    expect(await processInbox(node.engine.context)).toEqual({
      done: 1,
      retrying: 0,
      failed: 0,
      remaining: 0,
    });
  });

  it('keeps a newer replica that arrived while the older one was being applied', async () => {
    const node = jira();
    await receiveMessage(node.engine.context, await fromCase('500A', 1));
    const apply = node.entities.apply.bind(node.entities);
    node.entities.apply = async (plan) => {
      await receiveMessage(node.engine.context, await fromCase('500A', 2));
      return apply(plan);
    };
    await processInbox(node.engine.context);
    expect((await node.inbox.get('conn-1:Case:500A'))?.message).toMatchObject({ replica: { seq: 2 } });
  });

  it('applies the replicas a newer one replaced in the inbox, oldest first, before the newer one', async () => {
    const node = jira();
    for (const seq of [1, 3, 2]) await receiveMessage(node.engine.context, await fromCase('500A', seq));
    expect(await processInbox(node.engine.context)).toMatchObject({ done: 1, retrying: 0, failed: 0 });
    const applies = node.log.entries
      .filter((entry) => entry.kind === 'created' || entry.kind === 'applied')
      .map((entry) => /seq (\d+)/.exec(entry.message)?.[1]);
    expect(applies).toEqual(['1', '2', '3']);
    expect(node.inbox.items.size).toBe(0);
  });

  it('retries the whole item when a replaced replica fails for now, without applying twice', async () => {
    const node = jira();
    for (const seq of [1, 2, 3]) await receiveMessage(node.engine.context, await fromCase('500A', seq));
    node.entities.failNextApply(syncFailure('network', 'reset'));
    expect(await processInbox(node.engine.context)).toMatchObject({ done: 0, retrying: 1 });
    node.clock.advance(10_000);
    expect(await processInbox(node.engine.context)).toMatchObject({ done: 1, retrying: 0 });
    expect(node.entities.entities.size).toBe(1);
    const applies = node.log.entries
      .filter((entry) => entry.kind === 'created' || entry.kind === 'applied')
      .map((entry) => /seq (\d+)/.exec(entry.message)?.[1]);
    expect(applies).toEqual(['1', '2', '3']);
  });

  it('logs a replaced replica that fails for good and applies the newer one', async () => {
    const failing = fakeRulesEngine({
      incoming: (inputs) =>
        (inputs.replica as { seq?: number } | null)?.seq === 1
          ? { error: { code: 'type-error', message: 'bad', line: 1, column: 1 } }
          : { summary: 'ok' },
    });
    const node = jira({ platform: 'jira', type: 'issue', runRules: failing });
    for (const seq of [1, 2]) await receiveMessage(node.engine.context, await fromCase('500A', seq));
    expect(await processInbox(node.engine.context)).toMatchObject({ done: 1, failed: 0 });
    expect(node.log.entries.find((entry) => entry.kind === 'error')?.message).toMatch(
      /^Replica seq 1 of .*, replaced in the inbox by a newer one, could not be applied: The incoming rules failed/,
    );
    expect(node.entities.entities.size).toBe(1);
  });
});
