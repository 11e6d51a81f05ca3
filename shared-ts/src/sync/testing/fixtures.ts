/** Shared fixtures of the sync tests: entities, replicas and local views with sensible defaults. */
import {
  replicaContentHash,
  type EntityRef,
  type JsonValue,
  type Replica,
  type ReplicaComment,
} from '../../replica';
import type { LocalEntity } from '../model/local-entity';

/** A Jira issue, the remote side in most tests. */
export const JIRA_ISSUE: EntityRef = { platform: 'jira', type: 'issue', id: '10001', key: 'SUP-1' };

/** A Salesforce Case, the local side in most tests. */
export const SALESFORCE_CASE: EntityRef = { platform: 'salesforce', type: 'Case', id: '500A' };

/** A complete replica of JIRA_ISSUE with the given members replaced. */
export function replicaOf(overrides: Partial<Replica> = {}): Replica {
  return {
    schema: 1,
    entity: JIRA_ISSUE,
    seq: 1,
    hash: 'h1',
    summary: 'Printer on fire',
    description: '<p>Smoke everywhere</p>',
    status: { name: 'To Do', category: 'new' },
    priority: { name: 'High' },
    labels: [],
    assignee: null,
    reporter: null,
    created: '2026-11-20T08:00:00.000Z',
    updated: '2026-11-20T09:00:00.000Z',
    due: null,
    resolution: null,
    type: { name: 'Task' },
    project: { key: 'SUP' },
    parent: null,
    custom: {},
    comments: [],
    attachments: [],
    ...overrides,
  };
}

/** `replicaOf(overrides)` with its true content hash, as the engine's `receive` requires. */
export async function hashedReplicaOf(overrides: Partial<Replica> = {}): Promise<Replica> {
  const replica = replicaOf(overrides);
  return { ...replica, hash: await replicaContentHash(replica) };
}

/** A remote comment with the given id and body. */
export function commentOf(id: string, body: string, overrides: Partial<ReplicaComment> = {}): ReplicaComment {
  return {
    id,
    author: { displayName: 'Ada', platformId: 'u-ada' },
    body,
    created: '2026-11-20T08:30:00.000Z',
    updated: null,
    internal: false,
    ...overrides,
  };
}

/** The local Case with the given view. */
export function caseOf(view: Record<string, JsonValue>, overrides: Partial<LocalEntity> = {}): LocalEntity {
  return { ref: SALESFORCE_CASE, view, modifiedAt: '2026-11-20T08:00:00.000Z', ...overrides };
}
