/**
 * Replica v2: a platform-neutral JSON document of one entity's whole state. v2 is v1 plus
 * `fieldTimes`, when each field last changed; receivers read both versions.
 *
 * Fields sit at the top level exactly as rules write them (`replica.summary = ...`).
 * Rich text (description, comment bodies) is the sanitised HTML subset documented in
 * docs/replica.md. Times are ISO-8601 strings in UTC. Absent values are `null`, never
 * `undefined`, so a replica survives JSON unchanged.
 */

/** The replica format version this code writes. */
export const REPLICA_SCHEMA_VERSION = 2;

/** The replica format versions this code reads (and can send, see `downgradeReplica`). */
export const REPLICA_SCHEMA_VERSIONS: readonly ReplicaSchemaVersion[] = [1, 2];

/** A replica format version: 1 (no field times) or 2. */
export type ReplicaSchemaVersion = 1 | 2;

/**
 * The top-level replica fields that carry a change time in `fieldTimes` (besides each custom
 * field, as `/custom/<name>`). `created` and `updated` are times themselves; `comments` and
 * `attachments` are kept in step by identity, not by time.
 */
export const TIMED_FIELDS = [
  'summary',
  'description',
  'status',
  'priority',
  'labels',
  'assignee',
  'reporter',
  'due',
  'resolution',
  'type',
  'project',
  'parent',
] as const;

/**
 * When each field last changed on the sending side, by JSON pointer (`/summary`,
 * `/custom/Customer Tier`, the name escaped as RFC 6901 says), as UTC timestamps. A field
 * missing from it has no known time.
 */
export type FieldTimes = Record<string, string>;

/** Which platform an entity lives on. Open-ended so a new node (say Zendesk) needs no change here. */
export type Platform = 'jira' | 'salesforce' | (string & {});

/** Identifies the entity a replica describes, on the side that sent it. */
export interface EntityRef {
  platform: Platform;
  /** Entity type on its platform: `issue` on Jira, `Case` on Salesforce. */
  type: string;
  /** Stable platform id (Jira issue id, Salesforce record id). */
  id: string;
  /** Human key where the platform has one (`PROJ-12`, a CaseNumber). Omitted when none (never null). */
  key?: string;
  /** Link a person can open. Omitted when none (never null). */
  url?: string;
}

/** A person, as far as the other side needs to know them. */
export interface ReplicaUser {
  email?: string | null;
  displayName: string;
  /** The user's id on the sending platform (Jira accountId, Salesforce User Id). */
  platformId: string;
}

export interface ReplicaStatus {
  name: string;
  /** Jira status category (`new`, `indeterminate`, `done`) or the sender's equivalent. */
  category?: string | null;
}

export interface ReplicaNamed {
  name: string;
}

export interface ReplicaComment {
  /** The comment's id on the sending side; the receiver keeps an id map to its own. */
  id: string;
  author: ReplicaUser | null;
  /** Sanitised HTML subset. */
  body: string;
  created: string;
  updated: string | null;
  /** Internal (agent-only / Jira Service Management internal) comments stay internal. */
  internal: boolean;
}

export interface ReplicaAttachment {
  id: string;
  filename: string;
  mimeType: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the content, when the sender knows it. */
  sha256?: string | null;
  created: string;
  author: ReplicaUser | null;
  /** Opaque reference the receiver passes back to the sender to fetch the bytes. */
  ref: string;
}

/** A custom field value: any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The whole state of one entity, as sent from one side to the other. */
export interface Replica {
  /** The format version; this code writes 2 and reads 1 and 2. */
  schema: ReplicaSchemaVersion;
  entity: EntityRef;
  /** Monotonic per entity and sender; the receiver drops a replica whose seq is not newer. */
  seq: number;
  /** Hash of the content (everything but schema, entity, seq, hash and fieldTimes); see docs/replica.md. */
  hash: string;
  summary: string | null;
  description: string | null;
  status: ReplicaStatus | null;
  priority: ReplicaNamed | null;
  /** Non-empty, each at most once; senders should sort them so that equal sets hash equally. */
  labels: string[];
  assignee: ReplicaUser | null;
  reporter: ReplicaUser | null;
  /** UTC timestamp ending in `Z`. */
  created: string | null;
  /** UTC timestamp ending in `Z`. */
  updated: string | null;
  /** Calendar date `YYYY-MM-DD`, or a UTC timestamp when the due value has a time. */
  due: string | null;
  resolution: ReplicaNamed | null;
  type: ReplicaNamed | null;
  project: { key: string; name?: string | null } | null;
  parent: { id?: string | null; key?: string | null; url?: string | null } | null;
  /** Custom fields by display name. */
  custom: Record<string, JsonValue>;
  comments: ReplicaComment[];
  attachments: ReplicaAttachment[];
  /**
   * v2 only (present exactly when `schema` is 2): when each field last changed, derived by the
   * sending engine from successive builds. `newest-wins` compares these per field.
   */
  fieldTimes?: FieldTimes;
}
