import { validateReplica } from '../../replica';
import type { ReplicaContent } from './build-outgoing-replica';
import { describeReplicaErrors } from '../../replica/describe-replica-errors';
import { syncFailure, type SyncFailure } from '../model/sync-failure';

/** A seq and a hash of the right form: the engine sets the real ones, the rules never do. */
const NUMBERING = { seq: 0, hash: '0'.repeat(64) } as const;

/**
 * Null when the content the outgoing rules built makes a valid Replica v2 (within the replica
 * limits, whatever seq and hash the engine gives it); otherwise a permanent `schema` failure
 * naming where it breaks the schema, so the mistake shows in this side's error list instead of
 * as a refusal from the other side. Checked before the content is hashed or stored, so a value
 * nested thousands of levels deep is refused here, not met by code that recurses.
 */
export function validateOutgoingReplica(content: ReplicaContent): SyncFailure | null {
  const result = validateReplica({ ...content, ...NUMBERING });
  if (result.ok) return null;
  return syncFailure(
    'schema',
    `The outgoing rules built an invalid replica (${describeReplicaErrors(result.error.errors)}); fix the outgoing rules, then retry.`,
  );
}
