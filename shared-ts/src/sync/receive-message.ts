import type { EntityRef } from '../replica';
import { coalesceQueueItem } from './coalesce-queue-item';
import { describeRef } from './describe-ref';
import { newQueueItem } from './new-queue-item';
import { appendLog, unexpectedFailure, type SyncContext } from './sync-context';
import { syncFailure, type SyncFailure } from './sync-failure';
import type { SyncMessage } from './sync-message';
import { CONFLICT_POLICIES } from './sync-policy';

/**
 * Accepts a verified message from the other side into the inbox (persist before acknowledging),
 * coalesced per sender entity: a replica older than the one already waiting is dropped, an unlink
 * replaces whatever waits. Applying happens in `processInbox`. The protocol layer has already
 * checked the signature and the replica schema; this checks only what the engine relies on.
 */
export async function receiveMessage(
  ctx: SyncContext,
  message: SyncMessage,
): Promise<{ ok: true } | { ok: false; failure: SyncFailure }> {
  const problem = shapeProblem(message);
  if (problem) return { ok: false, failure: syncFailure('schema', problem) };
  const sender = message.kind === 'replica' ? message.replica.entity : message.entity;
  try {
    const item = newQueueItem(ctx, sender, message);
    const existing = await ctx.deps.inbox.get(item.key);
    const kept = coalesceQueueItem(existing, item);
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
    await ctx.deps.inbox.put(kept);
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: unexpectedFailure(error) };
  }
}

function shapeProblem(message: SyncMessage): string | null {
  if (message.kind === 'unlink') {
    if (!isRef(message.entity)) return 'An unlink message must name the entity (type, id).';
    const reason: unknown = message.reason;
    return reason === null || reason === undefined || typeof reason === 'string'
      ? null
      : 'An unlink reason must be text or null.';
  }
  if (message.kind !== 'replica')
    return `Unknown message kind ${JSON.stringify((message as { kind: unknown }).kind)}.`;
  const replica = message.replica as unknown;
  if (replica === null || typeof replica !== 'object') return 'A replica message must carry a replica.';
  const { entity, seq } = replica as { entity: unknown; seq: unknown };
  if (!isRef(entity)) return 'The replica must name its entity (platform, type, id).';
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1)
    return 'The replica seq must be a positive integer.';
  if (typeof message.applied !== 'number' || !Number.isInteger(message.applied) || message.applied < 0) {
    return 'The replica message must say which of our seqs it had applied (a non-negative integer).';
  }
  const policy: unknown = message.policy;
  if (policy !== undefined && !(CONFLICT_POLICIES as readonly unknown[]).includes(policy)) {
    return `The replica message's policy must be one of ${CONFLICT_POLICIES.join(', ')}, or absent.`;
  }
  return null;
}

function isRef(value: unknown): value is EntityRef {
  if (value === null || typeof value !== 'object') return false;
  const ref = value as Record<string, unknown>;
  return typeof ref.type === 'string' && typeof ref.id === 'string' && ref.id !== '';
}
