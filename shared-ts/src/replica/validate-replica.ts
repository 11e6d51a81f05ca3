/**
 * Validates untrusted input (a parsed message body, a rule's output) as a Replica v1 or v2. All or
 * nothing: a replica with any error is refused whole, and every error says where (JSON pointer)
 * and which rule it broke, in words a person can act on.
 *
 * Bounded: the value is first walked without recursion for its depth (`MAX_REPLICA_DEPTH`) and
 * size (`MAX_REPLICA_VALUES`), and only a value within both reaches the schema validator and the
 * checks below, each linear in the size of the replica. The schema's `uniqueItems` is checked
 * here with a set, because the schema library compares every pair of items.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { canonicalJson } from '../util/canonical-json';
import { isHttpUrl, opaqueReferenceProblem } from '../util/http-url';
import { inspectJson } from '../util/inspect-json';
import { pointerSegment, unescapePointerSegment } from '../util/json-pointer';
import { isCalendarDate, parseUtcTimestamp } from '../util/utc-timestamp';
import { isValidReplica } from './is-valid-replica';
import { replicaJsonSchema } from './replica-json-schema';
import { MAX_REPLICA_DEPTH, MAX_REPLICA_VALUES } from './replica-limits';
import { TIMED_FIELDS, type Replica } from './types';
import { describeReplicaErrors } from './describe-replica-errors';

/** One reason a value is not a valid replica. */
export interface ReplicaValidationError {
  /** JSON pointer to the offending value (`/comments/0/created`); `''` is the whole value. */
  path: string;
  /**
   * The rule broken: a JSON Schema keyword (`required`, `type`, `enum`, `const`, `pattern`, `minLength`, `maxLength`,
   * `minimum`, `maximum`, `uniqueItems`, `additionalProperties`); `json` for a value that is not
   * JSON; `depth` or `size` for a replica nested too deep or too large; `unique` for an id used
   * twice in `comments` or `attachments`; `date` for a day or time that does not exist; `url`
   * for a URL that does not parse or a reference with a dangerous scheme; `propertyNames` for a
   * `fieldTimes` key that names no timed field.
   */
  rule: string;
  message: string;
}

/** Why a value is not a replica: every problem found (`errors`), and a message listing the first few. */
export interface ReplicaInvalid {
  code: 'replica-invalid';
  message: string;
  errors: ReplicaValidationError[];
}

export type ReplicaValidation = { ok: true; replica: Replica } | { ok: false; error: ReplicaInvalid };

/** Keywords that only report that something beneath them failed; the failure itself is reported too. */
const WRAPPER_KEYWORDS: ReadonlySet<string> = new Set([
  '$ref',
  'properties',
  'items',
  'prefixItems',
  'additionalProperties',
  'allOf',
  'anyOf',
  'oneOf',
]);

const TIMESTAMP_SHAPE = new RegExp(replicaJsonSchema.$defs.timestamp.pattern);
const DUE_SHAPE = new RegExp(replicaJsonSchema.properties.due.pattern);
const URL_SHAPE = new RegExp(replicaJsonSchema.properties.entity.properties.url.pattern);

let validator: Validator | undefined;

/**
 * `{ok: true, replica}` when `value` is a valid Replica v1 or v2 (the same object, typed),
 * otherwise `{ok: false, error}` (code `replica-invalid`) whose `errors` list every problem found: values that are not JSON, schema
 * violations, unknown properties at any level (except inside `custom`), duplicate labels and
 * comment or attachment ids, days that do not exist, URLs that are not http(s), `fieldTimes`
 * missing from v2 or present in v1 or naming no timed field. A replica nested
 * too deep or too large gets that one error. The `hash` is checked for form only; recompute it
 * with `replicaContentHash`.
 */
export function validateReplica(value: unknown): ReplicaValidation {
  const shape = inspectJson(value, { maxDepth: MAX_REPLICA_DEPTH, maxValues: MAX_REPLICA_VALUES });
  if (shape.length > 0) {
    return invalid(
      shape.map(({ kind, path, message }) => ({ path, rule: kind, message: limitMessage(kind, message) })),
    );
  }
  // A valid replica (the common case) is recognised by hand-written code; the schema validator
  // runs only to explain a refusal.
  if (isValidReplica(value)) return { ok: true, replica: value as Replica };
  const errors = replicaSchemaErrors(value);
  return errors.length === 0 ? { ok: true, replica: value as Replica } : invalid(errors);
}

/**
 * Every schema violation and failed check of a value already within the JSON, depth and size
 * limits (`inspectJson`), one per path and rule; empty when the value is a valid replica. The
 * slow path of `validateReplica`, which the fast path (`isValidReplica`) is tested against.
 */
export function replicaSchemaErrors(value: unknown): ReplicaValidationError[] {
  validator ??= new Validator(librarySchema(), '2020-12', false);
  const result = validator.validate(value);
  const errors = [
    ...schemaErrors(result.errors, value),
    ...repeatedLabels(value),
    ...duplicateIds(value),
    ...impossibleDates(value),
    ...unsafeUrls(value),
    ...fieldTimesProblems(value),
  ];
  // The validator reports each missing property, and each report here lists them all: keep one of each.
  return [...new Map(errors.map((error) => [`${error.path} ${error.rule}`, error])).values()];
}

function invalid(errors: ReplicaValidationError[]): ReplicaValidation {
  const message = `The value is not a valid Replica v1 or v2: ${describeReplicaErrors(errors)}.`;
  return { ok: false, error: { code: 'replica-invalid', message, errors } };
}

/**
 * The schema as the library applies it: a copy (the library resolves $refs into it) without
 * `uniqueItems`, which `repeatedLabels` checks in linear time instead.
 */
function librarySchema(): Schema {
  const copy = JSON.parse(JSON.stringify(replicaJsonSchema)) as Schema & {
    properties: { labels: { uniqueItems?: boolean } };
  };
  delete copy.properties.labels.uniqueItems;
  return copy;
}

function limitMessage(kind: string, message: string): string {
  if (kind === 'depth') return `${message}: a replica may nest at most ${MAX_REPLICA_DEPTH} levels`;
  if (kind === 'size') return `the replica ${message}: a replica may hold at most ${MAX_REPLICA_VALUES}`;
  return message;
}

function schemaErrors(units: readonly OutputUnit[], instance: unknown): ReplicaValidationError[] {
  const errors: ReplicaValidationError[] = [];
  for (const unit of units) {
    if (WRAPPER_KEYWORDS.has(unit.keyword)) continue;
    const path = pointer(unit.instanceLocation);
    const keyword = schemaAt(unit.keywordLocation);
    const actual = valueAt(instance, path);
    switch (unit.keyword) {
      case 'false': {
        // `additionalProperties: false` reports each unknown property at the property itself.
        const name = unescapePointerSegment(path.slice(path.lastIndexOf('/') + 1));
        const topLevel = path.lastIndexOf('/') === 0;
        const hint = topLevel ? ': a replica has no such field (custom fields belong in /custom)' : ' here';
        errors.push({
          path,
          rule: 'additionalProperties',
          message: `unknown property ${shown(name)}${hint}`,
        });
        break;
      }
      case 'required':
        for (const name of Array.isArray(keyword) ? keyword : []) {
          if (typeof name === 'string' && !hasOwn(actual, name)) {
            errors.push({
              path: `${path}/${pointerSegment(name)}`,
              rule: 'required',
              message: `required property "${name}" is missing`,
            });
          }
        }
        break;
      case 'type': {
        const expected = (Array.isArray(keyword) ? keyword : [keyword]).map((type) => typeName(String(type)));
        errors.push({
          path,
          rule: 'type',
          message: `must be ${expected.join(' or ')}, found ${describe(actual)}`,
        });
        break;
      }
      case 'const':
        errors.push({
          path,
          rule: 'const',
          message: `must be ${JSON.stringify(keyword)}, found ${shown(actual)}`,
        });
        break;
      case 'pattern': {
        const owner = schemaAt(unit.keywordLocation.slice(0, unit.keywordLocation.lastIndexOf('/')));
        const description =
          isRecord(owner) && typeof owner.description === 'string' ? owner.description : null;
        const expected = description ?? `text matching ${String(keyword)}`;
        errors.push({ path, rule: 'pattern', message: `must be ${expected}, found ${shown(actual)}` });
        break;
      }
      case 'enum':
        errors.push({
          path,
          rule: 'enum',
          message: `must be one of ${(Array.isArray(keyword) ? keyword : []).map((item) => JSON.stringify(item)).join(', ')}, found ${shown(actual)}`,
        });
        break;
      case 'minLength':
        errors.push({ path, rule: 'minLength', message: 'must not be empty' });
        break;
      case 'maxLength':
        errors.push({
          path,
          rule: 'maxLength',
          // Counted as the schema counts, by code point: an emoji is one character.
          message: `must be at most ${String(keyword)} characters, found ${typeof actual === 'string' ? Array.from(actual).length : '?'}`,
        });
        break;
      case 'minimum':
        errors.push({
          path,
          rule: 'minimum',
          message: `must be at least ${String(keyword)}, found ${shown(actual)}`,
        });
        break;
      case 'maximum':
        errors.push({
          path,
          rule: 'maximum',
          message: `must be at most ${String(keyword)}, found ${shown(actual)}`,
        });
        break;
      default:
        errors.push({ path, rule: unit.keyword, message: unit.error });
    }
  }
  return errors;
}

/** `labels` has `uniqueItems`: checked by the canonical form of each item, in one pass. */
function repeatedLabels(value: unknown): ReplicaValidationError[] {
  const labels = isRecord(value) ? value.labels : undefined;
  if (!Array.isArray(labels)) return [];
  const seen = new Set<string>();
  for (const label of labels) {
    const key = typeof label === 'string' ? label : `\u0000${canonicalJson(label)}`;
    if (seen.has(key)) {
      return [
        {
          path: '/labels',
          rule: 'uniqueItems',
          message: `must not list the same value twice: ${shown(label)} repeats`,
        },
      ];
    }
    seen.add(key);
  }
  return [];
}

/** Comments and attachments are synced by id, so an id used twice would merge two of them. */
function duplicateIds(value: unknown): ReplicaValidationError[] {
  const errors: ReplicaValidationError[] = [];
  if (!isRecord(value)) return errors;
  for (const [collection, noun] of [
    ['comments', 'comment'],
    ['attachments', 'attachment'],
  ] as const) {
    const items = value[collection];
    if (!Array.isArray(items)) continue;
    const firstIndex = new Map<string, number>();
    items.forEach((item: unknown, index) => {
      const id = isRecord(item) ? item.id : undefined;
      if (typeof id !== 'string') return;
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, index);
      else
        errors.push({
          path: `/${collection}/${index}/id`,
          rule: 'unique',
          message: `${noun} id ${shown(id)} is already used by /${collection}/${first}; ids must be unique`,
        });
    });
  }
  return errors;
}

/** Every timestamp and date of the right shape (the schema checks the shape) must name a real day and time. */
function impossibleDates(value: unknown): ReplicaValidationError[] {
  if (!isRecord(value)) return [];
  const errors: ReplicaValidationError[] = [];
  const check = (text: unknown, path: string, due = false): void => {
    if (typeof text !== 'string' || !(due ? DUE_SHAPE : TIMESTAMP_SHAPE).test(text)) return;
    const exists = due && text.length === 10 ? isCalendarDate(text) : parseUtcTimestamp(text) !== null;
    if (!exists)
      errors.push({ path, rule: 'date', message: `must be a day that exists, found ${shown(text)}` });
  };
  check(value.created, '/created');
  check(value.updated, '/updated');
  check(value.due, '/due', true);
  for (const [collection, fields] of [
    ['comments', ['created', 'updated']],
    ['attachments', ['created']],
  ] as const) {
    const items = value[collection];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, index) => {
      if (!isRecord(item)) return;
      for (const field of fields) check(item[field], `/${collection}/${index}/${field}`);
    });
  }
  return errors;
}

const TIMED_POINTER = new RegExp(`^/(${TIMED_FIELDS.join('|')}|custom/.+)$`);

/**
 * `fieldTimes` belongs to v2 and only to it, and names timed fields by pointer (a day that does
 * not exist is reported with the other dates). Linear in the number of times.
 */
function fieldTimesProblems(value: unknown): ReplicaValidationError[] {
  if (!isRecord(value)) return [];
  const has = hasOwn(value, 'fieldTimes');
  if (value.schema === 2 && !has) {
    return [
      {
        path: '/fieldTimes',
        rule: 'required',
        message: 'required property "fieldTimes" is missing (Replica v2)',
      },
    ];
  }
  if (value.schema === 1 && has) {
    return [
      {
        path: '/fieldTimes',
        rule: 'additionalProperties',
        message:
          'unknown property "fieldTimes": Replica v1 has no field times (send schema 2, or leave them out)',
      },
    ];
  }
  const times = value.fieldTimes;
  if (!isRecord(times)) return [];
  const errors: ReplicaValidationError[] = [];
  for (const [key, time] of Object.entries(times)) {
    const path = `/fieldTimes/${pointerSegment(key)}`;
    if (!TIMED_POINTER.test(key)) {
      errors.push({
        path,
        rule: 'propertyNames',
        message: `must name a timed field by JSON pointer (/summary, /custom/<name>, ...), found ${shown(key)}`,
      });
    } else if (typeof time === 'string' && TIMESTAMP_SHAPE.test(time) && parseUtcTimestamp(time) === null) {
      errors.push({ path, rule: 'date', message: `must be a day that exists, found ${shown(time)}` });
    }
  }
  return errors;
}

/** Links a person may open must be web addresses; attachment references must not be able to run. */
function unsafeUrls(value: unknown): ReplicaValidationError[] {
  if (!isRecord(value)) return [];
  const errors: ReplicaValidationError[] = [];
  for (const [owner, path] of [
    [value.entity, '/entity/url'],
    [value.parent, '/parent/url'],
  ] as const) {
    const url = isRecord(owner) ? owner.url : undefined;
    if (typeof url === 'string' && URL_SHAPE.test(url) && !isHttpUrl(url)) {
      errors.push({
        path,
        rule: 'url',
        message: `must be an http or https URL that parses, found ${shown(url)}`,
      });
    }
  }
  const attachments = value.attachments;
  if (Array.isArray(attachments)) {
    attachments.forEach((item: unknown, index) => {
      const ref = isRecord(item) ? item.ref : undefined;
      const problem = typeof ref === 'string' ? opaqueReferenceProblem(ref) : null;
      if (problem)
        errors.push({
          path: `/attachments/${index}/ref`,
          rule: 'url',
          message: `${problem}, found ${shown(ref)}`,
        });
    });
  }
  return errors;
}

/** The validator writes locations as URI fragments (`#/a%20b/0`); errors use plain JSON pointers. */
function pointer(location: string): string {
  return location
    .replace(/^#/, '')
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/');
}

/** The schema value at a keyword location, following `$ref`s the way the validator did. */
function schemaAt(location: string): unknown {
  let node: unknown = replicaJsonSchema;
  for (const segment of pointer(location).split('/').slice(1)) {
    if (!isRecord(node)) return undefined;
    node =
      segment === '$ref' && typeof node.$ref === 'string'
        ? schemaAt(node.$ref)
        : node[unescapePointerSegment(segment)];
  }
  return node;
}

function valueAt(instance: unknown, path: string): unknown {
  let node = instance;
  for (const segment of path.split('/').slice(1)) {
    const key = unescapePointerSegment(segment);
    node = Array.isArray(node) ? (node[Number(key)] as unknown) : hasOwn(node, key) ? node[key] : undefined;
  }
  return node;
}

function typeName(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`;
  if (typeof value === 'number') return `the integer ${value}`;
  if (typeof value === 'string') return `the string ${shown(value)}`;
  return typeName(typeof value);
}

/** A value as a message shows it: JSON for a short one, its kind for a container, long text cut. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

function hasOwn(value: unknown, name: string): value is Record<string, unknown> {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
