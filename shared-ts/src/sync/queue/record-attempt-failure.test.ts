import { recordAttemptFailure } from './record-attempt-failure';
import type { QueueItem } from '../model/queue-item';
import { syncFailure } from '../model/sync-failure';
import { replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

const NOW = Date.parse('2026-11-20T10:00:00.000Z');
const policy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 3 };
const half = () => 0.5;

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
  queuedAt: '2026-11-20T09:59:00.000Z',
  attempts: 0,
  nextAttemptAt: '2026-11-20T09:59:00.000Z',
  state: 'pending',
  lastError: null,
  version: 0,
};

describe('recordAttemptFailure', () => {
  it('schedules a transient failure for retry after the jittered backoff', () => {
    const failure = syncFailure('http', 'Bad gateway', { status: 502 });
    expect(recordAttemptFailure(item, failure, policy, NOW, half)).toEqual({
      ...item,
      attempts: 1,
      state: 'pending',
      nextAttemptAt: '2026-11-20T10:00:00.500Z',
      lastError: failure,
    });
  });

  it('honours Retry-After on a 429', () => {
    const failure = syncFailure('http', 'Too many requests', { status: 429, retryAfterSeconds: 30 });
    expect(recordAttemptFailure(item, failure, policy, NOW, half).nextAttemptAt).toBe(
      '2026-11-20T10:00:30.000Z',
    );
  });

  it('puts a permanent failure straight into the error list', () => {
    const failure = syncFailure('http', 'Forbidden', { status: 403 });
    expect(recordAttemptFailure(item, failure, policy, NOW, half)).toMatchObject({
      state: 'error',
      attempts: 1,
      lastError: failure,
    });
  });

  it('puts the item into the error list after the last attempt, saying how many were made', () => {
    const failure = syncFailure('network', 'Connection reset');
    const third = recordAttemptFailure({ ...item, attempts: 2 }, failure, policy, NOW, half);
    expect(third).toMatchObject({
      state: 'error',
      attempts: 3,
      lastError: { code: 'network', message: 'Gave up after 3 attempts: Connection reset' },
    });
  });
});
