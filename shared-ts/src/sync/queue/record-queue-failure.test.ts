import { newQueueItem } from './new-queue-item';
import type { QueueRunSummary } from './queue-run-summary';
import { recordQueueFailure } from './record-queue-failure';
import { syncFailure } from '../model/sync-failure';
import { createTestNode } from '../testing/test-node';

const retry = { baseMs: 1_000, capMs: 10_000, maxAttempts: 2 };
const remote = { platform: 'jira', type: 'issue', id: '10001' };

function emptySummary(): QueueRunSummary {
  return { done: 0, retrying: 0, failed: 0, remaining: 0 };
}

describe('recordQueueFailure', () => {
  it('schedules a retry for a transient failure and logs it in the words of its queue', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    const item = newQueueItem(node.engine.context, remote, null);
    await node.inbox.put(item);
    const summary = emptySummary();
    await recordQueueFailure(
      node.engine.context,
      'inbox',
      item,
      syncFailure('http', 'HTTP 503', { status: 503 }),
      summary,
    );
    expect(summary).toEqual({ done: 0, retrying: 1, failed: 0, remaining: 0 });
    expect(await node.inbox.get(item.key)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(node.log.entries.at(-1)).toMatchObject({ kind: 'retry-scheduled', remote });
    expect(node.log.entries.at(-1)?.message).toMatch(/^Will retry applying jira issue 10001 at /);
  });

  it('moves a permanent failure to the error list, logs and counts it', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    const local = { platform: 'salesforce', type: 'Case', id: '500A' };
    const item = newQueueItem(node.engine.context, local, null);
    await node.outbox.put(item);
    const summary = emptySummary();
    await recordQueueFailure(
      node.engine.context,
      'outbox',
      item,
      syncFailure('http', 'HTTP 400', { status: 400 }),
      summary,
    );
    expect(summary).toEqual({ done: 0, retrying: 0, failed: 1, remaining: 0 });
    expect(await node.outbox.get(item.key)).toMatchObject({ state: 'error' });
    expect(node.log.entries.at(-1)).toMatchObject({ kind: 'error', local, details: { code: 'http' } });
    expect(await node.engine.statistics()).toMatchObject({ errors: 1 });
  });

  it('leaves a newer item that replaced the failed one untouched', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case', retry });
    const failed = newQueueItem(node.engine.context, remote, null);
    const newer = { ...failed, id: `${failed.id}-newer` };
    await node.inbox.put(newer);
    await recordQueueFailure(
      node.engine.context,
      'inbox',
      failed,
      syncFailure('http', 'HTTP 503', { status: 503 }),
      emptySummary(),
    );
    expect(await node.inbox.get(failed.key)).toEqual({ ...newer, version: 1 });
  });
});
