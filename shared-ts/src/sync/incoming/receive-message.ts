import { checkIncomingMessage } from './check-incoming-message';
import { carryReplacedReplicas } from './carry-replaced-replicas';
import { coalesceQueueItem } from '../queue/coalesce-queue-item';
import { putItem, retryOnConflict } from '../model/conditional-write';
import type { EntityRef } from '../../replica';
import { describeRef } from '../model/entity-ref';
import { newQueueItem } from '../queue/new-queue-item';
import { appendLog, unexpectedFailure, type SyncContext } from '../engine/sync-context';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { SyncMessage } from '../model/sync-message';

/**
 * Accepts a verified message from the other side into the inbox (persist before acknowledging),
 * coalesced per sender entity: one item per entity, whose replica is the newest; the replicas it
 * replaced before they were applied go with it (`carryReplacedReplicas`), so each is applied in
 * turn; an unlink replaces whatever waits. Applying happens in `processInbox`. Whatever the protocol layer has
 * checked, the engine refuses here, with a permanent failure and nothing stored, what it must not
 * take (`checkIncomingMessage`: schema and limits, its own entities, targets it does not sync)
 * and a replica whose `hash` is not its content's (`hash-mismatch`). Linear in the message.
 */
export async function receiveMessage(
  ctx: SyncContext,
  message: SyncMessage,
): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
  const problem = checkIncomingMessage(ctx.config, message);
  if (problem) return { ok: false, error: problem };
  const sender = message.kind === 'replica' ? message.replica.entity : message.entity;
  try {
    if (message.kind === 'replica') {
      const hash = await ctx.deps.hashReplica(message.replica);
      if (hash !== message.replica.hash) {
        const failure = syncFailure(
          'hash-mismatch',
          `Replica seq ${message.replica.seq} of ${describeRef(sender)} says its hash is ${message.replica.hash}, but its content hashes to ${hash}: it was altered, or its sender hashes differently (docs/replica.md, "hash").`,
        );
        return { ok: false, error: failure };
      }
    }
    return await retryOnConflict<{ ok: true } | { ok: false; error: SyncFailure }>(
      () => storeInInbox(ctx, message, sender),
      (failure) => ({ ok: false, error: failure }),
    );
  } catch (error) {
    return { ok: false, error: unexpectedFailure(error) };
  }
}

/** Coalesces the message with what waits in the inbox and puts it there (compare-and-set). */
async function storeInInbox(
  ctx: SyncContext,
  message: SyncMessage,
  sender: EntityRef,
): Promise<{ ok: true }> {
  const item = newQueueItem(ctx, sender, message);
  const existing = await ctx.deps.inbox.get(item.key);
  const kept = carryReplacedReplicas(existing, item, coalesceQueueItem(existing, item));
  if (kept === existing && existing && message.kind === 'replica') {
    const waiting =
      existing.message?.kind === 'replica' ? `seq ${existing.message.replica.seq}` : 'an unlink';
    await appendLog(
      ctx,
      'dropped',
      { remote: sender },
      `Dropped replica seq ${message.replica.seq} of ${describeRef(sender)}: ${waiting} is already waiting.`,
    );
    return { ok: true };
  }
  await putItem(ctx.deps.inbox, kept);
  return { ok: true };
}
