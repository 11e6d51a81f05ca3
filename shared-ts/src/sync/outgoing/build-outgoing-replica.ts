import { REPLICA_SCHEMA_VERSION, type EntityRef, type JsonValue, type Replica } from '../../replica';
import type { Side } from '../../rules/runtime/types';
import type { Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import type { RulesEngine } from '../model/ports';
import { stampFields } from './stamp-fields';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import { withoutEchoItems } from './without-echo-items';

/** A replica before the engine gives it its seq and hash. */
export type ReplicaContent = Omit<Replica, 'seq' | 'hash'>;

/** What `buildOutgoingReplica` needs. */
export interface OutgoingBuildInput {
  link: Link;
  local: LocalEntity;
  rules: { side: Side; script: string };
  runRules: RulesEngine;
  connection?: Record<string, JsonValue>;
  now: string;
  /** The remote replica just applied, when this build follows an apply (see `stampFields`). */
  adopted?: Replica | null;
}

/** The replica content, or why it could not be built. */
export type OutgoingBuild = { ok: true; content: ReplicaContent } | { ok: false; error: SyncFailure };

/**
 * Runs the outgoing rules on the local entity (without the items that came from the remote) and
 * returns the replica they build. The rules start from an empty replica; `schema`, `entity` and
 * `fieldTimes` are the engine's to set, whatever the rules wrote there. Field times carry over
 * from the link's stamps of the last build where a value is unchanged (`stampFields`).
 */
export function buildOutgoingReplica(input: OutgoingBuildInput): OutgoingBuild {
  const start = emptyReplica(input.local.ref);
  const result = input.runRules(input.rules.script, input.rules.side, 'outgoing', {
    entity: withoutEchoItems(input.local, input.link),
    replica: start as unknown as Record<string, unknown>,
    firstSync: input.link.outgoing.seq === 0,
    now: input.now,
    ...(input.connection ? { connection: input.connection } : {}),
  });
  if (!result.ok) {
    const { line, column, code, message } = result.error;
    return {
      ok: false,
      error: syncFailure(
        'rule-error',
        `The outgoing rules failed at line ${line}, column ${column}: ${message} (${code}).`,
      ),
    };
  }
  const {
    seq: _seq,
    hash: _hash,
    schema: _schema,
    entity: _entity,
    fieldTimes: _fieldTimes,
    ...content
  } = result.output;
  const built: ReplicaContent = {
    schema: REPLICA_SCHEMA_VERSION,
    entity: input.local.ref,
    ...(content as Omit<ReplicaContent, 'schema' | 'entity'>),
  };
  const { fieldTimes } = stampFields({
    previous: input.link.outgoing.fields,
    content: built,
    modifiedAt: input.local.modifiedAt,
    adopted: input.adopted ?? null,
  });
  return { ok: true, content: { ...built, fieldTimes } };
}

function emptyReplica(entity: EntityRef): ReplicaContent {
  return {
    schema: REPLICA_SCHEMA_VERSION,
    entity,
    summary: null,
    description: null,
    status: null,
    priority: null,
    labels: [],
    assignee: null,
    reporter: null,
    created: null,
    updated: null,
    due: null,
    resolution: null,
    type: null,
    project: null,
    parent: null,
    custom: {},
    comments: [],
    attachments: [],
    fieldTimes: {},
  };
}
