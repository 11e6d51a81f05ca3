import { buildValidOutgoingReplica, type ValidOutgoingBuild } from '../outgoing/build-valid-outgoing-replica';
import { commitIncomingApply } from './commit-incoming-apply';
import { commitPartialApply } from './commit-partial-apply';
import { saveLink } from '../model/conditional-write';
import { hashReplicaContent } from '../outgoing/hash-replica-content';
import { findIncomingPair } from './find-incoming-pair';
import { logIncomingApply } from './log-incoming-apply';
import { settleAfterApply } from './settle-after-apply';
import type { IncomingResult } from '../model/incoming-result';
import { isEmptyWritePlan } from '../model/write-plan';
import { withPreviousRun } from './run-incoming-rules';
import type { Link } from '../model/link';
import { planIncomingApply } from './plan-incoming-apply';
import { appendLog, isoNow, type SyncContext } from '../engine/sync-context';
import type { ReplicaMessage } from '../model/sync-message';
import type { ApplyResult } from '../model/write-plan';

/**
 * Applies an incoming replica, in the steps of docs/sync-semantics.md section 4: finds the pair
 * (`findIncomingPair`, by the remote entity, else by the target the sender named), builds our
 * replica as it stands (unsent changes, field times), plans the three-way apply
 * (`planIncomingApply`), has the entity store carry it out, commits the link
 * (`commitIncomingApply`) with the replica as the new `previous` and settles the echo
 * (`settleAfterApply`, section 5). Conflicts and drops are logged.
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
  const pair = await findIncomingPair(ctx, message);
  if (!pair.ok) return pair.result;
  const { link, local } = pair;
  const previous = link ? await deps.links.loadPrevious(link) : null;
  const now = isoNow(ctx);
  // Our replica as it stands now: whether it holds unsent changes, and when each of its fields
  // last changed (a local edit not yet built gets its time here).
  const before =
    link && local
      ? buildValidOutgoingReplica({
          link,
          local,
          rules: { side: config.side, script: config.rules.outgoing },
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
    rules: {
      side: config.side,
      script: config.rules.incoming,
      ...(config.rules.incomingDependencies ? { dependencies: config.rules.incomingDependencies } : {}),
    },
    runRules: deps.runRules,
    policy: config.policy,
    connection: config.connection,
    now,
    ...(before?.ok ? { localFieldTimes: before.content.fieldTimes ?? {} } : {}),
  });
  if (decision.kind === 'drop') {
    await appendLog(ctx, 'dropped', { local: link?.local, remote: replica.entity }, decision.message);
    return { kind: 'dropped', reason: decision.reason, message: decision.message };
  }
  if (decision.kind === 'fail') return { kind: 'failed', error: decision.error };

  const unsentBefore = await hasUnsentChanges(ctx, link, before);
  const { plan } = decision;
  const result: ApplyResult =
    local && isEmptyWritePlan(plan)
      ? { ok: true, outcome: { entity: local, created: { comments: [], attachments: [] } } }
      : await deps.entities.apply(plan, replica.entity);
  if (!result.ok) {
    const partial = commitPartialApply(link, config.connectionId, replica.entity, result);
    if (partial) await saveLink(ctx, partial);
    return { kind: 'failed', error: result.error };
  }

  const draft = withPreviousRun(
    commitIncomingApply(decision.next, plan, result.outcome, link?.version ?? 0),
    decision.previousRun,
  );
  const applied = result.outcome.entity;
  const committed = await settleAfterApply(ctx, { message, link, draft, applied, unsentBefore, now });
  await logIncomingApply(ctx, committed, replica, plan, decision.conflicts);
  return { kind: 'applied', created: plan.target === null, plan, conflicts: decision.conflicts };
}

/** Whether our replica built before the apply differs from the last sent: local changes are pending (section 5). */
async function hasUnsentChanges(
  ctx: SyncContext,
  link: Link | null,
  before: ValidOutgoingBuild | null,
): Promise<boolean> {
  return (
    before !== null &&
    before.ok &&
    link !== null &&
    link.outgoing.lastSentHash !== null &&
    (await hashReplicaContent(ctx.deps.hashReplica, before.content)) !== link.outgoing.lastSentHash
  );
}
