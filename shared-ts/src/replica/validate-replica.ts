/**
 * Validates untrusted input (a parsed message body, a rule's output) as a Replica v1. All or
 * nothing: a replica with any error is refused whole, and every error says where (JSON pointer)
 * and which rule it broke, in words a person can act on.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { findNonJson, pointerSegment } from './find-non-json';
import { replicaJsonSchema } from './replica-json-schema';
import type { Replica } from './types';

/** One reason a value is not a valid replica. */
export interface ReplicaValidationError {
  /** JSON pointer to the offending value (`/comments/0/created`); `''` is the whole value. */
  path: string;
  /**
   * The rule broken: a JSON Schema keyword (`required`, `type`, `const`, `pattern`, `minLength`,
   * `minimum`, `maximum`, `uniqueItems`, `additionalProperties`), `json` for a value that is not
   * JSON, or `unique` for an id used twice in `comments` or `attachments`.
   */
  rule: string;
  message: string;
}

export type ReplicaValidation =
  { ok: true; replica: Replica } | { ok: false; errors: ReplicaValidationError[] };

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

let validator: Validator | undefined;

/**
 * `{ok: true, replica}` when `value` is a valid Replica v1 (the same object, typed), otherwise
 * `{ok: false, errors}` listing every problem found: schema violations, unknown properties at
 * any level (except inside `custom`), values that are not JSON, and duplicate comment or
 * attachment ids. The `hash` is checked for form only; recompute it with `replicaContentHash`.
 */
export function validateReplica(value: unknown): ReplicaValidation {
  const nonJson = findNonJson(value);
  if (nonJson.length > 0) return { ok: false, errors: nonJson.map((found) => ({ ...found, rule: 'json' })) };
  // The validator resolves $refs into its own copy; the exported schema stays untouched.
  validator ??= new Validator(JSON.parse(JSON.stringify(replicaJsonSchema)) as Schema, '2020-12', false);
  const result = validator.validate(value);
  const errors = [...schemaErrors(result.errors, value), ...duplicateIds(value)];
  // The validator reports each missing property, and each report here lists them all: keep one of each.
  const unique = new Map(errors.map((error) => [`${error.path} ${error.rule}`, error]));
  return unique.size === 0
    ? { ok: true, replica: value as Replica }
    : { ok: false, errors: [...unique.values()] };
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
        const name = unescapeSegment(path.slice(path.lastIndexOf('/') + 1));
        const topLevel = path.lastIndexOf('/') === 0;
        const hint = topLevel ? ': Replica v1 has no such field (custom fields belong in /custom)' : ' here';
        errors.push({ path, rule: 'additionalProperties', message: `unknown property "${name}"${hint}` });
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
          message: `must be ${JSON.stringify(keyword)}, found ${JSON.stringify(actual)}`,
        });
        break;
      case 'pattern': {
        const owner = schemaAt(unit.keywordLocation.slice(0, unit.keywordLocation.lastIndexOf('/')));
        const description =
          isRecord(owner) && typeof owner.description === 'string' ? owner.description : null;
        const expected = description ?? `text matching ${String(keyword)}`;
        errors.push({
          path,
          rule: 'pattern',
          message: `must be ${expected}, found ${JSON.stringify(actual)}`,
        });
        break;
      }
      case 'minLength':
        errors.push({ path, rule: 'minLength', message: 'must not be empty' });
        break;
      case 'minimum':
        errors.push({
          path,
          rule: 'minimum',
          message: `must be at least ${String(keyword)}, found ${String(actual)}`,
        });
        break;
      case 'maximum':
        errors.push({
          path,
          rule: 'maximum',
          message: `must be at most ${String(keyword)}, found ${String(actual)}`,
        });
        break;
      case 'uniqueItems':
        errors.push({
          path,
          rule: 'uniqueItems',
          message: `must not list the same value twice: ${repeated(actual)}`,
        });
        break;
      default:
        errors.push({ path, rule: unit.keyword, message: unit.error });
    }
  }
  return errors;
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
          message: `${noun} id ${JSON.stringify(id)} is already used by /${collection}/${first}; ids must be unique`,
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

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The schema value at a keyword location, following `$ref`s the way the validator did. */
function schemaAt(location: string): unknown {
  let node: unknown = replicaJsonSchema;
  for (const segment of pointer(location).split('/').slice(1)) {
    if (!isRecord(node)) return undefined;
    node =
      segment === '$ref' && typeof node.$ref === 'string'
        ? schemaAt(node.$ref)
        : node[unescapeSegment(segment)];
  }
  return node;
}

function valueAt(instance: unknown, path: string): unknown {
  let node = instance;
  for (const segment of path.split('/').slice(1)) {
    const key = unescapeSegment(segment);
    node = Array.isArray(node) ? (node[Number(key)] as unknown) : isRecord(node) ? node[key] : undefined;
  }
  return node;
}

function repeated(items: unknown): string {
  if (!Array.isArray(items)) return 'a value repeats';
  const seen = new Set<string>();
  for (const item of items) {
    const key = JSON.stringify(item);
    if (seen.has(key)) return `${key} repeats`;
    seen.add(key);
  }
  return 'a value repeats';
}

function typeName(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`;
  if (typeof value === 'number') return `the integer ${value}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeName(typeof value);
}

function hasOwn(value: unknown, name: string): boolean {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
