import type { EntityRef } from '../../replica';
import { retryOnConflict, saveLink } from '../model/conditional-write';
import { createLink } from './create-link';
import { describeRef } from '../model/entity-ref';
import { appendLog, unexpectedFailure, type SyncContext } from '../engine/sync-context';
import { readPort } from '../model/port-read';
import type { SyncFailure } from '../model/sync-failure';
import { syncLocalChange, type LocalChangeResult } from '../outgoing/sync-local-change';

/** Why an admin's link of two existing entities was refused. */
export type LinkExistingRefusal =
  /** The local entity already has a link on this connection (synced, queued, or unlinked for good). */
  | 'already-linked'
  /** The remote entity is already paired with another local entity on this connection. */
  | 'remote-already-linked'
  /** The local entity does not exist. */
  | 'local-missing'
  /** The remote ref names an entity of this side's own platform, or has no id. */
  | 'remote-invalid';

/** What became of an admin's link of two existing entities. */
export type LinkExistingResult =
  | { kind: 'linked'; sent: LocalChangeResult }
  | { kind: 'refused'; code: LinkExistingRefusal; message: string }
  | { kind: 'failed'; error: SyncFailure };

/**
 * Pairs an existing local entity with an existing remote one (an admin links Case 00001026 to
 * PROJ-12; the adapter resolves keys to ids first): stores the link naming the remote, then
 * queues the local replica with the remote as its target, so the other side applies it to that
 * entity and pairs it there (docs/sync-semantics.md, "Linking existing entities"). Refuses,
 * with a code and changing nothing, an entity that already has a link on the connection, a remote
 * entity already paired, a local entity that does not exist, and a remote ref on this side's own
 * platform. Entities that are not linked sync only through a trigger, an explicit Sync, or this.
 */
export async function linkExisting(
  ctx: SyncContext,
  local: EntityRef,
  remote: EntityRef,
): Promise<LinkExistingResult> {
  try {
    return await retryOnConflict<LinkExistingResult>(
      () => linkOnce(ctx, local, remote),
      (failure) => ({ kind: 'failed', error: failure }),
    );
  } catch (error) {
    return { kind: 'failed', error: unexpectedFailure(error) };
  }
}

async function linkOnce(ctx: SyncContext, local: EntityRef, remote: EntityRef): Promise<LinkExistingResult> {
  const { deps, config } = ctx;
  if (remote.platform === config.side || remote.id === '') {
    return refused(
      'remote-invalid',
      `${describeRef(remote)} cannot be linked: it must be an entity of the other side, named by its id.`,
    );
  }
  const existing = await deps.links.get(config.connectionId, local);
  if (existing) {
    const how =
      existing.state === 'unlinked'
        ? 'was unlinked, which stops its sync for good'
        : existing.remote
          ? `is already linked to ${describeRef(existing.remote)}`
          : 'already syncs (its replica went out as a new entity)';
    return refused(
      'already-linked',
      `${describeRef(local)} ${how}; it cannot be linked to ${describeRef(remote)}.`,
    );
  }
  const taken = await deps.links.findByRemote(config.connectionId, remote);
  if (taken) {
    return refused(
      'remote-already-linked',
      `${describeRef(remote)} is already linked to ${describeRef(taken.local)}; unlink that pair first.`,
    );
  }
  const read = await readPort(() => deps.entities.read(local));
  if (!read.ok) return { kind: 'failed', error: read.error };
  const entity = read.value;
  if (!entity) return refused('local-missing', `${describeRef(local)} does not exist here.`);
  await saveLink(ctx, createLink(config.connectionId, entity.ref, remote));
  await appendLog(
    ctx,
    'linked',
    { local: entity.ref, remote },
    `Linked ${describeRef(entity.ref)} to ${describeRef(remote)}; its replica goes to that entity.`,
  );
  return { kind: 'linked', sent: await syncLocalChange(ctx, entity.ref) };
}

function refused(code: LinkExistingRefusal, message: string): LinkExistingResult {
  return { kind: 'refused', code, message };
}
