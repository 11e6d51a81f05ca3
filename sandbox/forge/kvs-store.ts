/**
 * The Forge hosted storage stand-in: the Key-Value Store, secrets and the Custom Entity Store,
 * answering the wire calls @forge/kvs 1.6.5 makes (`POST /api/v1/...`, JSON bodies) with the
 * bodies and error shapes the SDK reads (`{ code, message }` on a non-2xx status, `KEY_NOT_FOUND`
 * turned into `undefined` by the SDK). Persisted in SQLite through better-sqlite3 (a file in a
 * folder, or `:memory:`), enforcing the documented limits: keys 1..500 characters matching
 * `KEY_PATTERN`, values up to 240 KiB and 32 levels deep, at most 20 results per query page, at
 * most 25 operations per transaction. Expired values (a `ttl`) are invisible and swept on write.
 * Only the seam adapter (`forge-runtime.ts`) calls it.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Keys the KVS accepts (developer.atlassian.com, "Error handling for the Key-Value Store"). */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
/** Longest key, characters. */
export const MAX_KEY_LENGTH = 500;
/** Largest value, bytes of its JSON (240 KiB). */
export const MAX_VALUE_BYTES = 240 * 1024;
/** Deepest value (objects and arrays nested). */
export const MAX_VALUE_DEPTH = 32;
/** Most results per query page. */
export const MAX_QUERY_LIMIT = 20;
/** Most operations (set + delete + check) in one transaction. */
export const MAX_TRANSACTION_OPS = 25;

/** An attribute type of a custom entity, as the manifest declares it. */
export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

/** An index of a custom entity: equality on the partition attributes, ordered by the range attribute. */
export interface EntityIndex {
  name: string;
  partition: string[];
  range: string;
}

/** A custom entity as declared under `app.storage.entities` (indexes normalised). */
export interface EntityDeclaration {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndex[];
}

/** The answer of one wire call: HTTP status and JSON text ('' for none). */
export interface KvsAnswer {
  status: number;
  body: string;
}

/** One error as the KVS sends it. */
class KvsFailure {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

type Space = 'kvs' | 'secret' | 'entity';

interface Row {
  value: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
}

type Condition = { condition: string; property?: string; values?: unknown[] };
type Conditions = { and?: Condition[]; or?: Condition[] };

const TTL_UNITS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/** The storage stand-in. One instance per installation. */
export class SqliteKvs {
  readonly db: Database.Database;
  /** Where the SQLite file is, or ':memory:'. */
  readonly location: string;
  private readonly entities = new Map<string, EntityDeclaration>();
  /** How many wire calls were answered, by path (tests assert calls reached the stand-in). */
  readonly calls = new Map<string, number>();

  constructor(
    folder: string | ':memory:',
    private readonly now: () => number,
    entities: readonly EntityDeclaration[] = [],
  ) {
    if (folder === ':memory:') this.location = ':memory:';
    else {
      mkdirSync(folder, { recursive: true });
      this.location = join(folder, 'forge-storage.sqlite');
    }
    this.db = new Database(this.location);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS kv (
      space TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expires_at INTEGER,
      PRIMARY KEY (space, entity, key))`);
    for (const entity of entities) this.entities.set(entity.name, entity);
  }

  /** Declares (or redeclares) custom entities, as a deploy of the manifest would. */
  declareEntities(entities: readonly EntityDeclaration[]): void {
    for (const entity of entities) this.entities.set(entity.name, entity);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }

  /** Answers one wire call (`path` like `/api/v1/get`, `body` the request's JSON text). Never throws. */
  handle(path: string, body: string): KvsAnswer {
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    let request: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
      request = parsed as Record<string, unknown>;
    } catch {
      return fail(new KvsFailure(400, 'BAD_REQUEST', 'The request body is not a JSON object.'));
    }
    try {
      return this.route(path, request);
    } catch (error) {
      if (error instanceof KvsFailure) return fail(error);
      return fail(
        new KvsFailure(500, 'INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error)),
      );
    }
  }

  private route(path: string, request: Record<string, unknown>): KvsAnswer {
    switch (path) {
      case '/api/v1/get':
        return this.get('kvs', '', request);
      case '/api/v1/secret/get':
        return this.get('secret', '', request);
      case '/api/v1/entity/get':
        return this.get('entity', this.entityName(request.entityName), request);
      case '/api/v1/set':
        return this.set('kvs', '', request);
      case '/api/v1/secret/set':
        return this.set('secret', '', request);
      case '/api/v1/entity/set':
        return this.set('entity', this.entityName(request.entityName), request);
      case '/api/v1/delete':
        return this.remove('kvs', '', request);
      case '/api/v1/secret/delete':
        return this.remove('secret', '', request);
      case '/api/v1/entity/delete':
        return this.remove('entity', this.entityName(request.entityName), request);
      case '/api/v1/query':
        return this.query(request);
      case '/api/v1/entity/query':
        return this.queryEntity(request);
      case '/api/v1/transaction':
        return this.transact(request);
      default:
        throw new KvsFailure(404, 'NOT_FOUND', `The stand-in does not serve ${path}.`);
    }
  }

  private entityName(name: unknown): string {
    if (typeof name !== 'string' || name.length === 0)
      throw new KvsFailure(400, 'BAD_REQUEST', 'entityName is required.');
    if (!this.entities.has(name))
      throw new KvsFailure(
        400,
        'ENTITY_NOT_FOUND',
        `No custom entity "${name}" is declared in the manifest.`,
      );
    return name;
  }

  private read(space: Space, entity: string, key: string): Row | null {
    const row = this.db
      .prepare(
        'SELECT value, created_at, updated_at, expires_at FROM kv WHERE space = ? AND entity = ? AND key = ?',
      )
      .get(space, entity, key) as Row | undefined;
    if (!row) return null;
    if (row.expires_at !== null && row.expires_at <= this.now()) return null;
    return row;
  }

  private get(space: Space, entity: string, request: Record<string, unknown>): KvsAnswer {
    const key = checkKey(request.key);
    const row = this.read(space, entity, key);
    if (!row) throw new KvsFailure(404, 'KEY_NOT_FOUND', `The key "${key}" does not exist.`);
    return ok(200, this.result(key, row));
  }

  private result(key: string, row: Row): Record<string, unknown> {
    return {
      key,
      value: JSON.parse(row.value) as unknown,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(row.expires_at !== null ? { expireTime: new Date(row.expires_at).toISOString() } : {}),
    };
  }

  private set(space: Space, entity: string, request: Record<string, unknown>): KvsAnswer {
    const key = checkKey(request.key);
    const options = (request.options ?? {}) as Record<string, unknown>;
    const text = checkValue(request.value);
    if (entity) this.checkAttributes(entity, request.value);
    const previous = this.read(space, entity, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous)
      throw new KvsFailure(409, 'KEY_ALREADY_EXISTS', `The key "${key}" already exists.`);
    const written = this.db.transaction(() => this.write(space, entity, key, text, options.ttl))();
    if (options.returnValue === 'PREVIOUS') return previous ? ok(200, this.result(key, previous)) : ok(204);
    if (options.returnValue === 'LATEST') return ok(200, this.result(key, written));
    return ok(204);
  }

  private write(space: Space, entity: string, key: string, text: string, ttl: unknown): Row {
    const now = this.now();
    this.db.prepare('DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?').run(now);
    const previous = this.read(space, entity, key);
    const row: Row = {
      value: text,
      created_at: previous?.created_at ?? now,
      updated_at: now,
      expires_at: expiryOf(ttl, now),
    };
    this.db
      .prepare(
        `INSERT INTO kv (space, entity, key, value, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (space, entity, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
      )
      .run(space, entity, key, row.value, row.created_at, row.updated_at, row.expires_at);
    return row;
  }

  private remove(space: Space, entity: string, request: Record<string, unknown>): KvsAnswer {
    const key = checkKey(request.key);
    this.db.prepare('DELETE FROM kv WHERE space = ? AND entity = ? AND key = ?').run(space, entity, key);
    return ok(204);
  }

  private checkAttributes(entity: string, value: unknown): void {
    const declared = this.entities.get(entity);
    if (!declared) return;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new KvsFailure(
        400,
        'INVALID_ENTITY',
        `A value of entity "${entity}" must be an object of attributes.`,
      );
    for (const [name, attribute] of Object.entries(value)) {
      const type = declared.attributes[name];
      if (!type)
        throw new KvsFailure(400, 'INVALID_ATTRIBUTE', `Entity "${entity}" declares no attribute "${name}".`);
      if (!typeMatches(type, attribute))
        throw new KvsFailure(
          400,
          'INVALID_ATTRIBUTE_TYPE',
          `Attribute "${name}" of entity "${entity}" is declared ${type}.`,
        );
    }
  }

  private query(request: Record<string, unknown>): KvsAnswer {
    const limit = checkLimit(request.limit);
    const where = Array.isArray(request.where) ? (request.where as Condition[]) : [];
    if (where.length > 1)
      throw new KvsFailure(400, 'BAD_REQUEST', 'A query takes at most one where condition.');
    const first = where[0];
    if (first && (first.property !== 'key' || first.condition !== 'BEGINS_WITH'))
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        'The Key-Value Store filters on the key with BEGINS_WITH only.',
      );
    const prefix = first ? String(first.values?.[0] ?? '') : '';
    const after = typeof request.after === 'string' ? decodeCursor(request.after)[0] : '';
    const rows = this.db
      .prepare(
        `SELECT key, value, created_at, updated_at, expires_at FROM kv
         WHERE space = 'kvs' AND entity = '' AND substr(key, 1, ?) = ? AND key > ?
         AND (expires_at IS NULL OR expires_at > ?) ORDER BY key LIMIT ?`,
      )
      .all(prefix.length, prefix, after ?? '', this.now(), limit + 1) as (Row & { key: string })[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return ok(200, {
      data: page.map((row) => this.result(row.key, row)),
      ...(rows.length > limit && last ? { cursor: encodeCursor([last.key]) } : {}),
    });
  }

  private queryEntity(request: Record<string, unknown>): KvsAnswer {
    const entity = this.entityName(request.entityName);
    const declared = this.entities.get(entity) as EntityDeclaration;
    const index = declared.indexes.find((candidate) => candidate.name === request.indexName);
    if (!index)
      throw new KvsFailure(
        400,
        'INDEX_NOT_FOUND',
        `Entity "${entity}" has no index "${String(request.indexName)}".`,
      );
    const limit = checkLimit(request.limit);
    const partition = Array.isArray(request.partition) ? request.partition : [];
    if (partition.length !== index.partition.length)
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `Index "${index.name}" is partitioned by ${index.partition.length} attribute(s); ${partition.length} value(s) given.`,
      );
    const range = request.range as Condition | undefined;
    const filters = request.filters as Conditions | undefined;
    const descending = request.sort === 'DESC';
    const rows = this.db
      .prepare(
        `SELECT key, value, created_at, updated_at, expires_at FROM kv WHERE space = 'entity' AND entity = ?
         AND (expires_at IS NULL OR expires_at > ?)`,
      )
      .all(entity, this.now()) as (Row & { key: string })[];
    const matched: { key: string; order: unknown; row: Row }[] = [];
    for (const row of rows) {
      const value = JSON.parse(row.value) as Record<string, unknown>;
      if (!index.partition.every((name, at) => value[name] === partition[at])) continue;
      if (!(index.range in value)) continue;
      if (range && !holds({ ...range, property: index.range }, value)) continue;
      if (filters && !matches(filters, value)) continue;
      matched.push({ key: row.key, order: value[index.range], row });
    }
    matched.sort((a, b) => compare(a.order, b.order) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (descending) matched.reverse();
    let start = 0;
    if (typeof request.cursor === 'string') {
      const [, key] = decodeCursor(request.cursor);
      const at = matched.findIndex((candidate) => candidate.key === key);
      start = at < 0 ? matched.length : at + 1;
    }
    const page = matched.slice(start, start + limit);
    const last = page[page.length - 1];
    return ok(200, {
      data: page.map((item) => this.result(item.key, item.row)),
      ...(start + limit < matched.length && last
        ? { cursor: encodeCursor([String(last.order), last.key]) }
        : {}),
    });
  }

  private transact(request: Record<string, unknown>): KvsAnswer {
    const sets = (Array.isArray(request.set) ? request.set : []) as Record<string, unknown>[];
    const deletes = (Array.isArray(request.delete) ? request.delete : []) as Record<string, unknown>[];
    const checks = (Array.isArray(request.check) ? request.check : []) as Record<string, unknown>[];
    const count = sets.length + deletes.length + checks.length;
    if (count === 0) throw new KvsFailure(400, 'BAD_REQUEST', 'A transaction needs at least one operation.');
    if (count > MAX_TRANSACTION_OPS)
      throw new KvsFailure(
        400,
        'TOO_MANY_OPERATIONS',
        `A transaction holds at most ${MAX_TRANSACTION_OPS} operations; ${count} given.`,
      );
    const seen = new Set<string>();
    const target = (op: Record<string, unknown>): { space: Space; entity: string; key: string } => {
      const key = checkKey(op.key);
      const entity = op.entityName === undefined ? '' : this.entityName(op.entityName);
      const id = `${entity}\n${key}`;
      if (seen.has(id))
        throw new KvsFailure(400, 'BAD_REQUEST', `The transaction names the key "${key}" more than once.`);
      seen.add(id);
      if (!entity && op.conditions !== undefined)
        throw new KvsFailure(400, 'BAD_REQUEST', 'Conditions apply to custom entities only.');
      return { space: entity ? 'entity' : 'kvs', entity, key };
    };
    const planned: (() => void)[] = [];
    const failed: string[] = [];
    const condition = (where: ReturnType<typeof target>, conditions: unknown): void => {
      if (conditions === undefined) return;
      const row = this.read(where.space, where.entity, where.key);
      const value = row ? (JSON.parse(row.value) as Record<string, unknown>) : {};
      if (!matches(conditions as Conditions, value)) failed.push(where.key);
    };
    for (const op of sets) {
      const where = target(op);
      const text = checkValue(op.value);
      if (where.entity) this.checkAttributes(where.entity, op.value);
      condition(where, op.conditions);
      const ttl = (op.options as Record<string, unknown> | undefined)?.ttl;
      planned.push(() => this.write(where.space, where.entity, where.key, text, ttl));
    }
    for (const op of deletes) {
      const where = target(op);
      condition(where, op.conditions);
      planned.push(() =>
        this.db
          .prepare('DELETE FROM kv WHERE space = ? AND entity = ? AND key = ?')
          .run(where.space, where.entity, where.key),
      );
    }
    for (const op of checks) {
      const where = target(op);
      if (!where.entity) throw new KvsFailure(400, 'BAD_REQUEST', 'A check names a custom entity.');
      condition(where, op.conditions ?? {});
    }
    if (failed.length > 0)
      throw new KvsFailure(
        409,
        'CONDITION_FAILED',
        `The transaction was cancelled: the conditions on ${failed.map((key) => `"${key}"`).join(', ')} do not hold.`,
      );
    this.db.transaction(() => planned.forEach((run) => run()))();
    return ok(204);
  }
}

function ok(status: number, body?: unknown): KvsAnswer {
  return { status, body: body === undefined ? '' : JSON.stringify(body) };
}

function fail(failure: KvsFailure): KvsAnswer {
  return { status: failure.status, body: JSON.stringify({ code: failure.code, message: failure.message }) };
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0)
    throw new KvsFailure(400, 'EMPTY_KEY', 'Key cannot be empty.');
  if (key.length > MAX_KEY_LENGTH)
    throw new KvsFailure(
      400,
      'KEY_TOO_LONG',
      `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters (${key.length}).`,
    );
  if (!KEY_PATTERN.test(key))
    throw new KvsFailure(
      400,
      'INVALID_KEY',
      `The provided key does not match the regex: ${String(KEY_PATTERN)}`,
    );
  return key;
}

function checkValue(value: unknown): string {
  if (value === undefined) throw new KvsFailure(400, 'BAD_REQUEST', 'A value is required.');
  if (depthOver(value, MAX_VALUE_DEPTH))
    throw new KvsFailure(
      400,
      'MAX_DEPTH',
      `The provided value has exceeded the maximum object depth (${MAX_VALUE_DEPTH}) limit.`,
    );
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_VALUE_BYTES)
    throw new KvsFailure(
      400,
      'MAX_SIZE',
      `The provided value has exceeded the maximum size limit (${bytes} bytes; at most ${MAX_VALUE_BYTES}).`,
    );
  return text;
}

/** True when `value` nests objects/arrays deeper than `max` (iterative: no stack overflow). */
function depthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function checkLimit(limit: unknown): number {
  if (limit === undefined) return 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT)
    throw new KvsFailure(400, 'BAD_REQUEST', `limit must be an integer from 1 to ${MAX_QUERY_LIMIT}.`);
  return limit;
}

function expiryOf(ttl: unknown, now: number): number | null {
  if (ttl === undefined || ttl === null) return null;
  const { unit, value } = ttl as { unit?: unknown; value?: unknown };
  const scale = typeof unit === 'string' ? TTL_UNITS[unit] : undefined;
  if (!scale || typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new KvsFailure(
      400,
      'BAD_REQUEST',
      'ttl must be { value: a positive integer, unit: SECONDS|MINUTES|HOURS|DAYS }.',
    );
  return now + value * scale;
}

function typeMatches(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string): string[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(parts) && parts.every((part) => typeof part === 'string')) return parts;
  } catch {
    // fall through
  }
  throw new KvsFailure(400, 'INVALID_CURSOR', 'The cursor is not one this store returned.');
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether a filter set (`and` or `or` of conditions) holds on a stored value; a missing entity is `{}`. */
function matches(conditions: Conditions, value: Record<string, unknown>): boolean {
  if (conditions.and && conditions.or)
    throw new KvsFailure(400, 'BAD_REQUEST', 'Use either and or or, not both.');
  if (conditions.or) return conditions.or.some((item) => holds(item, value));
  return (conditions.and ?? []).every((item) => holds(item, value));
}

function holds(item: Condition, value: Record<string, unknown>): boolean {
  const property = item.property ?? '';
  const present = Object.prototype.hasOwnProperty.call(value, property);
  const actual = value[property];
  const [first, second] = item.values ?? [];
  switch (item.condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'EQUAL_TO':
      return present && actual === first;
    case 'NOT_EQUAL_TO':
      return !present || actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      return typeof actual === 'string'
        ? actual.includes(String(first))
        : Array.isArray(actual) && actual.includes(first);
    case 'NOT_CONTAINS':
      return !(typeof actual === 'string'
        ? actual.includes(String(first))
        : Array.isArray(actual) && actual.includes(first));
    case 'GREATER_THAN':
      return present && compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return present && compare(actual, first) >= 0;
    case 'LESS_THAN':
      return present && compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return present && compare(actual, first) <= 0;
    case 'BETWEEN':
      return present && compare(actual, first) >= 0 && compare(actual, second) <= 0;
    default:
      throw new KvsFailure(400, 'BAD_REQUEST', `Unknown condition ${String(item.condition)}.`);
  }
}
