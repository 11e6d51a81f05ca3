/**
 * Section 5 of docs/sync-semantics.md, after an apply: our replica is rebuilt from the written
 * entity and the echo decision is carried out (`planOutgoingAfterApply`): queued when local
 * changes were pending or the sender did not know the pair, else stored as last sent without
 * sending (a replica waiting in the outbox is brought up to date, its snapshot with it).
 */
import type { JsonValue, Replica } from '../../replica';
import { buildValidOutgoingReplica } from '../outgoing/build-valid-outgoing-replica';
import { putItem, retryOnConflict, saveLink } from '../model/conditional-write';
import { describeRef } from '../model/entity-ref';
import { enqueueOutgoing } from '../outgoing/enqueue-outgoing';
import { enqueueOutgoingError } from '../outgoing/enqueue-outgoing-error';
import { snapshotKeysOf } from '../outgoing/field-times-at';
import { hashReplicaContent } from '../outgoing/hash-replica-content';
import type { Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import { planOutgoingAfterApply, type OutgoingAfterApply } from '../outgoing/plan-outgoing-after-apply';
import { queueKey } from '../model/queue-item';
import { refreshPendingReplica, type StateAfterApply } from '../outgoing/refresh-pending-replica';
import { withMessageTrim, withTrim } from '../outgoing/replica-budget';
import { sameEntity } from '../model/entity-ref';
import { snapshotView } from '../model/snapshot-view';
import { appendLog, nextMessageId, type SyncContext } from '../engine/sync-context';
import type { ReplicaMessage } from '../model/sync-message';
import { refsOf } from './log-incoming-apply';

/** What the apply left for the echo decision. */
export interface AfterApply {
  message: ReplicaMessage;
  /** The link as read before the apply. */
  link: Link | null;
  /** The link the apply commits (before trimming). */
  draft: Link;
  /** The local entity as written. */
  applied: LocalEntity;
  /** Whether our replica before the apply held changes not yet sent. */
  unsentBefore: boolean;
  now: string;
}

/** Rebuilds our replica after the apply, saves the link (with the replica as `previous`) and settles the echo; returns the link committed. */
export async function settleAfterApply(ctx: SyncContext, input: AfterApply): Promise<Link> {
  const { deps, config } = ctx;
  const { message, draft, applied } = input;
  const replica = message.replica;
  const after = buildValidOutgoingReplica({
    link: draft,
    local: applied,
    rules: { side: config.side, script: config.rules.outgoing },
    runRules: deps.runRules,
    connection: config.connection,
    now: input.now,
    adopted: replica,
  });
  if (!after.ok) {
    const saved = await saveLink(ctx, draft, replica);
    await enqueueOutgoingError(ctx, saved, after.error);
    return draft;
  }
  const committed = withTrim(draft, after.trimmed);
  const hash = await hashReplicaContent(deps.hashReplica, after.content);
  const outgoing = planOutgoingAfterApply({
    link: committed,
    unsentBefore: input.unsentBefore,
    // A replica of ours already queued or sent names the pair, so the sender learns it from that one.
    senderKnewUs:
      (message.target !== null && sameEntity(message.target, committed.local)) ||
      (input.link?.outgoing.seq ?? 0) > 0,
    content: after.content,
    hash,
    localView: applied.view,
    policy: config.policy.conflict,
    snapshotKeys: snapshotKeysOf(config.rules.incomingDependencies),
  });
  if (outgoing.kind === 'send') {
    await enqueueOutgoing(ctx, outgoing.link, withMessageTrim(outgoing.message, after.trimmed), replica);
    return committed;
  }
  const state: StateAfterApply = {
    content: after.content,
    hash,
    applied: committed.incoming.seq,
    target: committed.remote,
    trimmed: after.trimmed,
  };
  await keepEchoUnsent(ctx, outgoing, committed, state, applied.view, replica);
  return committed;
}

/**
 * The echo is not sent: the link is saved (marked sent when suppressed), the replica waiting in
 * the outbox, if any, is refreshed to the state after the apply (and its snapshot on the link
 * first, for the remote judges what it will carry), and a suppressed echo is logged.
 */
async function keepEchoUnsent(
  ctx: SyncContext,
  outgoing: Exclude<OutgoingAfterApply, { kind: 'send' }>,
  committed: Link,
  state: StateAfterApply,
  view: Record<string, JsonValue>,
  replica: Replica,
): Promise<void> {
  const { deps, config } = ctx;
  const key = queueKey(config.connectionId, committed.local);
  const toSave = outgoing.kind === 'suppress' ? outgoing.link : committed;
  const preview = refreshPendingReplica(
    await deps.outbox.get(key),
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
          view,
          snapshotKeysOf(config.rules.incomingDependencies),
        )
      : toSave,
    replica,
  );
  // The apply is committed: a concurrent change to the waiting item is refreshed again, not re-applied.
  await retryOnConflict(
    async () => {
      const refreshed = refreshPendingReplica(
        await deps.outbox.get(key),
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
      refsOf(committed),
      `Did not send back what was just applied to ${describeRef(committed.local)}.`,
    );
  }
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
