import type { EntityRef } from '../../replica';
import type { Link } from '../model/link';
import { describeTrim } from '../outgoing/replica-budget';
import type { QueueItem } from '../model/queue-item';

/** The state a panel shows for one entity. */
export type LinkStatusState = 'not-linked' | 'synced' | 'pending' | 'error' | 'unlinked';

/** What the issue panel and the Case panel show. */
export interface LinkStatus {
  state: LinkStatusState;
  /**
   * What is going on, for `pending` and `error`; for `synced`, what the replica left out to fit
   * its budget ("Sent the last 40 of 112 comments ..."), else null.
   */
  message: string | null;
  lastSyncAt: string | null;
  remote: EntityRef | null;
}

/**
 * The status of a pair from its link and its queue items (ours in the outbox, the remote
 * entity's in the inbox): an error in either wins, then anything pending, else synced. `note`
 * (what the pair's attachments do, when they do not travel) is added to a pending or synced message.
 */
export function describeLinkStatus(
  link: Link | null,
  outboxItem: QueueItem | null,
  inboxItem: QueueItem | null,
  note: string | null = null,
): LinkStatus {
  const lastSyncAt = link?.lastSyncAt ?? null;
  const remote = link?.remote ?? null;
  if (!link) return { state: 'not-linked', message: null, lastSyncAt, remote };
  if (link.state === 'unlinked')
    return { state: 'unlinked', message: 'Sync stopped: the pair was unlinked.', lastSyncAt, remote };
  if (outboxItem?.state === 'error')
    return { state: 'error', message: `Could not send: ${errorText(outboxItem)}`, lastSyncAt, remote };
  if (inboxItem?.state === 'error')
    return { state: 'error', message: `Could not apply: ${errorText(inboxItem)}`, lastSyncAt, remote };
  const trimmed = [describeTrim(link.trimmed), note].filter((text) => text).join(' ') || null;
  const noted = (text: string): string => (trimmed ? `${text} ${trimmed}` : text);
  if (outboxItem)
    return { state: 'pending', message: noted(pendingText('send', outboxItem)), lastSyncAt, remote };
  if (inboxItem)
    return { state: 'pending', message: noted(pendingText('apply', inboxItem)), lastSyncAt, remote };
  return { state: 'synced', message: trimmed, lastSyncAt, remote };
}

function errorText(item: QueueItem): string {
  return item.lastError?.message ?? 'unknown error';
}

function pendingText(verb: 'send' | 'apply', item: QueueItem): string {
  if (item.attempts === 0 || !item.lastError) {
    if (verb === 'send' && item.offers > 0 && item.lastOfferedAt) {
      return `Offered to the other side ${item.offers === 1 ? 'once' : `${item.offers} times`}, last at ${item.lastOfferedAt}; waiting for its acknowledgement.`;
    }
    return `Waiting to ${verb}.`;
  }
  return `Retrying to ${verb} at ${item.nextAttemptAt} (attempt ${item.attempts} failed: ${item.lastError.message}).`;
}
