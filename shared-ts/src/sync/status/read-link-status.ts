import type { EntityRef } from '../../replica';
import { describeLinkStatus, type LinkStatus } from './describe-link-status';
import { queueKey } from '../model/queue-item';
import type { SyncContext } from '../engine/sync-context';

/** What the status says of a pair's attachments when their bytes do not travel. */
export const METADATA_ONLY =
  'Attachments sync as metadata only: the files stay on the other side (both sides must speak attachments-v1 to transfer them).';

/** The status of a local entity's pair, as its panel shows it; says so when attachments travel as metadata only. */
export async function readLinkStatus(ctx: SyncContext, ref: EntityRef): Promise<LinkStatus> {
  const { deps, config } = ctx;
  const link = await deps.links.get(config.connectionId, ref);
  const outboxItem = await deps.outbox.get(queueKey(config.connectionId, ref));
  const inboxItem = link?.remote ? await deps.inbox.get(queueKey(config.connectionId, link.remote)) : null;
  const attachments =
    link && link.attachments.length > 0 && !config.attachmentTransfer ? METADATA_ONLY : null;
  return describeLinkStatus(link, outboxItem, inboxItem, attachments);
}
