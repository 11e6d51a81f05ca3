/** The small, readable values the sync vector sets are built from. */
import type { EntityRef, JsonValue } from '../../replica';
import type { ReplicaContent } from '../../sync/outgoing/build-outgoing-replica';
import { createLink } from '../../sync/links/create-link';
import type { Link, SentSnapshot } from '../../sync/model/link';
import { QUEUE_ITEM_FORMAT, queueKey, type QueueItem } from '../../sync/model/queue-item';
import type { SyncMessage } from '../../sync/model/sync-message';

/** The local Salesforce Case of every sync vector. */
export const CASE: EntityRef = { platform: 'salesforce', type: 'Case', id: '500A' };

/** The remote Jira issue of every sync vector. */
export const ISSUE: EntityRef = { platform: 'jira', type: 'issue', id: '10001', key: 'SUP-1' };

/** The outgoing replica content of the Case (Replica v2, one custom field). */
export function contentOf(overrides: Partial<ReplicaContent> = {}): ReplicaContent {
  return {
    schema: 2,
    entity: CASE,
    summary: 'Printer on fire',
    description: '<p>Smoke everywhere</p>',
    status: { name: 'New', category: 'new' },
    priority: { name: 'High' },
    labels: [],
    assignee: null,
    reporter: null,
    created: '2026-11-20T08:00:00.000Z',
    updated: '2026-11-20T09:00:00.000Z',
    due: null,
    resolution: null,
    type: { name: 'Case' },
    project: null,
    parent: null,
    custom: { Region: 'EMEA' },
    comments: [],
    attachments: [],
    fieldTimes: {
      '/summary': '2026-11-20T09:00:00.000Z',
      '/custom/Region': '2026-11-20T08:00:00.000Z',
    },
    ...overrides,
  };
}

/** A link of the Case to the issue with the given outgoing and incoming state. */
export function linkOf(
  outgoing: Partial<Link['outgoing']> = {},
  incoming: Partial<Link['incoming']> = {},
  remote: EntityRef | null = ISSUE,
): Link {
  const link = createLink('conn-acme', CASE, remote);
  return {
    ...link,
    incoming: { ...link.incoming, ...incoming },
    outgoing: { ...link.outgoing, ...outgoing },
    lastSyncAt: '2026-11-20T09:30:00.000Z',
    version: 3,
  };
}

/** A snapshot of a sent replica. */
export function snapshotOf(seq: number, view: Record<string, JsonValue>, applied = 0): SentSnapshot {
  return { seq, applied, view };
}

/** A queue item of the Case holding `message`, with the given state. */
export function itemOf(message: SyncMessage | null, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    format: QUEUE_ITEM_FORMAT,
    id: 'item-1',
    key: queueKey('conn-acme', CASE),
    connectionId: 'conn-acme',
    entity: CASE,
    message,
    messageId: '01JD0000000000000000000001',
    offers: 0,
    lastOfferedAt: null,
    queuedAt: '2026-11-20T10:00:00.000Z',
    attempts: 0,
    nextAttemptAt: '2026-11-20T10:00:00.000Z',
    state: 'pending',
    lastError: null,
    version: 1,
    ...overrides,
  };
}

/** A replica message of the Case with the given seq and hash. */
export function replicaMessageOf(
  seq: number,
  hash: string,
  overrides: { applied?: number; target?: EntityRef | null; content?: Partial<ReplicaContent> } = {},
): SyncMessage {
  return {
    kind: 'replica',
    replica: { ...contentOf(overrides.content), seq, hash },
    target: overrides.target === undefined ? ISSUE : overrides.target,
    applied: overrides.applied ?? 0,
    policy: 'remote-wins',
  };
}

/** An unlink message of the Case. */
export function unlinkMessageOf(): SyncMessage {
  return { kind: 'unlink', entity: CASE, target: ISSUE, reason: 'unlinked by an admin' };
}
