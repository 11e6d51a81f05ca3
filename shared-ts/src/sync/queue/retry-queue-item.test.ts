import { deliverOutbox } from '../outgoing/deliver-outbox';
import { retryQueueItem } from './retry-queue-item';
import { syncFailure } from '../model/sync-failure';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { fakeRulesEngine } from '../testing/fake-rules-engine';
import { createTestNode, mirrorRules, seedEntity } from '../testing/test-node';

describe('retryQueueItem', () => {
  it('makes an errored item due at once with a fresh attempt count', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const ref = seedEntity(node, '500A', { title: 'x' });
    await syncLocalChange(node.engine.context, ref);
    node.transport.answers.push({ ok: false, error: syncFailure('http', 'HTTP 403', { status: 403 }) });
    await deliverOutbox(node.engine.context);
    node.clock.advance(60_000);
    expect(await retryQueueItem(node.engine.context, 'outbox', 'conn-1:Case:500A')).toEqual({
      kind: 'retrying',
    });
    expect(await node.outbox.get('conn-1:Case:500A')).toMatchObject({
      state: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: '2026-11-20T10:01:00.000Z',
    });
    expect(await deliverOutbox(node.engine.context)).toMatchObject({ done: 1 });
  });

  it('rebuilds an outgoing replica that failed in the rules, from the entity as it is now', async () => {
    let broken = true;
    const rules = fakeRulesEngine({
      outgoing: (inputs) => {
        if (broken) return { error: { code: 'type-error', message: 'bad', line: 1, column: 1 } };
        const result = mirrorRules('', 'salesforce', 'outgoing', inputs);
        return result.ok ? result.output : {};
      },
    });
    const node = createTestNode({ platform: 'salesforce', type: 'Case', runRules: rules });
    const ref = seedEntity(node, '500A', { title: 'fixed later' });
    await syncLocalChange(node.engine.context, ref);
    broken = false;
    await retryQueueItem(node.engine.context, 'outbox', 'conn-1:Case:500A');
    expect(await node.outbox.get('conn-1:Case:500A')).toMatchObject({
      state: 'pending',
      message: { replica: { summary: 'fixed later' } },
    });
  });

  it('finds nothing to retry for an item that is not in the error list', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    expect(await retryQueueItem(node.engine.context, 'inbox', 'conn-1:Case:nope')).toEqual({
      kind: 'not-found',
    });
  });
});
