import type { QueueItem } from './queue-item';
import type { ReplicaMessage } from './sync-message';

/**
 * Most replicas an inbox item keeps besides its own (`QueueItem.replaced`): as many as the
 * sender keeps snapshots of unacknowledged replicas (8 in all), past which the sender no longer
 * tells how the remote judges its oldest ones either.
 */
export const MAX_REPLACED_REPLICAS = 7;

/**
 * The inbox item to store when `incoming` arrived while `existing` waited, given `kept`, the item
 * `coalesceQueueItem` chose: the replicas of the entity that reached the inbox and were not
 * applied, other than the kept item's own, go with it in `replaced` (oldest seq first, one per
 * seq, at most `MAX_REPLACED_REPLICAS`, the newest kept), so that `processInbox` applies each in
 * turn before the kept one.
 *
 * Why: the sender judges each of its replicas that reached us as the one we will judge against
 * the one before (docs/sync-semantics.md, section 4.3). When the inbox kept only the newest, a
 * value the sender changed and changed back (New, then Closed again) looked unchanged here while
 * the sender counted its New as seen: the pair ended apart for good (found by the forced long
 * scenarios from seed 7). An item in the error list carries nothing on (its replica failed for
 * good; the sender's newer one replaces it, as before), nor does an unlink, which ends the pair.
 */
export function carryReplacedReplicas(
  existing: QueueItem | null,
  incoming: QueueItem,
  kept: QueueItem,
): QueueItem {
  if (!existing || existing.state === 'error' || kept.message?.kind !== 'replica') return kept;
  const keptSeq = kept.message.replica.seq;
  const candidates: ReplicaMessage[] = [...(existing.replaced ?? [])];
  for (const item of [existing, incoming]) {
    if (item.message?.kind === 'replica') candidates.push(item.message);
  }
  const bySeq = new Map<number, ReplicaMessage>();
  for (const message of candidates) {
    const seq = message.replica.seq;
    if (seq < keptSeq && !bySeq.has(seq)) bySeq.set(seq, message);
  }
  const replaced = [...bySeq.values()]
    .sort((a, b) => a.replica.seq - b.replica.seq)
    .slice(-MAX_REPLACED_REPLICAS);
  const same =
    replaced.length === (kept.replaced?.length ?? 0) &&
    replaced.every((message, index) => kept.replaced?.[index]?.replica.seq === message.replica.seq);
  if (same) return kept;
  if (replaced.length === 0) {
    const rest = { ...kept };
    delete rest.replaced;
    return rest;
  }
  return { ...kept, replaced };
}

/**
 * The outbox item to store when `kept` (the item `coalesceQueueItem` chose) replaced `existing`:
 * when `existing` may have reached the remote (it was tried or offered, and is not in the error
 * list) its replica goes with `kept` in `replaced`, with those it carried itself (oldest seq
 * first, at most `MAX_REPLACED_REPLICAS`, as `carryReplacedReplicas`), and every send of `kept`
 * carries them before it (`replacedMessageId`); the replicas an item never sent carried are kept.
 *
 * Why: the planner counts every replica of ours up to `outgoing.delivered` as judged by the
 * remote (docs/sync-semantics.md, section 4.3). A replica whose send was lost, then replaced here
 * by a newer one that was delivered, used to count as judged while the remote had only the newer
 * one: a value changed and changed back (Medium -> High -> Medium) against the remote's own
 * change to High left the pair apart for good (case 1 of section 9, the hand-made counterexample
 * in `harness/lost-then-replaced.test.ts`). Sent again before the newer one, the possibly lost
 * replica reaches the remote's inbox whenever the newer one does (a copy it had applied is
 * dropped there as not newer), so "delivered" holds for every seq up to the newer one.
 */
export function carryMaybeReceived(existing: QueueItem | null, kept: QueueItem): QueueItem {
  if (!existing || existing === kept || existing.id === kept.id) return kept;
  const maybeReceived = existing.attempts > 0 || existing.offers > 0;
  return carryReplacedReplicas(maybeReceived ? existing : { ...existing, message: null }, kept, kept);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The message id the `index`-th replica an outbox item carries in `replaced` travels under: the
 * item's own id with its last character moved on by `index + 1` in Crockford base32, so each is
 * a ULID, distinct from the item's and from the others (`index` below 31). No ack of one settles
 * anything: no queue item has it.
 */
export function replacedMessageId(messageId: string, index: number): string {
  const at = CROCKFORD.indexOf(messageId.slice(-1).toUpperCase());
  return `${messageId.slice(0, -1)}${CROCKFORD[(Math.max(0, at) + 1 + index) % CROCKFORD.length] ?? '0'}`;
}

/** The messages one send of `item` carries, in order: the replicas it carries in `replaced`, then its own. */
export function messagesOfSend(item: QueueItem): QueueItem[] {
  const sends: QueueItem[] = [];
  for (const [index, message] of (item.replaced ?? []).entries()) {
    const copy: QueueItem = { ...item, message, messageId: replacedMessageId(item.messageId, index) };
    delete copy.replaced;
    sends.push(copy);
  }
  sends.push(item);
  return sends;
}
