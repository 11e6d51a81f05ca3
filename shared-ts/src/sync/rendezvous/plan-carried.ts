import type { BatchedMessage } from '../../protocol';
import { canonicalJson } from '../../util/canonical-json';
import type { QueueItem } from '../model/queue-item';
import type { SyncMessage } from '../model/sync-message';
import { carriedEnvelope, inSpokenFormat, type ReplicaDowngrade } from './carried-message';

/** An outbox item that has a message to carry. */
export type SendableItem = QueueItem & { message: SyncMessage };

/** What goes into one batch or push. */
export interface CarriedPlan {
  /** The items carried, oldest first, each with its envelope. */
  carried: { item: SendableItem; envelope: BatchedMessage }[];
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
 * Picks, oldest first, the items one batch or push carries: at most `limit`, and a body of at
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
  for (const item of items) {
    if (!isSendable(item)) continue;
    if (plan.carried.length >= options.limit) {
      plan.more = true;
      break;
    }
    const message = inSpokenFormat(item.message, options.replicaVersions, options.downgrade);
    if (!message) {
      plan.unspoken.push(item);
      continue;
    }
    const envelope = carriedEnvelope({ ...item, message }, options.sentAt);
    const bytes = encoder.encode(canonicalJson(envelope)).length;
    if (options.emptyBytes + bytes > options.maxBytes) {
      plan.oversize.push({ item, bytes });
      continue;
    }
    const added = bytes + (plan.carried.length > 0 ? 1 : 0);
    if (plan.bytes + added > options.maxBytes) {
      plan.more = true;
      break;
    }
    plan.carried.push({ item, envelope });
    plan.bytes += added;
  }
  return plan;
}

function isSendable(item: QueueItem): item is SendableItem {
  return item.message !== null;
}
