import { newQueueItem } from './new-queue-item';
import { syncFailure } from '../model/sync-failure';
import { SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode } from '../testing/test-node';

describe('newQueueItem', () => {
  const node = createTestNode({ platform: 'salesforce', type: 'Case' });
  const unlink = { kind: 'unlink' as const, entity: SALESFORCE_CASE, target: null, reason: null };

  it('makes a pending item keyed by connection and entity, due now, never stored (version 0)', () => {
    expect(newQueueItem(node.engine.context, SALESFORCE_CASE, unlink)).toEqual({
      format: 2,
      id: 'salesforce-q1',
      key: 'conn-1:Case:500A',
      connectionId: 'conn-1',
      entity: SALESFORCE_CASE,
      message: unlink,
      messageId: expect.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/) as unknown,
      offers: 0,
      lastOfferedAt: null,
      queuedAt: '2026-11-20T10:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-11-20T10:00:00.000Z',
      state: 'pending',
      lastError: null,
      version: 0,
    });
  });

  it('gives each item its own message id, a ULID, so an ack maps back to the content it carried', () => {
    const first = newQueueItem(node.engine.context, SALESFORCE_CASE, unlink);
    const second = newQueueItem(node.engine.context, SALESFORCE_CASE, unlink);
    expect(second.messageId).not.toBe(first.messageId);
    expect(second.messageId > first.messageId).toBe(true);
  });

  it('makes an error-list item when given a failure', () => {
    const failure = syncFailure('rule-error', 'bad rules');
    expect(newQueueItem(node.engine.context, SALESFORCE_CASE, null, failure)).toMatchObject({
      state: 'error',
      lastError: failure,
    });
  });
});
