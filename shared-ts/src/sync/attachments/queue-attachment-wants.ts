/**
 * After an apply: one queue item per attachment the local entity lacks the file of, so a failing
 * file never blocks the record's fields or comments (they are applied already) nor another
 * file. docs/sync-semantics.md, "Attachments".
 */
import type { Replica } from '../../replica';
import { putItem, retryOnConflict } from '../model/conditional-write';
import { newQueueItem } from '../queue/new-queue-item';
import { attachmentQueueKey, planAttachmentWants } from './attachment-transfer';
import type { SyncContext } from '../engine/sync-context';

/**
 * Queues a transfer for each attachment of `replica` that has a local copy (the link pairs it:
 * the incoming rules took it) and no stored file, or a stored file of another hash
 * (`planAttachmentWants`), under `attachmentQueueKey`. An item already queued for the same file
 * (same `ref` and hash) is left as it is, so a replica delivered twice does not restart a
 * transfer; an item for an older version of the file is replaced. Does nothing when the
 * connection transfers no bytes. Returns how many items it queued.
 */
export async function queueAttachmentWants(ctx: SyncContext, replica: Replica): Promise<number> {
  const { config, deps } = ctx;
  const ports = deps.attachments;
  if (!config.attachmentTransfer || !ports || replica.attachments.length === 0) return 0;
  const link = await deps.links.findByRemote(config.connectionId, replica.entity);
  if (!link) return 0;
  const localIds = new Map(link.attachments.map((pair) => [pair.remote, pair.local]));
  const paired = replica.attachments.filter((attachment) => localIds.has(attachment.id));
  const stored = new Map<string, string | null>();
  for (const attachment of paired) {
    stored.set(attachment.id, await ports.store.storedHash(config.connectionId, link.local, attachment.id));
  }
  let queued = 0;
  for (const want of planAttachmentWants(paired, (id) => stored.get(id) ?? null)) {
    const remote = paired.find((attachment) => attachment.id === want.id);
    const localAttachmentId = localIds.get(want.id);
    if (!remote || localAttachmentId === undefined) continue;
    const key = attachmentQueueKey(config.connectionId, replica.entity, remote.id);
    const wrote = await retryOnConflict<boolean>(
      async () => {
        const current = await ports.queue.get(key);
        const same = current?.attachment;
        if (
          same &&
          same.remote.ref === remote.ref &&
          (same.remote.sha256 ?? null) === (remote.sha256 ?? null)
        )
          return false;
        const fresh = { ...newQueueItem(ctx, replica.entity, null), key, version: current?.version ?? 0 };
        await putItem(ports.queue, {
          ...fresh,
          attachment: { local: link.local, localAttachmentId, remote, from: 0 },
        });
        return true;
      },
      () => false,
    );
    if (wrote) queued++;
  }
  return queued;
}
