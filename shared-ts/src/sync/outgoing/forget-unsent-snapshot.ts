import type { Link } from '../model/link';
import type { QueueItem } from '../model/queue-item';

/**
 * The link without the snapshot of a replica that a newer one replaced in the outbox before it
 * was ever sent (`replaced` had no attempt and was never offered: in a batch, or by an outbox run
 * that records the offer before it sends); the link itself
 * when nothing was replaced so.
 *
 * Why: the remote can only acknowledge a seq it received, so such a snapshot can never be used,
 * while it takes one of the few places the link keeps. A burst of local edits while the
 * remote's reply is on its way (each coalesced into the one queued replica) used to push out
 * the snapshot of the seq that reply acknowledges; the reply then looked like a remote change
 * and overwrote every one of those edits (found by the convergence property tests with longer
 * scenarios). A replica that was tried may have arrived (its answer lost), so it is kept; so is
 * one the rendezvous offered in a batch: the puller may hold it, its ack still owed (forgetting
 * it made the puller's reply look like a remote change that undid the newer edit; found by the
 * convergence property on the rendezvous topology).
 * An outbox run records the offer before it sends, so a process that dies after a send went out
 * and before its outcome was recorded leaves an offered item, whose snapshot is kept. One case
 * still slips through where the offer is not recorded (Apex, `offerBeforeSend: false`): a
 * transaction that dies after its callout rolls back to an item never offered, whose snapshot an
 * edit can then forget, which is no worse than before (the eighth newer snapshot pushed it out
 * anyway).
 */
export function forgetUnsentSnapshot(link: Link, replaced: QueueItem | null, kept: QueueItem): Link {
  if (!replaced || replaced === kept || replaced.attempts > 0 || replaced.offers > 0) return link;
  if (replaced.message?.kind !== 'replica') return link;
  const seq = replaced.message.replica.seq;
  const unacked = link.outgoing.unacked.filter((snapshot) => snapshot.seq !== seq);
  if (unacked.length === link.outgoing.unacked.length) return link;
  return { ...link, outgoing: { ...link.outgoing, unacked } };
}
