import type { EntityRef, JsonValue } from '../../replica';
import { buildValidOutgoingReplica } from '../outgoing/build-valid-outgoing-replica';
import { commitIncomingApply } from './commit-incoming-apply';
import { commitPartialApply } from './commit-partial-apply';
import { putItem, retryOnConflict, saveLink } from '../model/conditional-write';
import { describeRef, sameEntity } from '../model/entity-ref';
import { enqueueOutgoing } from '../outgoing/enqueue-outgoing';
import { enqueueOutgoingError } from '../outgoing/enqueue-outgoing-error';
import { hashReplicaContent } from '../outgoing/hash-replica-content';
import type { IncomingResult } from '../model/incoming-result';
import type { Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import { snapshotKeysOf } from '../outgoing/field-times-at';
import { snapshotView } from '../model/snapshot-view';
import { planIncomingApply } from './plan-incoming-apply';
import { planOutgoingAfterApply } from '../outgoing/plan-outgoing-after-apply';
import { queueKey } from '../model/queue-item';
import { refreshPendingReplica } from '../outgoing/refresh-pending-replica';
import { withMessageTrim, withTrim } from '../outgoing/replica-budget';
import { appendLog, isoNow, nextMessageId, type SyncContext } from '../engine/sync-context';
import { syncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';
import { isEmptyWritePlan, type ApplyResult, type Conflict, type WritePlan } from '../model/write-plan';

/**
 * Applies an incoming replica: finds the link (by the remote entity, else by the target the
 * sender named), plans the three-way apply, has the entity store carry it out, commits the link
 * with the replica as the new `previous`, and settles the echo (stored as last sent, or sent when
 * local changes were pending or the sender did not know the pair). Conflicts and drops are logged.
 *
 * Its link writes are compare-and-set: a refused one raises `WriteConflict`, and `processInbox`
 * runs the apply again from fresh reads. That second run writes the entity again, which is safe
 * because fields are set to the same values and `EntityStore.apply` adds by remote id at most once.
 */
export async function applyIncomingReplica(
  ctx: SyncContext,
  message: ReplicaMessage,
): Promise<IncomingResult> {
  const { deps, config } = ctx;
  const replica = message.replica;
  const remote = replica.entity;
  const link =
    (await deps.links.findByRemote(config.connectionId, remote)) ??
    (message.target ? await deps.links.get(config.connectionId, message.target) : null);
  const localRef = link?.local ?? message.target;
  const local = localRef ? await deps.entities.read(localRef) : null;
  if (!link && message.target && !local) {
    const failure = syncFailure(
      'local-missing',
      `${describeRef(remote)} is paired with ${describeRef(message.target)}, which does not exist here; unlink it there.`,
    );
    return { kind: 'failed', error: failure };
  }
  const previous = link ? await deps.links.loadPrevious(link) : null;
  const now = isoNow(ctx);
  const rules = { side: config.side, script: config.rules.outgoing };
  // Our replica as it stands now: whether it holds unsent changes, and when each of its fields
  // last changed (a local edit not yet built gets its time here).
  const before =
    link && local
      ? buildValidOutgoingReplica({
          link,
          local,
          rules,
          runRules: deps.runRules,
          connection: config.connection,
          now,
        })
      : null;
  const decision = planIncomingApply({
    connectionId: config.connectionId,
    link,
    previous,
    local,
    message,
    rules: { side: config.side, script: config.rules.incoming },
    runRules: deps.runRules,
    policy: config.policy,
    connection: config.connection,
    now,
    ...(before?.ok ? { localFieldTimes: before.content.fieldTimes ?? {} } : {}),
  });
  if (decision.kind === 'drop') {
    await appendLog(ctx, 'dropped', { local: link?.local, remote }, decision.message);
    return { kind: 'dropped', reason: decision.reason, message: decision.message };
  }
  if (decision.kind === 'fail') return { kind: 'failed', error: decision.error };

  const unsentBefore =
    before !== null &&
    before.ok &&
    link !== null &&
    link.outgoing.lastSentHash !== null &&
    (await hashReplicaContent(deps.hashReplica, before.content)) !== link.outgoing.lastSentHash;

  const { plan } = decision;
  const result: ApplyResult =
    local && isEmptyWritePlan(plan)
      ? { ok: true, outcome: { entity: local, created: { comments: [], attachments: [] } } }
      : await deps.entities.apply(plan, remote);
  if (!result.ok) {
    const partial = commitPartialApply(link, config.connectionId, remote, result);
    if (partial) await saveLink(ctx, partial);
    return { kind: 'failed', error: result.error };
  }

  const draft = commitIncomingApply(decision.next, plan, result.outcome, link?.version ?? 0);
  const applied: LocalEntity = result.outcome.entity;
  const after = buildValidOutgoingReplica({
    link: draft,
    local: applied,
    rules,
    runRules: deps.runRules,
    connection: config.connection,
    now,
    adopted: replica,
  });
  const committed = after.ok ? withTrim(draft, after.trimmed) : draft;
  if (!after.ok) {
    const saved = await saveLink(ctx, committed, replica);
    await enqueueOutgoingError(ctx, saved, after.error);
  } else {
    const hash = await hashReplicaContent(deps.hashReplica, after.content);
    const outgoing = planOutgoingAfterApply({
      link: committed,
      unsentBefore,
      // A replica of ours already queued or sent names the pair, so the sender learns it from that one.
      senderKnewUs:
        (message.target !== null && sameEntity(message.target, committed.local)) ||
        (link?.outgoing.seq ?? 0) > 0,
      content: after.content,
      hash,
      localView: applied.view,
      policy: config.policy.conflict,
      snapshotKeys: snapshotKeysOf(config.rules.incoming, config.side),
    });
    if (outgoing.kind === 'send') {
      await enqueueOutgoing(ctx, outgoing.link, withMessageTrim(outgoing.message, after.trimmed), replica);
    } else {
      const toSave = outgoing.kind === 'suppress' ? outgoing.link : committed;
      const state = {
        content: after.content,
        hash,
        applied: committed.incoming.seq,
        target: committed.remote,
        trimmed: after.trimmed,
      };
      // The snapshot of a replica the apply refreshes shows what it will carry: the remote judges that.
      const preview = refreshPendingReplica(
        await deps.outbox.get(queueKey(config.connectionId, committed.local)),
        state,
        () => '',
        () => '',
      );
      await saveLink(
        ctx,
        preview?.message?.kind === 'replica'
          ? refreshSnapshot(
              toSave,
              preview.message.replica.seq,
              preview.message.applied,
              applied.view,
              snapshotKeysOf(config.rules.incoming, config.side),
            )
          : toSave,
        replica,
      );
      // The apply is committed: a concurrent change to the waiting item is refreshed again, not re-applied.
      await retryOnConflict(
        async () => {
          const refreshed = refreshPendingReplica(
            await deps.outbox.get(queueKey(config.connectionId, committed.local)),
            state,
            () => deps.ids.next(),
            () => nextMessageId(ctx),
          );
          if (refreshed) await putItem(deps.outbox, refreshed);
        },
        () => undefined,
      );
      if (outgoing.kind === 'suppress') {
        await appendLog(
          ctx,
          'echo-suppressed',
          refs(committed),
          `Did not send back what was just applied to ${describeRef(committed.local)}.`,
        );
      }
    }
  }

  for (const conflict of decision.conflicts) {
    await appendLog(
      ctx,
      'conflict',
      refs(committed),
      describeConflict(conflict),
      conflict as unknown as JsonValue,
    );
  }
  const created = plan.target === null;
  await appendLog(
    ctx,
    created ? 'created' : 'applied',
    refs(committed),
    created
      ? `Created ${describeRef(committed.local)} from ${describeRef(remote)} (seq ${replica.seq}).`
      : `Applied seq ${replica.seq} of ${describeRef(remote)} to ${describeRef(committed.local)}: ${describePlan(plan)}.`,
  );
  return { kind: 'applied', created, plan, conflicts: decision.conflicts };
}

function refreshSnapshot(
  link: Link,
  seq: number,
  appliedSeq: number,
  view: Record<string, JsonValue>,
  keys: ReadonlySet<string> | null,
): Link {
  const unacked = link.outgoing.unacked.map((snapshot) =>
    snapshot.seq === seq ? { seq, applied: appliedSeq, view: snapshotView(view, keys) } : snapshot,
  );
  return { ...link, outgoing: { ...link.outgoing, unacked } };
}

function refs(link: Link): { local: EntityRef; remote: EntityRef | null } {
  return { local: link.local, remote: link.remote };
}

function describeConflict(conflict: Conflict): string {
  const settled =
    conflict.resolvedBy === undefined
      ? conflict.policy
      : `${conflict.resolvedBy}, because ${conflict.reason ?? 'the policy fell back'}`;
  return `Both sides changed ${conflict.path.join('.')}; kept the ${conflict.winner} value (${settled}).`;
}

function describePlan(plan: WritePlan): string {
  const parts = [`${plan.fields.length} field(s)`];
  for (const name of ['comments', 'attachments'] as const) {
    const { add, update, remove } = plan[name];
    if (add.length + update.length + remove.length > 0) {
      parts.push(`${name} +${add.length} ~${update.length} -${remove.length}`);
    }
  }
  return parts.join(', ');
}
