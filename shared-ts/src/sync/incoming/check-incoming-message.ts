import { validateReplica, type EntityRef } from '../../replica';
import { isHttpUrl } from '../../util/http-url';
import { describeRef } from '../model/entity-ref';
import { describeReplicaErrors } from '../../replica/describe-replica-errors';
import type { SyncConfig } from '../engine/sync-context';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import { CONFLICT_POLICIES } from '../model/sync-policy';

/** Longest unlink reason kept in the log, in characters (the protocol's limit too). */
const MAX_REASON = 1000;

/**
 * Null when a message from the other side may go into the inbox; otherwise the permanent failure
 * that refuses it. A replica must be a valid Replica (v1 or v2) within the replica limits, with a seq of
 * 1 to 2^53 - 1 (`schema`). The sender's entity must not be on this side's platform
 * (`own-entity`), and a target must be an entity this side syncs, on its platform and of one of
 * its types (`target-invalid`). Takes any value, so a caller that skipped the protocol layer
 * gets a refusal too, never a throw. The content hash is checked by the caller (it is async).
 */
export function checkIncomingMessage(config: SyncConfig, message: unknown): SyncFailure | null {
  if (!isRecord(message)) return schema('A message must be an object with a kind.');
  if (message.kind === 'unlink') return checkUnlink(config, message);
  if (message.kind !== 'replica') return schema(`Unknown message kind ${shown(message.kind)}.`);
  const validation = validateReplica(member(message, 'replica'));
  if (!validation.ok) {
    return schema(
      `The replica is not a valid Replica v1 or v2 (${describeReplicaErrors(validation.error.errors)}).`,
    );
  }
  const { replica } = validation;
  if (replica.seq < 1) return schema('The replica seq must be a positive integer (1 to 2^53 - 1).');
  const applied = member(message, 'applied');
  if (!Number.isSafeInteger(applied) || (applied as number) < 0) {
    return schema(
      'The replica message must say which of our seqs it had applied (a whole number, 0 or more).',
    );
  }
  const policy = member(message, 'policy');
  if (policy !== undefined && !(CONFLICT_POLICIES as readonly unknown[]).includes(policy)) {
    return schema(`The replica message's policy must be one of ${CONFLICT_POLICIES.join(', ')}, or absent.`);
  }
  const trimmed = member(message, 'trimmed');
  if (trimmed !== undefined && !isTrim(trimmed)) {
    return schema(
      "The replica message's trimmed must be {comments: {sent, total}, attachments: {sent, total}} (whole numbers, sent at most total), or absent.",
    );
  }
  return senderProblem(config, replica.entity) ?? targetProblem(config, member(message, 'target'));
}

function isTrim(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return ['comments', 'attachments'].every((name) => {
    const count = value[name];
    if (!isRecord(count)) return false;
    const { sent, total } = count;
    return (
      Number.isSafeInteger(sent) &&
      Number.isSafeInteger(total) &&
      (sent as number) >= 0 &&
      (sent as number) <= (total as number)
    );
  });
}

function checkUnlink(config: SyncConfig, message: Record<string, unknown>): SyncFailure | null {
  const entity = member(message, 'entity');
  if (!isRef(entity))
    return schema('An unlink message must name the entity (platform, type, id; an http(s) url if any).');
  const reason = member(message, 'reason');
  if (!(
    reason === null ||
    reason === undefined ||
    (typeof reason === 'string' && reason.length <= MAX_REASON)
  )) {
    return schema(`An unlink reason must be text of at most ${MAX_REASON} characters, or null.`);
  }
  return senderProblem(config, entity) ?? targetProblem(config, member(message, 'target'));
}

/** The sender's entity lives on the other side: one on ours is our own sent back, or a faulty sender. */
function senderProblem(config: SyncConfig, entity: EntityRef): SyncFailure | null {
  if (entity.platform !== config.side) return null;
  return syncFailure(
    'own-entity',
    `The message comes from ${describeRef(entity)}, an entity of this side (${config.side}): a message must come from the other side's entity. The other side sent back one of ours; check its adapter.`,
  );
}

function targetProblem(config: SyncConfig, target: unknown): SyncFailure | null {
  if (target === null || target === undefined) return null;
  if (!isRef(target))
    return schema(
      'The message target must be null or an entity (platform, type, id; an http(s) url if any).',
    );
  if (target.platform === config.side && config.entityTypes.includes(target.type)) return null;
  const types = config.entityTypes.join(', ');
  return syncFailure(
    'target-invalid',
    `The message targets ${describeRef(target)}, which this side does not sync: it syncs ${config.side} ${types}. Nothing was read or written; unlink the pair on the other side.`,
  );
}

function isRef(value: unknown): value is EntityRef {
  if (!isRecord(value)) return false;
  const { platform, type, id, key, url } = value;
  return (
    typeof platform === 'string' &&
    typeof type === 'string' &&
    type !== '' &&
    typeof id === 'string' &&
    id !== '' &&
    (key === undefined || typeof key === 'string') &&
    (url === undefined || (typeof url === 'string' && isHttpUrl(url)))
  );
}

function schema(message: string): SyncFailure {
  return syncFailure('schema', message);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

function member(value: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
