import { listSyncErrors } from './list-sync-errors';
import { newQueueItem } from '../queue/new-queue-item';
import { syncFailure } from '../model/sync-failure';
import { JIRA_ISSUE, SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode } from '../testing/test-node';

describe('listSyncErrors', () => {
  it('lists failed sends then failed applies, each with its queue', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const failure = syncFailure('rejected', 'Validation rule');
    await node.inbox.put(newQueueItem(node.engine.context, JIRA_ISSUE, null, failure));
    await node.outbox.put(newQueueItem(node.engine.context, SALESFORCE_CASE, null, failure));
    await node.outbox.put(newQueueItem(node.engine.context, { ...SALESFORCE_CASE, id: '500B' }, null));
    const errors = await listSyncErrors(node.engine.context);
    expect(errors.map((error) => [error.queue, error.item.key])).toEqual([
      ['outbox', 'conn-1:Case:500A'],
      ['inbox', 'conn-1:issue:10001'],
    ]);
  });
});
