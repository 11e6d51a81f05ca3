import type { EntityRef } from '../../replica';
import { buildValidOutgoingReplica } from './build-valid-outgoing-replica';
import { retryOnConflict } from '../model/conditional-write';
import { createLink } from '../links/create-link';
import { enqueueOutgoing } from './enqueue-outgoing';
import { enqueueOutgoingError } from './enqueue-outgoing-error';
import { hashReplicaContent } from './hash-replica-content';
import { snapshotKeysOf } from './field-times-at';
import { planOutgoingSend } from './plan-outgoing-send';
import { withMessageTrim, withTrim } from './replica-budget';
import { queueKey, type QueueItem } from '../model/queue-item';
import { isoNow, unexpectedFailure, type SyncContext } from '../engine/sync-context';
import type { SyncFailure } from '../model/sync-failure';
import { readPort } from '../model/port-read';
import { bookReadFailure, isRebuildItem } from './book-read-failure';

/** What became of a local change. */
export type LocalChangeResult =
  | { kind: 'enqueued'; seq: number }
  | { kind: 'unchanged' }
  | { kind: 'skipped'; reason: 'unlinked' | 'missing' }
  | { kind: 'failed'; error: SyncFailure };

/**
 * Reacts to a change of a local entity (a trigger, an event, a sweep, a Sync button): builds its
 * replica with the outgoing rules and queues it when it differs from the last one sent. The
 * first change of an entity creates its link. Unlinked pairs and deleted entities are skipped; a
 * replica the rules could not build, or built invalid, goes to the error list. An entity the
 * store could not read gets a rebuild item in the outbox, due after the retry policy's wait (at
 * least the read's Retry-After: `bookReadFailure`); a due rebuild item is built by the outbox
 * run, and is dropped when the build finds nothing to send.
 *
 * Two changes of one entity handled at once never take one seq with different content: the link
 * and the outbox item are written with compare-and-set, and the outbox item is read before the
 * entity, so of two racing writers the one whose put lands second read the entity later; the
 * one whose link save is refused reads everything again and decides again (docs/sync-semantics.md,
 * "Concurrency").
 */
export async function syncLocalChange(ctx: SyncContext, ref: EntityRef): Promise<LocalChangeResult> {
  try {
    return await retryOnConflict<LocalChangeResult>(
      () => syncOnce(ctx, ref),
      (failure) => ({ kind: 'failed', error: failure }),
    );
  } catch (error) {
    return { kind: 'failed', error: unexpectedFailure(error) };
  }
}

async function syncOnce(ctx: SyncContext, ref: EntityRef): Promise<LocalChangeResult> {
  const { deps, config } = ctx;
  const existing = await deps.links.get(config.connectionId, ref);
  const waiting = await deps.outbox.get(queueKey(config.connectionId, ref));
  if (existing?.state === 'unlinked') return done(ctx, waiting, { kind: 'skipped', reason: 'unlinked' });
  const read = await readPort(() => deps.entities.read(ref));
  if (!read.ok) {
    await bookReadFailure(ctx, ref, waiting, read.error);
    return { kind: 'failed', error: read.error };
  }
  const local = read.value;
  if (!local) return done(ctx, waiting, { kind: 'skipped', reason: 'missing' });
  const link = existing ?? createLink(config.connectionId, local.ref);
  const built = buildValidOutgoingReplica({
    link,
    local,
    rules: { side: config.side, script: config.rules.outgoing },
    runRules: deps.runRules,
    connection: config.connection,
    now: isoNow(ctx),
  });
  if (!built.ok) {
    await enqueueOutgoingError(ctx, link, built.error, waiting);
    return { kind: 'failed', error: built.error };
  }
  const hash = await hashReplicaContent(deps.hashReplica, built.content);
  // A racing writer that gave up can leave the outbox holding other content under the link's
  // last seq; then even content equal to the last sent must go out again, under a new seq.
  const outOfStep =
    waiting?.message?.kind === 'replica' &&
    waiting.message.replica.seq === link.outgoing.seq &&
    waiting.message.replica.hash !== link.outgoing.lastSentHash;
  const decision = planOutgoingSend(
    outOfStep ? { ...link, outgoing: { ...link.outgoing, lastSentHash: null } } : link,
    built.content,
    hash,
    local.view,
    config.policy.conflict,
    snapshotKeysOf(config.rules.incomingDependencies),
  );
  if (decision.kind === 'unchanged') return done(ctx, waiting, { kind: 'unchanged' });
  await enqueueOutgoing(
    ctx,
    withTrim(decision.link, built.trimmed),
    withMessageTrim(decision.message, built.trimmed),
    undefined,
    waiting,
  );
  return { kind: 'enqueued', seq: decision.message.replica.seq };
}

/** A build that queues nothing: a rebuild item waiting for it has served its purpose. */
async function done(
  ctx: SyncContext,
  waiting: QueueItem | null,
  result: LocalChangeResult,
): Promise<LocalChangeResult> {
  if (isRebuildItem(waiting)) await ctx.deps.outbox.remove(waiting.key, waiting.id);
  return result;
}
