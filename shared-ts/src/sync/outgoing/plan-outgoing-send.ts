import type { JsonValue } from '../../replica';
import type { ReplicaContent } from './build-outgoing-replica';
import type { Link } from '../model/link';
import type { ReplicaMessage } from '../model/sync-message';
import { snapshotView } from '../model/snapshot-view';
import { stampsOf } from './stamp-fields';
import type { ConflictPolicy } from '../model/sync-policy';

/** How many unacknowledged snapshots a link keeps; older ones only weaken echo detection. */
export const MAX_UNACKED_SNAPSHOTS = 8;

/** Whether to send, and if so the message and the link that remembers it. */
export type OutgoingDecision = { kind: 'unchanged' } | { kind: 'send'; message: ReplicaMessage; link: Link };

/**
 * Decides an outgoing replica: nothing when its hash equals the last one sent; otherwise the
 * next per-entity seq, a message that tells the receiver its own entity and the last seq of
 * theirs we applied, this side's conflict policy, and a snapshot of the local fields (with the
 * `applied` it carries; only the fields in `snapshotKeys`, the top-level fields the incoming
 * rules write, when given; see `snapshotView`) for recognising the echo later. The link keeps the build's field stamps.
 */
export function planOutgoingSend(
  link: Link,
  content: ReplicaContent,
  hash: string,
  localView: Record<string, JsonValue>,
  policy: ConflictPolicy,
  snapshotKeys: ReadonlySet<string> | null = null,
): OutgoingDecision {
  if (hash === link.outgoing.lastSentHash) return { kind: 'unchanged' };
  const seq = link.outgoing.seq + 1;
  const fields = snapshotView(localView, snapshotKeys);
  const applied = link.incoming.seq;
  const unacked = [...link.outgoing.unacked, { seq, applied, view: fields }].slice(-MAX_UNACKED_SNAPSHOTS);
  return {
    kind: 'send',
    message: {
      kind: 'replica',
      replica: { ...content, seq, hash },
      target: link.remote,
      applied,
      policy,
    },
    link: {
      ...link,
      outgoing: { ...link.outgoing, seq, lastSentHash: hash, unacked, fields: stampsOf(content) },
    },
  };
}
