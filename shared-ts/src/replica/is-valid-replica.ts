/**
 * The fast path of `validateReplica`: whether a value (already checked by `inspectJson` to be
 * JSON within the depth and size limits) satisfies the replica schema and every check
 * `validateReplica` adds, decided by hand-written code instead of the generic schema validator
 * (which compiles each `pattern` again for every string it checks). It only says yes or no: a
 * value it refuses goes through the schema validator for the errors, so every message stays as
 * it was, and a value it wrongly refused would still be accepted there. The property test in
 * is-valid-replica.fuzz.test.ts holds it to the schema: it never accepts what the schema refuses.
 *
 * No `eval` or `new Function` (Forge's CSP and Lightning Web Security forbid them), no
 * recursion beyond the replica's fixed shape (`custom` values are not descended into: any JSON
 * is allowed there), linear in the size of the value.
 */
import { isHttpUrl, opaqueReferenceProblem } from '../util/http-url';
import { isCalendarDate, parseUtcTimestamp } from '../util/utc-timestamp';
import { replicaJsonSchema } from './replica-json-schema';
import { MAX_REPLICA_ID, MAX_REPLICA_PLATFORM, MAX_REPLICA_URL } from './replica-limits';
import { TIMED_FIELDS } from './types';

type Json = Record<string, unknown>;

const PROPERTIES = replicaJsonSchema.properties;
const TOP_LEVEL: ReadonlySet<string> = new Set(Object.keys(PROPERTIES));
const REQUIRED: readonly string[] = replicaJsonSchema.required;
const ENTITY: ReadonlySet<string> = new Set(Object.keys(PROPERTIES.entity.properties));
const COMMENT: ReadonlySet<string> = new Set(Object.keys(PROPERTIES.comments.items.properties));
const COMMENT_REQUIRED: readonly string[] = PROPERTIES.comments.items.required;
const ATTACHMENT: ReadonlySet<string> = new Set(Object.keys(PROPERTIES.attachments.items.properties));
const ATTACHMENT_REQUIRED: readonly string[] = PROPERTIES.attachments.items.required;
const USER: ReadonlySet<string> = new Set(Object.keys(replicaJsonSchema.$defs.user.properties));
const STATUS: ReadonlySet<string> = new Set(Object.keys(PROPERTIES.status.properties));
const PROJECT: ReadonlySet<string> = new Set(Object.keys(PROPERTIES.project.properties));
const PARENT: ReadonlySet<string> = new Set(Object.keys(PROPERTIES.parent.properties));
const NAMED: ReadonlySet<string> = new Set(Object.keys(replicaJsonSchema.$defs.named.properties));

// The schema's own patterns, compiled once, with the flag the schema validator uses.
const PLATFORM = new RegExp(PROPERTIES.entity.properties.platform.pattern, 'u');
const URL_SHAPE = new RegExp(PROPERTIES.entity.properties.url.pattern, 'u');
const HASH = new RegExp(PROPERTIES.hash.pattern, 'u');
const TIMESTAMP = new RegExp(replicaJsonSchema.$defs.timestamp.pattern, 'u');
const DUE = new RegExp(PROPERTIES.due.pattern, 'u');
const MIME_TYPE = new RegExp(PROPERTIES.attachments.items.properties.mimeType.pattern, 'u');
const SHA256 = new RegExp(PROPERTIES.attachments.items.properties.sha256.pattern, 'u');
const TIMED_POINTER = new RegExp(`^/(${TIMED_FIELDS.join('|')}|custom/.+)$`);

/** Whether `value` is a valid Replica v1 or v2; false may also mean "ask the schema validator". */
export function isValidReplica(value: unknown): boolean {
  if (!isRecord(value) || !closed(value, TOP_LEVEL, REQUIRED)) return false;
  const schema = value.schema;
  const hasTimes = hasOwn(value, 'fieldTimes');
  if (!((schema === 1 && !hasTimes) || (schema === 2 && hasTimes))) return false;
  return (
    entity(value.entity) &&
    isInteger(value.seq) &&
    typeof value.hash === 'string' &&
    HASH.test(value.hash) &&
    stringOrNull(value.summary) &&
    stringOrNull(value.description) &&
    status(value.status) &&
    named(value.priority) &&
    labels(value.labels) &&
    user(value.assignee) &&
    user(value.reporter) &&
    (value.created === null || timestamp(value.created)) &&
    (value.updated === null || timestamp(value.updated)) &&
    due(value.due) &&
    named(value.resolution) &&
    named(value.type) &&
    project(value.project) &&
    parent(value.parent) &&
    isRecord(value.custom) &&
    comments(value.comments) &&
    attachments(value.attachments) &&
    (!hasTimes || fieldTimes(value.fieldTimes))
  );
}

function entity(value: unknown): boolean {
  if (!isRecord(value) || !closed(value, ENTITY, ['platform', 'type', 'id'])) return false;
  const { platform, url } = value;
  return (
    typeof platform === 'string' &&
    PLATFORM.test(platform) &&
    codePoints(platform, MAX_REPLICA_PLATFORM) &&
    id(value.type) &&
    id(value.id) &&
    (!hasOwn(value, 'key') || id(value.key)) &&
    (!hasOwn(value, 'url') || httpUrl(url))
  );
}

function status(value: unknown): boolean {
  if (value === null) return true;
  return (
    isRecord(value) &&
    closed(value, STATUS, ['name']) &&
    nonEmpty(value.name) &&
    (!hasOwn(value, 'category') || stringOrNull(value.category))
  );
}

function named(value: unknown): boolean {
  return value === null || (isRecord(value) && closed(value, NAMED, ['name']) && nonEmpty(value.name));
}

function labels(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const seen = new Set<string>();
  for (const label of value) {
    if (!nonEmpty(label) || seen.has(label)) return false;
    seen.add(label);
  }
  return true;
}

function user(value: unknown): boolean {
  if (value === null) return true;
  return (
    isRecord(value) &&
    closed(value, USER, ['displayName', 'platformId']) &&
    (!hasOwn(value, 'email') || stringOrNull(value.email)) &&
    typeof value.displayName === 'string' &&
    nonEmpty(value.platformId)
  );
}

function due(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'string' || !DUE.test(value)) return false;
  return value.length === 10 ? isCalendarDate(value) : parseUtcTimestamp(value) !== null;
}

function project(value: unknown): boolean {
  if (value === null) return true;
  return (
    isRecord(value) &&
    closed(value, PROJECT, ['key']) &&
    nonEmpty(value.key) &&
    (!hasOwn(value, 'name') || stringOrNull(value.name))
  );
}

function parent(value: unknown): boolean {
  if (value === null) return true;
  return (
    isRecord(value) &&
    closed(value, PARENT, []) &&
    (!hasOwn(value, 'id') || stringOrNull(value.id)) &&
    (!hasOwn(value, 'key') || stringOrNull(value.key)) &&
    (!hasOwn(value, 'url') || value.url === null || httpUrl(value.url))
  );
}

function comments(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const ids = new Set<string>();
  for (const item of value) {
    if (!isRecord(item) || !closed(item, COMMENT, COMMENT_REQUIRED)) return false;
    const ok =
      id(item.id) &&
      !ids.has(item.id as string) &&
      user(item.author) &&
      typeof item.body === 'string' &&
      timestamp(item.created) &&
      (item.updated === null || timestamp(item.updated)) &&
      typeof item.internal === 'boolean';
    if (!ok) return false;
    ids.add(item.id as string);
  }
  return true;
}

function attachments(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const ids = new Set<string>();
  for (const item of value) {
    if (!isRecord(item) || !closed(item, ATTACHMENT, ATTACHMENT_REQUIRED)) return false;
    const { mimeType, sha256, ref } = item;
    const ok =
      id(item.id) &&
      !ids.has(item.id as string) &&
      nonEmpty(item.filename) &&
      typeof mimeType === 'string' &&
      MIME_TYPE.test(mimeType) &&
      isInteger(item.size) &&
      (!hasOwn(item, 'sha256') || sha256 === null || (typeof sha256 === 'string' && SHA256.test(sha256))) &&
      timestamp(item.created) &&
      user(item.author) &&
      nonEmpty(ref) &&
      codePoints(ref, MAX_REPLICA_URL) &&
      opaqueReferenceProblem(ref) === null;
    if (!ok) return false;
    ids.add(item.id as string);
  }
  return true;
}

function fieldTimes(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key of Object.keys(value)) {
    if (!TIMED_POINTER.test(key) || !timestamp(value[key])) return false;
  }
  return true;
}

/** Every own key is known and every required one is there. */
function closed(value: Json, known: ReadonlySet<string>, required: readonly string[]): boolean {
  for (const key of Object.keys(value)) if (!known.has(key)) return false;
  for (const key of required) if (!hasOwn(value, key)) return false;
  return true;
}

function timestamp(value: unknown): boolean {
  return typeof value === 'string' && TIMESTAMP.test(value) && parseUtcTimestamp(value) !== null;
}

function httpUrl(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    codePoints(value, MAX_REPLICA_URL) &&
    URL_SHAPE.test(value) &&
    isHttpUrl(value)
  );
}

function id(value: unknown): value is string {
  return nonEmpty(value) && codePoints(value, MAX_REPLICA_ID);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function stringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function isInteger(value: unknown): boolean {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER
  );
}

/** At most `max` code points (the schema's `maxLength` counts so); counted only when the UTF-16 length leaves it open. */
function codePoints(text: string, max: number): boolean {
  if (text.length <= max) return true;
  let count = 0;
  for (const _ of text) if (++count > max) return false;
  return true;
}

function hasOwn(value: Json, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, name);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
