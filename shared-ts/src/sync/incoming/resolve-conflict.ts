import type { EntityRef } from '../../replica';
import { parseUtcTimestamp } from '../../util/utc-timestamp';
import type { ConflictPolicy } from '../model/sync-policy';

/** What `resolveConflict` weighs. */
export interface ConflictFacts {
  policy: ConflictPolicy;
  /** `replica.updated`: when the remote entity last changed. */
  remoteUpdated: string | null;
  /** When a person last changed the local entity. */
  localModifiedAt: string | null;
  remote: EntityRef;
  local: EntityRef;
}

/**
 * Which side's value a conflict keeps. `newest-wins` compares the two instants; when they are
 * equal or one is unknown, the entity whose `platform:type:id` sorts first (UTF-16 code unit
 * order) wins, so that both sides of a connection settle the same tie the same way. A time is
 * known only in the replica's format (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`, a day that exists, read
 * to the millisecond); any other text, an offset included, is unknown, so every runtime reads it
 * alike.
 */
export function resolveConflict(facts: ConflictFacts): 'local' | 'remote' {
  if (facts.policy === 'remote-wins') return 'remote';
  if (facts.policy === 'local-wins') return 'local';
  const remoteTime = instant(facts.remoteUpdated);
  const localTime = instant(facts.localModifiedAt);
  if (remoteTime !== null && localTime !== null && remoteTime !== localTime) {
    return remoteTime > localTime ? 'remote' : 'local';
  }
  return refOrder(facts.remote) < refOrder(facts.local) ? 'remote' : 'local';
}

/** The policy a conflict is settled by, and why it is not this side's own when it is not. */
export interface EffectiveConflictPolicy {
  policy: ConflictPolicy;
  /** Set only when the policy fell back: `both sides are remote-wins` (or `local-wins`). */
  reason?: string;
}

/**
 * The policy that settles a conflict, given this side's policy and the one the sender stamped on
 * its replica message (undefined when the message did not say: an older sender). When both sides
 * are `remote-wins`, or both `local-wins`, the pair has no agreed winner (each side would take the
 * other's value, or each keep its own), so the conflict is settled by `newest-wins`, which both
 * sides compute alike. Every other pairing keeps this side's policy.
 */
export function effectiveConflictPolicy(
  own: ConflictPolicy,
  sender: ConflictPolicy | undefined,
): EffectiveConflictPolicy {
  if (sender === own && (own === 'remote-wins' || own === 'local-wins')) {
    return { policy: 'newest-wins', reason: `both sides are ${own}` };
  }
  return { policy: own };
}

function instant(iso: string | null): number | null {
  if (iso === null) return null;
  return parseUtcTimestamp(iso);
}

function refOrder(ref: EntityRef): string {
  return `${ref.platform}:${ref.type}:${ref.id}`;
}
