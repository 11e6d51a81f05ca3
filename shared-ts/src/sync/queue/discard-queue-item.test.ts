import { deliverOutbox } from '../outgoing/deliver-outbox';
import { discardQueueItem } from './discard-queue-item';
import { syncFailure } from '../model/sync-failure';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { createTestNode, seedEntity } from '../testing/test-node';

describe('discardQueueItem', () => {
  it('removes an errored item and logs that an admin discarded it', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const ref = seedEntity(node, '500A', { title: 'x' });
    await syncLocalChange(node.engine.context, ref);
    node.transport.answers.push({
      ok: false,
      error: syncFailure('http', 'HTTP 413: too large', { status: 413 }),
    });
    await deliverOutbox(node.engine.context);
    expect(await discardQueueItem(node.engine.context, 'outbox', 'conn-1:Case:500A')).toEqual({
      kind: 'discarded',
    });
    expect(node.outbox.items.size).toBe(0);
    expect(node.log.entries.at(-1)).toMatchObject({
      kind: 'discarded',
      message: 'An admin discarded the failed send of salesforce Case 500A: HTTP 413: too large',
    });
  });

  it('does not discard an item that is still pending', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const ref = seedEntity(node, '500A', { title: 'x' });
    await syncLocalChange(node.engine.context, ref);
    expect(await discardQueueItem(node.engine.context, 'outbox', 'conn-1:Case:500A')).toEqual({
      kind: 'not-found',
    });
    expect(node.outbox.items.size).toBe(1);
  });
});
