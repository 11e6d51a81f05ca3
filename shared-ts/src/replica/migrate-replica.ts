/**
 * Moving a replica between format versions. v2 differs from v1 only by `fieldTimes`, which the
 * content hash leaves out, so both directions keep `seq` and `hash` as they are.
 */
import type { Replica } from './types';

/**
 * The replica as v2: a v1 replica (an older sender's, a stored `previous`, a queued message) gets
 * empty `fieldTimes`, every field's time unknown; a v2 replica is returned as it is.
 */
export function migrateReplica(replica: Replica): Replica {
  if (replica.schema === 2) return replica;
  return { ...replica, schema: 2, fieldTimes: {} };
}

/**
 * The replica as v1, for a peer that speaks only replica 1 (its `hello` said so, or said
 * nothing): `fieldTimes` left out, `schema` 1. The hash stays right, since it never covered the
 * times. A v1 replica is returned as it is.
 */
export function downgradeReplica(replica: Replica): Replica {
  if (replica.schema === 1) return replica;
  const { fieldTimes: _times, ...rest } = replica;
  return { ...rest, schema: 1 };
}
