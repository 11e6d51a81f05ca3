/**
 * The start of section 4.1 of docs/sync-semantics.md: the link is found by the replica's entity,
 * else by the target the sender named; the local entity is the link's, else that target. A
 * target named without a link must exist (`local-missing`). A read the entity store answered
 * with a failure fails the apply with it (the inbox item waits at least its Retry-After).
 */
import { describeRef } from '../model/entity-ref';
import type { IncomingResult } from '../model/incoming-result';
import type { Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import type { SyncContext } from '../engine/sync-context';
import { readPort } from '../model/port-read';
import { syncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';

/** The pair an incoming replica applies to, or the failure when its target does not exist. */
export async function findIncomingPair(
  ctx: SyncContext,
  message: ReplicaMessage,
): Promise<
  { ok: true; link: Link | null; local: LocalEntity | null } | { ok: false; result: IncomingResult }
> {
  const { deps, config } = ctx;
  const remote = message.replica.entity;
  const link =
    (await deps.links.findByRemote(config.connectionId, remote)) ??
    (message.target ? await deps.links.get(config.connectionId, message.target) : null);
  const localRef = link?.local ?? message.target;
  const read = localRef
    ? await readPort(() => deps.entities.read(localRef))
    : { ok: true as const, value: null };
  if (!read.ok) return { ok: false, result: { kind: 'failed', error: read.error } };
  const local = read.value;
  if (!link && message.target && !local) {
    const failure = syncFailure(
      'local-missing',
      `${describeRef(remote)} is paired with ${describeRef(message.target)}, which does not exist here; unlink it there.`,
    );
    return { ok: false, result: { kind: 'failed', error: failure } };
  }
  return { ok: true, link, local };
}
