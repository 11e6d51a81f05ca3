/**
 * Section 4.1 of docs/sync-semantics.md: the checks before anything is computed. A replica is
 * dropped when the pair is unlinked or its seq is not newer than the last applied, and fails when
 * the link no longer matches the local entity, the remote entity or the sender's target.
 */
import { describeRef } from '../model/entity-ref';
import type { Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import { sameEntity } from '../model/entity-ref';
import { syncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';
import type { IncomingDecision } from './plan-incoming-apply';

/** The drop or failure the guards of section 4.1 decide, in their order; null when the apply goes on. */
export function guardIncoming(
  link: Link | null,
  local: LocalEntity | null,
  message: ReplicaMessage,
): Exclude<IncomingDecision, { kind: 'apply' }> | null {
  const replica = message.replica;
  const remoteLabel = describeRef(replica.entity);
  if (link?.state === 'unlinked') {
    return {
      kind: 'drop',
      reason: 'unlinked',
      message: `Dropped replica seq ${replica.seq} of ${remoteLabel}: the pair is unlinked.`,
    };
  }
  if (link && replica.seq <= link.incoming.seq) {
    return {
      kind: 'drop',
      reason: 'stale',
      message: `Dropped replica seq ${replica.seq} of ${remoteLabel}: seq ${link.incoming.seq} is already applied.`,
    };
  }
  if (link && !local) {
    return {
      kind: 'fail',
      error: syncFailure(
        'local-missing',
        `${describeRef(link.local)} no longer exists; restore it, or unlink it from ${remoteLabel}.`,
      ),
    };
  }
  if (link?.remote && !sameEntity(link.remote, replica.entity)) {
    return {
      kind: 'fail',
      error: syncFailure(
        'link-mismatch',
        `${describeRef(link.local)} is linked to ${describeRef(link.remote)}, not to ${remoteLabel}; unlink one of them first.`,
      ),
    };
  }
  if (link && message.target && !sameEntity(link.local, message.target)) {
    return {
      kind: 'fail',
      error: syncFailure(
        'link-mismatch',
        `${remoteLabel} is linked here to ${describeRef(link.local)}, but its replica names ${describeRef(message.target)}; nothing was written to either. Unlink the pair on one side, then sync again.`,
      ),
    };
  }
  return null;
}
