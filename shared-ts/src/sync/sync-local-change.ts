import type { EntityRef } from '../replica';
import { buildValidOutgoingReplica } from './build-valid-outgoing-replica';
import { createLink } from './create-link';
import { enqueueOutgoing } from './enqueue-outgoing';
import { enqueueOutgoingError } from './enqueue-outgoing-error';
import { hashReplicaContent } from './hash-replica-content';
import { snapshotKeysOf } from './field-times-at';
import { planOutgoingSend } from './plan-outgoing-send';
import { isoNow, unexpectedFailure, type SyncContext } from './sync-context';
import type { SyncFailure } from './sync-failure';

/** What became of a local change. */
export type LocalChangeResult =
  | { kind: 'enqueued'; seq: number }
  | { kind: 'unchanged' }
  | { kind: 'skipped'; reason: 'unlinked' | 'missing' }
  | { kind: 'failed'; failure: SyncFailure };

/**
 * Reacts to a change of a local entity (a trigger, an event, a sweep, a Sync button): builds its
 * replica with the outgoing rules and queues it when it differs from the last one sent. The
 * first change of an entity creates its link. Unlinked pairs and deleted entities are skipped; a
 * replica the rules could not build, or built invalid, goes to the error list.
 */
export async function syncLocalChange(ctx: SyncContext, ref: EntityRef): Promise<LocalChangeResult> {
  const { deps, config } = ctx;
  try {
    const existing = await deps.links.get(config.connectionId, ref);
    if (existing?.state === 'unlinked') return { kind: 'skipped', reason: 'unlinked' };
    const local = await deps.entities.read(ref);
    if (!local) return { kind: 'skipped', reason: 'missing' };
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
      await enqueueOutgoingError(ctx, link, built.failure);
      return { kind: 'failed', failure: built.failure };
    }
    const hash = await hashReplicaContent(deps.hashReplica, built.content);
    const decision = planOutgoingSend(
      link,
      built.content,
      hash,
      local.view,
      config.policy.conflict,
      snapshotKeysOf(config.rules.incoming, config.side),
    );
    if (decision.kind === 'unchanged') return { kind: 'unchanged' };
    await enqueueOutgoing(ctx, decision.link, decision.message);
    return { kind: 'enqueued', seq: decision.message.replica.seq };
  } catch (error) {
    return { kind: 'failed', failure: unexpectedFailure(error) };
  }
}
