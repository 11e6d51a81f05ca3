/** Vectors of `recordAttemptFailure`: a queue item after a failed attempt, retried or set aside. */
import type { JsonValue } from '../../replica';
import type { QueueItem } from '../../sync/model/queue-item';
import { recordAttemptFailure } from '../../sync/queue/record-attempt-failure';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../sync/queue/retry-policy';
import type { SyncFailure } from '../../sync/model/sync-failure';
import type { VectorSuite } from '../vector-suite';
import { itemOf, replicaMessageOf } from './sync-fixtures';

/** The input of one vector: the arguments, the random source as the one number it returns. */
export interface AttemptFailureInput {
  item: QueueItem;
  failure: SyncFailure;
  policy: RetryPolicy;
  nowMs: number;
  random: number;
}

const NOW_MS = Date.UTC(2026, 10, 20, 10, 0, 0);

function input(failure: SyncFailure, attempts = 0, random = 0.5): AttemptFailureInput {
  return {
    item: itemOf(replicaMessageOf(4, 'hash-4'), { attempts }),
    failure,
    policy: DEFAULT_RETRY_POLICY,
    nowMs: NOW_MS,
    random,
  };
}

const network: SyncFailure = { code: 'network', message: 'connection reset' };

/** The record-attempt-failure vector set. */
export const recordAttemptFailureSuite: VectorSuite<AttemptFailureInput> = {
  folder: 'record-attempt-failure',
  run: (i) =>
    recordAttemptFailure(i.item, i.failure, i.policy, i.nowMs, () => i.random) as unknown as JsonValue,
  cases: [
    {
      name: 'network-failure-is-retried',
      description: 'A network failure on the first attempt is due again after the jittered wait.',
      input: input(network),
    },
    {
      name: 'timeout-is-retried',
      description: 'A timeout is transient.',
      input: input({ code: 'timeout', message: 'no answer in 10 s' }, 2),
    },
    {
      name: 'unavailable-is-retried',
      description: 'An unavailable peer is transient.',
      input: input({ code: 'unavailable', message: 'the site is in maintenance' }, 1),
    },
    {
      name: 'conflict-is-retried',
      description: 'A lost compare-and-set is transient.',
      input: input({ code: 'conflict', message: 'the link changed while applying' }),
    },
    {
      name: 'unexpected-is-retried',
      description: 'An unexpected failure is transient.',
      input: input({ code: 'unexpected', message: 'boom' }),
    },
    {
      name: 'http-429-is-retried-after-retry-after',
      description: 'HTTP 429 is transient, and waits at least its Retry-After.',
      input: input({ code: 'http', message: 'too many requests', status: 429, retryAfterSeconds: 60 }),
    },
    {
      name: 'http-408-is-retried',
      description: 'HTTP 408 is transient.',
      input: input({ code: 'http', message: 'request timeout', status: 408 }),
    },
    {
      name: 'http-503-is-retried',
      description: 'HTTP 5xx is transient.',
      input: input({ code: 'http', message: 'service unavailable', status: 503 }),
    },
    {
      name: 'http-400-goes-to-the-error-list',
      description: 'HTTP 4xx other than 408 and 429 is permanent.',
      input: input({ code: 'http', message: 'bad request', status: 400 }),
    },
    {
      name: 'http-without-status-goes-to-the-error-list',
      description: 'An HTTP failure without a status is permanent.',
      input: input({ code: 'http', message: 'no status' }),
    },
    {
      name: 'rejected-goes-to-the-error-list',
      description: 'A rejection by the peer is permanent.',
      input: input({ code: 'rejected', message: 'signature-invalid' }),
    },
    {
      name: 'rule-error-goes-to-the-error-list',
      description: 'A rule error is permanent.',
      input: input({ code: 'rule-error', message: 'replica.summary is not a text' }),
    },
    {
      name: 'last-attempt-gives-up',
      description: 'A transient failure on the eighth attempt gives up, saying so in the message.',
      input: input(network, 7),
    },
    {
      name: 'second-to-last-attempt-is-retried',
      description: 'A transient failure on the seventh attempt is still retried.',
      input: input(network, 6, 0.999),
    },
  ],
};
