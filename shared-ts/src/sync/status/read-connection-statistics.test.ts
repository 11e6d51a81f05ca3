import { newQueueItem } from '../queue/new-queue-item';
import { readConnectionStatistics } from './read-connection-statistics';
import { syncFailure } from '../model/sync-failure';
import { JIRA_ISSUE, SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode } from '../testing/test-node';

describe('readConnectionStatistics', () => {
  it('adds both queues to the depth and the error count', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    await node.outbox.put(newQueueItem(node.engine.context, SALESFORCE_CASE, null));
    await node.inbox.put(newQueueItem(node.engine.context, JIRA_ISSUE, null));
    await node.inbox.put(
      newQueueItem(node.engine.context, { ...JIRA_ISSUE, id: '10002' }, null, syncFailure('schema', 'bad')),
    );
    expect(await readConnectionStatistics(node.engine.context)).toMatchObject({ queueDepth: 2, errors: 1 });
  });
});
