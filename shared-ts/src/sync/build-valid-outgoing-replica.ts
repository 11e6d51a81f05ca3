import { buildOutgoingReplica, type OutgoingBuild, type OutgoingBuildInput } from './build-outgoing-replica';
import { validateOutgoingReplica } from './validate-outgoing-replica';

/**
 * The outgoing replica of an entity, built by its rules (`buildOutgoingReplica`) and checked to be
 * a valid replica within the replica limits before anything hashes, compares or stores it: what
 * the rules built invalid, nested thousands of levels deep included, is a permanent `schema`
 * failure for that entity, never a throw that would be retried as a transient one.
 */
export function buildValidOutgoingReplica(input: OutgoingBuildInput): OutgoingBuild {
  const built = buildOutgoingReplica(input);
  if (!built.ok) return built;
  const invalid = validateOutgoingReplica(built.content);
  return invalid ? { ok: false, failure: invalid } : built;
}
