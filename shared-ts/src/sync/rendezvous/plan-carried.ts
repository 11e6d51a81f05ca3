import type { BatchedMessage } from '../../protocol';
import { canonicalJson } from '../../util/canonical-json';
import { messagesOfSend } from '../outgoing/carry-maybe-received';
import type { QueueItem } from '../model/queue-item';
import type { SyncMessage } from '../model/sync-message';
import { carriedEnvelope, inSpokenFormat, type ReplicaDowngrade } from './carried-message';

/** An outbox item that has a message to carry. */
export type SendableItem = QueueItem & { message: SyncMessage };

/** What goes into one batch or push. */
export interface CarriedPlan {
  /**
   * The items carried, oldest first, each with its envelope and, before it, the envelopes of the
   * replicas it carries in `replaced` (`messagesOfSend`): they travel together or not at all.
   */
  carried: { item: SendableItem; envelope: BatchedMessage; leading: BatchedMessage[] }[];
  /** Items too large to travel even alone under the budget: the caller books them as failures. */
  oversize: { item: SendableItem; bytes: number }[];
  /** Replicas in a format the peer does not read and that cannot be downgraded: failures too. */
  unspoken: SendableItem[];
  /** Whether items were left for a later batch or push (by the count or by the byte budget). */
  more: boolean;
  /** The UTF-8 bytes the body will take, the carrier's own envelope included. */
  bytes: number;
}

/**
 * Picks, oldest first, the items one batch or push carries: at most `limit` messages (an item's
 * carried `replaced` replicas count, and go just before it), and a body of at
 * most `maxBytes` UTF-8 bytes, counting `emptyBytes` (the carrier serialised with no messages) and
 * a comma between messages, as canonical JSON writes them. An item that would not fit even alone
 * is set aside as `oversize` (it would otherwise block the queue for ever); the first other item
 * that does not fit ends the plan with `more`. A replica travels in a format the peer reads
 * (`replicaVersions`, as agreed at pairing; downgraded when needed): one that cannot be is set
 * aside as `unspoken`. Linear in the items' size.
 */
export function planCarried(
  items: readonly QueueItem[],
  options: {
    limit: number;
    maxBytes: number;
    emptyBytes: number;
    sentAt: number;
    replicaVersions: readonly number[];
    downgrade?: ReplicaDowngrade;
  },
): CarriedPlan {
  const plan: CarriedPlan = {
    carried: [],
    oversize: [],
    unspoken: [],
    more: false,
    bytes: options.emptyBytes,
  };
  const encoder = new TextEncoder();
  let count = 0;
  for (const item of items) {
    if (!isSendable(item)) continue;
    const message = inSpokenFormat(item.message, options.replicaVersions, options.downgrade);
    if (!message) {
      plan.unspoken.push(item);
      continue;
    }
    const envelope = carriedEnvelope({ ...item, message }, options.sentAt);
    const leading: BatchedMessage[] = [];
    for (const send of messagesOfSend(item).slice(0, -1)) {
      const earlier =
        send.message && inSpokenFormat(send.message, options.replicaVersions, options.downgrade);
      if (earlier) leading.push(carriedEnvelope({ ...send, message: earlier }, options.sentAt));
    }
    if (count + leading.length + 1 > options.limit) {
      if (count === 0 && leading.length + 1 > options.limit)
        leading.splice(0, leading.length + 1 - options.limit);
      else {
        plan.more = true;
        break;
      }
    }
    let bytes = 0;
    for (const part of [...leading, envelope]) bytes += encoder.encode(canonicalJson(part)).length;
    bytes += leading.length;
    if (options.emptyBytes + bytes > options.maxBytes) {
      plan.oversize.push({ item, bytes });
      continue;
    }
    const added = bytes + (plan.carried.length > 0 ? 1 : 0);
    if (plan.bytes + added > options.maxBytes) {
      plan.more = true;
      break;
    }
    plan.carried.push({ item, envelope, leading });
    plan.bytes += added;
    count += leading.length + 1;
  }
  return plan;
}

function isSendable(item: QueueItem): item is SendableItem {
  return item.message !== null;
}
