import { createLink } from '../links/create-link';
import { describeLinkStatus } from './describe-link-status';
import type { QueueItem } from '../model/queue-item';
import { syncFailure } from '../model/sync-failure';
import { JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

const link = { ...createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE), lastSyncAt: '2026-11-20T09:00:00.000Z' };

const item: QueueItem = {
  format: 2,
  id: 'q1',
  key: 'conn-1:Case:500A',
  connectionId: 'conn-1',
  entity: SALESFORCE_CASE,
  message: { kind: 'replica', replica: replicaOf(), target: null, applied: 0 },
  messageId: '01M7W6C3800000000000000001',
  offers: 0,
  lastOfferedAt: null,
  queuedAt: '2026-11-20T10:00:00.000Z',
  attempts: 0,
  nextAttemptAt: '2026-11-20T10:00:00.000Z',
  state: 'pending',
  lastError: null,
  version: 0,
};

describe('describeLinkStatus', () => {
  it('says not-linked for an entity without a link', () => {
    expect(describeLinkStatus(null, null, null)).toEqual({
      state: 'not-linked',
      message: null,
      lastSyncAt: null,
      remote: null,
    });
  });

  it('says synced, with the last sync time and the remote entity, when nothing waits', () => {
    expect(describeLinkStatus(link, null, null)).toEqual({
      state: 'synced',
      message: null,
      lastSyncAt: '2026-11-20T09:00:00.000Z',
      remote: JIRA_ISSUE,
    });
  });

  it('says pending while a replica waits to be sent or applied', () => {
    expect(describeLinkStatus(link, item, null)).toMatchObject({
      state: 'pending',
      message: 'Waiting to send.',
    });
    expect(describeLinkStatus(link, null, item)).toMatchObject({
      state: 'pending',
      message: 'Waiting to apply.',
    });
  });

  it('says when the rendezvous offered the waiting replica and waits for the puller to acknowledge it', () => {
    expect(
      describeLinkStatus(link, { ...item, offers: 2, lastOfferedAt: '2026-11-20T10:02:00.000Z' }, null),
    ).toMatchObject({
      state: 'pending',
      message:
        'Offered to the other side 2 times, last at 2026-11-20T10:02:00.000Z; waiting for its acknowledgement.',
    });
  });

  it('says when a pending item will be retried and why the last attempt failed', () => {
    const retrying = {
      ...item,
      attempts: 2,
      nextAttemptAt: '2026-11-20T10:01:00.000Z',
      lastError: syncFailure('http', 'HTTP 503'),
    };
    expect(describeLinkStatus(link, retrying, null).message).toBe(
      'Retrying to send at 2026-11-20T10:01:00.000Z (attempt 2 failed: HTTP 503).',
    );
  });

  it('says error with the message when an item is in the error list, ahead of anything pending', () => {
    const failed = {
      ...item,
      state: 'error' as const,
      lastError: syncFailure('rule-error', 'The incoming rules failed'),
    };
    expect(describeLinkStatus(link, item, failed)).toMatchObject({
      state: 'error',
      message: 'Could not apply: The incoming rules failed',
    });
  });

  it('says unlinked for an unlinked pair', () => {
    expect(describeLinkStatus({ ...link, state: 'unlinked' }, item, null).state).toBe('unlinked');
  });
});
