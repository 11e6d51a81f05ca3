import { saveLink } from '../model/conditional-write';
import { describeRef } from '../model/entity-ref';
import type { IncomingResult } from '../model/incoming-result';
import { queueKey } from '../model/queue-item';
import { appendLog, type SyncContext } from '../engine/sync-context';
import type { UnlinkMessage } from '../model/sync-message';

/**
 * The other side unlinked a pair: stop syncing it here too (nothing pending for it is sent) and
 * keep every bit of data. An unlink for a pair this side does not know is logged and dropped.
 */
export async function applyIncomingUnlink(ctx: SyncContext, message: UnlinkMessage): Promise<IncomingResult> {
  const { deps, config } = ctx;
  const link =
    (await deps.links.findByRemote(config.connectionId, message.entity)) ??
    (message.target ? await deps.links.get(config.connectionId, message.target) : null);
  if (!link || link.state === 'unlinked') {
    const text = `Ignored unlink of ${describeRef(message.entity)}: ${link ? 'already unlinked' : 'no such pair here'}.`;
    await appendLog(ctx, 'dropped', { local: link?.local, remote: message.entity }, text);
    return { kind: 'dropped', reason: link ? 'unlinked' : 'unknown', message: text };
  }
  await saveLink(ctx, { ...link, state: 'unlinked', remote: link.remote ?? message.entity });
  const pending = await deps.outbox.get(queueKey(config.connectionId, link.local));
  if (pending) await deps.outbox.remove(pending.key, pending.id);
  await appendLog(
    ctx,
    'unlinked',
    { local: link.local, remote: message.entity },
    `${describeRef(message.entity)} was unlinked on the other side; ${describeRef(link.local)} no longer syncs and keeps its data.` +
      (message.reason ? ` Reason: ${message.reason}` : ''),
  );
  return { kind: 'unlinked' };
}
