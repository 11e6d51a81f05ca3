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
import type { QueueItem } from '../model/queue-item';
import { readPort } from '../model/port-read';
import type { SyncFailure } from '../model/sync-failure';
import { recordAttemptFailure } from '../queue/record-attempt-failure';

/**
 * Queues a transfer for each attachment of `replica` that has a local copy (the link pairs it:
 * the incoming rules took it) and no stored file, or a stored file of another hash
 * (`planAttachmentWants`), under `attachmentQueueKey`. An item already queued for the same file
 * (same `ref` and hash) is left as it is, so a replica delivered twice does not restart a
 * transfer; an item for an older version of the file is replaced. A file the store could not
 * say it holds (`storedHash` answered a failure) is queued as not stored, its item booked with
 * that failure, so it is wanted no sooner than its Retry-After. Does nothing when the
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
  const unread = new Map<string, SyncFailure>();
  for (const attachment of paired) {
    const read = await readPort(() => ports.store.storedHash(config.connectionId, link.local, attachment.id));
    if (read.ok) stored.set(attachment.id, read.value);
    else unread.set(attachment.id, read.error);
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
        const fresh: QueueItem = {
          ...newQueueItem(ctx, replica.entity, null),
          key,
          version: current?.version ?? 0,
          attachment: { local: link.local, localAttachmentId, remote, from: 0 },
        };
        // Not known to be stored, as the store could not tell: wanted after the retry policy's wait.
        const failure = unread.get(remote.id);
        await putItem(
          ports.queue,
          failure ? recordAttemptFailure(fresh, failure, config.retry, deps.clock.now(), deps.random) : fresh,
        );
        return true;
      },
      () => false,
    );
    if (wrote) queued++;
  }
  return queued;
}
