import type { EntityRef } from '../replica';
import { describeLinkStatus, type LinkStatus } from './describe-link-status';
import { queueKey } from './queue-item';
import type { SyncContext } from './sync-context';

/** The status of a local entity's pair, as its panel shows it. */
export async function readLinkStatus(ctx: SyncContext, ref: EntityRef): Promise<LinkStatus> {
  const { deps, config } = ctx;
  const link = await deps.links.get(config.connectionId, ref);
  const outboxItem = await deps.outbox.get(queueKey(config.connectionId, ref));
  const inboxItem = link?.remote ? await deps.inbox.get(queueKey(config.connectionId, link.remote)) : null;
  return describeLinkStatus(link, outboxItem, inboxItem);
}
