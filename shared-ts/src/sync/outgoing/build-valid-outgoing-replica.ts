import type { ReplicaContent } from './build-outgoing-replica';
import { buildOutgoingReplica, type OutgoingBuildInput } from './build-outgoing-replica';
import { fitReplicaBudget, type ReplicaTrim } from './replica-budget';
import type { SyncFailure } from '../model/sync-failure';
import { validateOutgoingReplica } from './validate-outgoing-replica';

/** A valid outgoing replica within its budget, with what it left out to fit, or why there is none. */
export type ValidOutgoingBuild =
  { ok: true; content: ReplicaContent; trimmed: ReplicaTrim | null } | { ok: false; error: SyncFailure };

/**
 * The outgoing replica of an entity, built by its rules (`buildOutgoingReplica`) and checked to be
 * a valid replica within the replica limits before anything hashes, compares or stores it: what
 * the rules built invalid, nested thousands of levels deep included, is a permanent `schema`
 * failure for that entity, never a throw that would be retried as a transient one. A valid
 * replica over the size budget leaves out its oldest comments, then attachments
 * (`fitReplicaBudget`), and says so in `trimmed`.
 */
export function buildValidOutgoingReplica(input: OutgoingBuildInput): ValidOutgoingBuild {
  const built = buildOutgoingReplica(input);
  if (!built.ok) return built;
  const invalid = validateOutgoingReplica(built.content);
  return invalid ? { ok: false, error: invalid } : fitReplicaBudget(built.content);
}
