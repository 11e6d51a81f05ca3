/**
 * Shape checks of the format-2 records the adapters store (link, queue item, connection), for the
 * migrations: a record that says `format: 2` but is not one (a bug, a hand edit, a partial write)
 * is refused with a coded failure naming the member, instead of reaching the engine. Only the
 * members the engine reads are checked, one level into JSON values it never walks here (a
 * baseline value, a snapshot view), so the time is linear in the record and nothing recurses on
 * it. Each answers the first problem as `<path> must be <what>`, or null.
 */
import { validateReplica } from '../../replica';
import { MAX_REPLACED_REPLICAS } from '../incoming/carry-replaced-replicas';
import { LINK_FORMAT } from './link';
import { QUEUE_ITEM_FORMAT } from './queue-item';

type Check = (value: unknown, path: string) => string | null;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value, path) => (typeof value === 'string' ? null : `${path} must be text`);
const count: Check = (value, path) =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? null : `${path} must be a whole number, 0 or more`;
const present: Check = (value, path) => (value === undefined ? `${path} must be present` : null);
const object: Check = (value, path) => (isRecord(value) ? null : `${path} must be an object`);

function nullable(check: Check): Check {
  return (value, path) => (value === null ? null : check(value, path));
}

function optional(check: Check): Check {
  return (value, path) => (value === undefined ? null : check(value, path));
}

function oneOf(...choices: readonly unknown[]): Check {
  return (value, path) =>
    choices.includes(value)
      ? null
      : `${path} must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
}

function shape(members: Record<string, Check>): Check {
  return (value, path) => {
    if (!isRecord(value)) return `${path} must be an object`;
    for (const [name, check] of Object.entries(members)) {
      const problem = check(value[name], `${path}/${name}`);
      if (problem) return problem;
    }
    return null;
  };
}

function list(check: Check, max = Infinity): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be a list`;
    if (value.length > max) return `${path} must hold at most ${max} items`;
    for (const [index, item] of value.entries()) {
      const problem = check(item, `${path}/${index}`);
      if (problem) return problem;
    }
    return null;
  };
}

function values(check: Check): Check {
  return (value, path) => {
    if (!isRecord(value)) return `${path} must be an object`;
    for (const [name, item] of Object.entries(value)) {
      const problem = check(item, `${path}/${name}`);
      if (problem) return problem;
    }
    return null;
  };
}

const entityRef = shape({ platform: string, type: string, id: string });
const idPair = shape({ remote: string, local: string });
const trimCount = shape({ sent: count, total: count });
const trim = shape({ comments: trimCount, attachments: trimCount });

const replicaMessage: Check = (value, path) => {
  const problem = shape({
    kind: oneOf('replica'),
    target: nullable(entityRef),
    applied: count,
    replica: object,
    trimmed: optional(trim),
  })(value, path);
  if (problem) return problem;
  const replica = (value as Record<string, unknown>).replica;
  return validateReplica(replica).ok ? null : `${path}/replica must be a valid replica`;
};

const syncMessage: Check = (value, path) => {
  if (isRecord(value) && value.kind === 'unlink') {
    return shape({ entity: entityRef, target: nullable(entityRef), reason: nullable(string) })(value, path);
  }
  return replicaMessage(value, path);
};

const linkShape = shape({
  format: oneOf(LINK_FORMAT),
  connectionId: string,
  local: entityRef,
  remote: nullable(entityRef),
  state: oneOf('active', 'unlinked'),
  incoming: shape({
    seq: count,
    acked: count,
    baseline: list(shape({ path: list(string), value: present, sentSeq: count })),
    previousRun: optional(
      shape({
        replicaHash: string,
        rules: string,
        writes: list(shape({ path: list(string), value: present })),
      }),
    ),
  }),
  outgoing: shape({
    seq: count,
    lastSentHash: nullable(string),
    unacked: list(shape({ seq: count, applied: count, view: object })),
    delivered: count,
    fields: values(shape({ digest: string, time: nullable(string) })),
  }),
  comments: list(idPair),
  attachments: list(idPair),
  lastSyncAt: nullable(string),
  version: count,
  trimmed: optional(trim),
});

const queueItemShape = shape({
  format: oneOf(QUEUE_ITEM_FORMAT),
  id: string,
  key: string,
  connectionId: string,
  entity: entityRef,
  message: nullable(syncMessage),
  replaced: optional(list(replicaMessage, MAX_REPLACED_REPLICAS)),
  messageId: string,
  offers: count,
  lastOfferedAt: nullable(string),
  queuedAt: string,
  attempts: count,
  nextAttemptAt: string,
  state: oneOf('pending', 'error'),
  lastError: nullable(shape({ code: string, message: string })),
  version: count,
});

const speaks = shape({ protocol: list(count), replica: list(count), capabilities: list(string) });

const connectionShape = shape({ peerSpeaks: speaks, speaks: optional(speaks) });

/** Why a stored format-2 link is not one (the first problem), or null. */
export function linkShapeProblem(value: unknown): string | null {
  return linkShape(value, '');
}

/** Why a stored format-2 queue item is not one (the first problem), or null. */
export function queueItemShapeProblem(value: unknown): string | null {
  return queueItemShape(value, '');
}

/** Why a stored format-2 connection is not one: what the peer speaks, and what both speak if recorded. */
export function connectionShapeProblem(value: unknown): string | null {
  return connectionShape(value, '');
}
