/**
 * The outbox's side of "every replica the remote may hold is judged": a replica replaced after it
 * was tried or offered rides in the newer item's `replaced`, and every send carries it first.
 * docs/sync-semantics.md, section 6 and case 1 of section 9.
 */
import { carryReplacedReplicas } from '../incoming/carry-replaced-replicas';
import type { QueueItem } from '../model/queue-item';

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

/** Where a ULID's 80 random bits begin: the 10 characters before them are its time. */
const FIRST_RANDOM_CHARACTER = 10;

/**
 * The message id the `index`-th replica an outbox item carries in `replaced` travels under: the
 * item's own id with its first random character moved on by `index + 1` in Crockford base32, so
 * each is a ULID, distinct from the item's and from the others (`index` below 31). No ack of one
 * settles anything: no queue item has it.
 *
 * Not the last character: the message id generator is monotonic, so two items made in one
 * millisecond differ by one in their last character, and the carried copy of the first would
 * take the second's id (its message then refused as a replay, its ack settling the wrong item).
 * Another id equal to this one would need the same millisecond and all 75 lower random bits.
 */
export function replacedMessageId(messageId: string, index: number): string {
  const at = CROCKFORD.indexOf(messageId.charAt(FIRST_RANDOM_CHARACTER).toUpperCase());
  const moved = CROCKFORD[(Math.max(0, at) + 1 + index) % CROCKFORD.length] ?? '0';
  return `${messageId.slice(0, FIRST_RANDOM_CHARACTER)}${moved}${messageId.slice(FIRST_RANDOM_CHARACTER + 1)}`;
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
