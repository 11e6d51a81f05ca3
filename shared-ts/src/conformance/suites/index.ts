/** Every vector set `npm run vectors` writes, by folder. */
import type { VectorSuite } from '../vector-suite';
import { batchWantsSuite } from './batch-wants';
import { canonicalJsonSuite } from './canonical-json';
import { carryMaybeReceivedSuite } from './carry-maybe-received';
import { coalesceQueueItemSuite } from './coalesce-queue-item';
import { forgetUnsentSnapshotSuite } from './forget-unsent-snapshot';
import { nextRetryDelaySuite } from './next-retry-delay';
import { planOutgoingAfterApplySuite } from './plan-outgoing-after-apply';
import { planOutgoingSendSuite } from './plan-outgoing-send';
import { recordAttemptFailureSuite } from './record-attempt-failure';
import { refreshPendingReplicaSuite } from './refresh-pending-replica';
import { replicaContentHashSuite } from './replica-content-hash';
import { resolveConflictSuite } from './resolve-conflict';
import { validateReplicaSuite } from './validate-replica';
import { verifyMessageSuite } from './verify-message';

/** The suites, each writing `shared-ts/conformance/<folder>/`. */
export const VECTOR_SUITES: readonly VectorSuite<never>[] = [
  planOutgoingSendSuite,
  planOutgoingAfterApplySuite,
  refreshPendingReplicaSuite,
  forgetUnsentSnapshotSuite,
  coalesceQueueItemSuite,
  carryMaybeReceivedSuite,
  nextRetryDelaySuite,
  recordAttemptFailureSuite,
  resolveConflictSuite,
  validateReplicaSuite,
  canonicalJsonSuite,
  replicaContentHashSuite,
  verifyMessageSuite,
  batchWantsSuite,
] as unknown as readonly VectorSuite<never>[];
