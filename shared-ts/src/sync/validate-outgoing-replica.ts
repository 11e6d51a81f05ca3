import { validateReplica, type Replica } from '../replica';
import { syncFailure, type SyncFailure } from './sync-failure';

/** How many schema errors a failure message lists. */
const LISTED = 3;

/**
 * Null when the replica the outgoing rules built is a valid Replica v1; otherwise a `schema`
 * failure naming where it breaks the schema, so the mistake shows in this side's error list
 * instead of as a refusal from the other side.
 */
export function validateOutgoingReplica(replica: Replica): SyncFailure | null {
  const result = validateReplica(replica);
  if (result.ok) return null;
  const listed = result.errors
    .slice(0, LISTED)
    .map((error) => `${error.path || '/'}: ${error.message}`)
    .join('; ');
  const more = result.errors.length > LISTED ? `; and ${result.errors.length - LISTED} more` : '';
  return syncFailure(
    'schema',
    `The outgoing rules built an invalid replica (${listed}${more}); fix the outgoing rules, then retry.`,
  );
}
