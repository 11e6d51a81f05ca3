import type { EntityRef } from '../../replica';
import { describeRef } from '../model/entity-ref';
import { enqueueOutgoing } from '../outgoing/enqueue-outgoing';
import { appendLog, type SyncContext } from '../engine/sync-context';

/** What became of an unlink request. */
export type UnlinkResult = { kind: 'unlinked' } | { kind: 'not-linked' } | { kind: 'already-unlinked' };

/**
 * Stops syncing a local entity with its remote pair and tells the other side, with the reason
 * when one is given (an unlink message replaces anything still waiting to be sent). Both
 * entities keep their data.
 */
export async function unlinkEntity(
  ctx: SyncContext,
  ref: EntityRef,
  reason: string | null = null,
): Promise<UnlinkResult> {
  const link = await ctx.deps.links.get(ctx.config.connectionId, ref);
  if (!link) return { kind: 'not-linked' };
  if (link.state === 'unlinked') return { kind: 'already-unlinked' };
  const unlinked = { ...link, state: 'unlinked' as const };
  await enqueueOutgoing(ctx, unlinked, { kind: 'unlink', entity: link.local, target: link.remote, reason });
  await appendLog(
    ctx,
    'unlinked',
    { local: link.local, remote: link.remote },
    `Unlinked ${describeRef(link.local)}${link.remote ? ` from ${describeRef(link.remote)}` : ''}; both keep their data.${reason ? ` Reason: ${reason}` : ''}`,
  );
  return { kind: 'unlinked' };
}
