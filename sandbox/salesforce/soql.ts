/**
 * SOQL for the Salesforce stand-in: a query is parsed by @jetstreamapp/soql-parser-js and evaluated
 * here over the org's records, for what Tandem and its tests use: fields and one-level parent
 * fields, WHERE with AND / OR / NOT and parentheses, =, !=, <, <=, >, >=, IN, NOT IN, LIKE, NULL,
 * date and date-time literals (TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n), ORDER BY,
 * LIMIT, OFFSET and COUNT(). Anything else is refused with `MALFORMED_QUERY` or `INVALID_FIELD`,
 * never half-evaluated. Bounded: the query's length, its nesting and the work of one evaluation.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { isWellFormedId, normalizeId } from './ids';
import type { FieldValue, OrgError, OrgOutcome, OrgRecord, SalesforceOrg } from './model';
import { fieldNamed, objectNamed, relationshipNamed, type FieldDef, type ObjectDef } from './schema';

/** Longest query text accepted. */
export const MAX_QUERY_CHARS = 20_000;
/** Deepest nesting of parentheses and NOT in a WHERE clause. */
export const MAX_WHERE_DEPTH = 64;
/** Work units (a condition on a record, a step of a LIKE match, a comparison of the sort) one query may spend. */
export const MAX_QUERY_WORK = 20_000_000;
/** Largest OFFSET, as in Salesforce. */
export const MAX_OFFSET = 2000;

/** A JSON record as the REST API returns it. */
export type RecordBody = { attributes: { type: string; url: string } } & Record<string, unknown>;

/** What a query found: every matching row (the server pages them). */
export interface QueryRows {
  totalSize: number;
  records: RecordBody[];
}

const malformed = (message: string): { ok: false; error: OrgError } => ({
  ok: false,
  error: { status: 400, errorCode: 'MALFORMED_QUERY', message, fields: [] },
});
const invalidField = (message: string): { ok: false; error: OrgError } => ({
  ok: false,
  error: { status: 400, errorCode: 'INVALID_FIELD', message, fields: [] },
});

/** Runs a SOQL query on the org (`version` names the API version in each record's url). */
export function runQuery(
  org: SalesforceOrg,
  soql: string,
  version = '67.0',
  now = Date.now(),
): OrgOutcome<QueryRows> {
  const compiled = compileQuery(soql, now);
  if (!compiled.ok) return compiled;
  const query = compiled.value;
  const budget = { left: MAX_QUERY_WORK };
  const matching: OrgRecord[] = [];
  for (const record of org.records.values()) {
    if (record.type !== query.object.name) continue;
    const kept = query.where ? query.where(org, record, budget) : true;
    if (budget.left < 0) return tooComplicated();
    if (kept) matching.push(record);
  }
  if (query.orderBy.length > 0) {
    budget.left -= matching.length * Math.ceil(Math.log2(matching.length + 1)) * query.orderBy.length;
    if (budget.left < 0) return tooComplicated();
    matching.sort((a, b) => compareRows(org, query.orderBy, a, b));
  }
  const page = matching.slice(query.offset, query.limit === null ? undefined : query.offset + query.limit);
  if (query.count) return { ok: true, value: { totalSize: page.length, records: [] } };
  return {
    ok: true,
    value: { totalSize: page.length, records: page.map((r) => project(org, query, r, version)) },
  };
}

/**
 * A predicate for `<clause>` on object `type`, as the package's capture runs a trigger's clause
 * (`SELECT Id FROM <type> WHERE (<clause>) AND Id IN :changed`): the clause is checked once,
 * the predicate is then asked per record.
 */
export function compileWhereClause(
  type: string,
  clause: string,
  now = Date.now(),
): OrgOutcome<(org: SalesforceOrg, record: OrgRecord) => boolean> {
  const compiled = compileQuery(`SELECT Id FROM ${type} WHERE ${clause}`, now);
  if (!compiled.ok) return compiled;
  const where = compiled.value.where;
  return {
    ok: true,
    value: (org, record) => {
      if (record.type !== compiled.value.object.name) return false;
      const budget = { left: MAX_QUERY_WORK };
      return where ? where(org, record, budget) && budget.left >= 0 : true;
    },
  };
}

function tooComplicated(): { ok: false; error: OrgError } {
  return {
    ok: false,
    error: {
      status: 400,
      errorCode: 'QUERY_TOO_COMPLICATED',
      message: 'The query needs more work than the stand-in allows.',
      fields: [],
    },
  };
}

type Budget = { left: number };
type Predicate = (org: SalesforceOrg, record: OrgRecord, budget: Budget) => boolean;

/** A field read from a record, or through one parent reference. */
interface FieldPath {
  field: FieldDef;
  /** The reference field followed first (`OwnerId` for `Owner.Name`), or null. */
  via: FieldDef | null;
}

interface CompiledQuery {
  object: ObjectDef;
  count: boolean;
  select: FieldPath[];
  where: Predicate | null;
  orderBy: { path: FieldPath; descending: boolean; nullsFirst: boolean }[];
  limit: number | null;
  offset: number;
}

const KNOWN_KEYS = new Set(['fields', 'sObject', 'where', 'orderBy', 'limit', 'offset', 'withAccessLevel']);

function compileQuery(soql: string, now: number): OrgOutcome<CompiledQuery> {
  if (typeof soql !== 'string' || soql.trim() === '') return malformed('The query is empty.');
  if (soql.length > MAX_QUERY_CHARS)
    return malformed(`The query is longer than ${MAX_QUERY_CHARS} characters.`);
  let parsed: Record<string, unknown>;
  try {
    parsed = parseQuery(soql) as unknown as Record<string, unknown>;
  } catch (error) {
    const first = String((error as Error).message)
      .split('\n')
      .slice(0, 2)
      .join(' ')
      .trim();
    return malformed(`The query is not valid SOQL: ${first}`);
  }
  const extra = Object.keys(parsed).find((key) => !KNOWN_KEYS.has(key));
  if (extra !== undefined) return malformed(`The stand-in does not support this part of SOQL: ${extra}.`);
  const object = objectNamed(String(parsed.sObject ?? ''));
  if (!object)
    return {
      ok: false,
      error: {
        status: 400,
        errorCode: 'INVALID_TYPE',
        message: `sObject type '${String(parsed.sObject)}' is not supported.`,
        fields: [],
      },
    };
  const fields = compileSelect(object, parsed.fields);
  if (!fields.ok) return fields;
  let where: Predicate | null = null;
  if (parsed.where !== undefined) {
    const compiled = compileWhere(object, parsed.where, now);
    if (!compiled.ok) return compiled;
    where = compiled.value;
  }
  const orderBy = compileOrderBy(object, parsed.orderBy);
  if (!orderBy.ok) return orderBy;
  const limit = typeof parsed.limit === 'number' ? parsed.limit : null;
  const offset = typeof parsed.offset === 'number' ? parsed.offset : 0;
  if (offset > MAX_OFFSET)
    return {
      ok: false,
      error: {
        status: 400,
        errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
        message: `Maximum SOQL offset allowed is ${MAX_OFFSET}`,
        fields: [],
      },
    };
  return { ok: true, value: { object, ...fields.value, where, orderBy: orderBy.value, limit, offset } };
}

function compileSelect(
  object: ObjectDef,
  fields: unknown,
): OrgOutcome<{ count: boolean; select: FieldPath[] }> {
  const list = Array.isArray(fields) ? (fields as Record<string, unknown>[]) : [];
  const isCount = (f: Record<string, unknown>) =>
    f.type === 'FieldFunctionExpression' &&
    String(f.functionName).toUpperCase() === 'COUNT' &&
    Array.isArray(f.parameters) &&
    f.parameters.length === 0;
  if (list.some(isCount)) {
    if (list.length !== 1) return malformed('COUNT() must be the only field selected.');
    return { ok: true, value: { count: true, select: [] } };
  }
  const select: FieldPath[] = [];
  const seen = new Set<string>();
  for (const field of list) {
    let name: string;
    if (field.type === 'Field') name = String(field.field);
    else if (field.type === 'FieldRelationship') name = String(field.rawValue);
    else
      return malformed(
        `The stand-in does not support ${String(field.type)} in SELECT (${String(field.rawValue ?? field.type)}).`,
      );
    const path = resolvePath(object, name);
    if (!path.ok) return path;
    const key = pathName(path.value).toLowerCase();
    if (seen.has(key)) return malformed(`duplicate field selected: ${pathName(path.value)}`);
    seen.add(key);
    select.push(path.value);
  }
  return { ok: true, value: { count: false, select } };
}

function resolvePath(object: ObjectDef, name: string): OrgOutcome<FieldPath> {
  const parts = name.split('.');
  const noColumn = (column: string, on: ObjectDef) =>
    invalidField(
      `No such column '${column}' on entity '${on.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
    );
  if (parts.length === 1) {
    const field = fieldNamed(object, name);
    return field ? { ok: true, value: { field, via: null } } : noColumn(name, object);
  }
  if (parts.length > 2)
    return malformed(`The stand-in follows one parent relationship, not ${parts.length - 1}: ${name}`);
  const [relationship = '', column = ''] = parts;
  const via = relationshipNamed(object, relationship);
  const parent = via?.referenceTo ? objectNamed(via.referenceTo) : undefined;
  if (!via || !parent)
    return invalidField(
      `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
    );
  const field = fieldNamed(parent, column);
  return field ? { ok: true, value: { field, via } } : noColumn(column, parent);
}

function pathName(path: FieldPath): string {
  return path.via ? `${path.via.relationshipName}.${path.field.name}` : path.field.name;
}

function readPath(org: SalesforceOrg, record: OrgRecord, path: FieldPath): FieldValue {
  if (!path.via) return record.fields[path.field.name] ?? null;
  const parentId = record.fields[path.via.name];
  if (typeof parentId !== 'string') return null;
  return org.get(parentId)?.fields[path.field.name] ?? null;
}

function compileOrderBy(object: ObjectDef, orderBy: unknown): OrgOutcome<CompiledQuery['orderBy']> {
  const list = Array.isArray(orderBy)
    ? (orderBy as Record<string, unknown>[])
    : orderBy
      ? [orderBy as Record<string, unknown>]
      : [];
  const out: CompiledQuery['orderBy'] = [];
  for (const item of list) {
    if (typeof item.field !== 'string')
      return malformed('The stand-in orders by fields only, not by functions.');
    const path = resolvePath(object, item.field);
    if (!path.ok) return path;
    const descending = item.order === 'DESC';
    const nullsFirst = item.nulls === undefined ? !descending : item.nulls === 'FIRST';
    out.push({ path: path.value, descending, nullsFirst });
  }
  return { ok: true, value: out };
}

function compareRows(
  org: SalesforceOrg,
  orderBy: CompiledQuery['orderBy'],
  a: OrgRecord,
  b: OrgRecord,
): number {
  for (const { path, descending, nullsFirst } of orderBy) {
    const x = readPath(org, a, path);
    const y = readPath(org, b, path);
    if (x === null || y === null) {
      if (x === y) continue;
      return (x === null) === nullsFirst ? -1 : 1;
    }
    const order = compareValues(path.field, x, y);
    if (order !== 0) return descending ? -order : order;
  }
  return 0;
}

function compareValues(field: FieldDef, x: FieldValue, y: FieldValue): number {
  if (field.type === 'datetime') return Date.parse(String(x)) - Date.parse(String(y));
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const s = String(x).toLowerCase();
  const t = String(y).toLowerCase();
  return s < t ? -1 : s > t ? 1 : 0;
}

function project(org: SalesforceOrg, query: CompiledQuery, record: OrgRecord, version: string): RecordBody {
  const attributes = (r: OrgRecord) => ({
    type: r.type,
    url: `/services/data/v${version}/sobjects/${r.type}/${String(r.fields.Id)}`,
  });
  const body: RecordBody = { attributes: attributes(record) };
  for (const path of query.select) {
    if (!path.via) {
      body[path.field.name] = record.fields[path.field.name] ?? null;
      continue;
    }
    const name = path.via.relationshipName ?? path.via.name;
    const parentId = record.fields[path.via.name];
    const parent = typeof parentId === 'string' ? org.get(parentId) : undefined;
    if (!parent) {
      body[name] = null;
      continue;
    }
    const nested = (body[name] as RecordBody | undefined) ?? { attributes: attributes(parent) };
    nested[path.field.name] = parent.fields[path.field.name] ?? null;
    body[name] = nested;
  }
  return body;
}

// ---- WHERE ----

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Record<string, unknown> };

/** The parser's right-leaning WHERE tree, flattened into tokens (its parentheses are counts on conditions). */
function flattenWhere(where: unknown): OrgOutcome<Token[]> {
  const tokens: Token[] = [];
  let node = where as Record<string, unknown> | undefined;
  while (node) {
    const left = node.left as Record<string, unknown> | null | undefined;
    if (left) {
      for (let i = 0; i < Number(left.openParen ?? 0); i += 1) tokens.push('(');
      tokens.push({ condition: left });
      for (let i = 0; i < Number(left.closeParen ?? 0); i += 1) tokens.push(')');
    }
    const operator = node.operator;
    if (operator === 'AND' || operator === 'OR' || operator === 'NOT') tokens.push(operator);
    else if (operator !== undefined)
      return malformed(`The stand-in does not support the operator ${String(operator)}.`);
    node = node.right as Record<string, unknown> | undefined;
  }
  return { ok: true, value: tokens };
}

function compileWhere(object: ObjectDef, where: unknown, now: number): OrgOutcome<Predicate> {
  const flat = flattenWhere(where);
  if (!flat.ok) return flat;
  const tokens = flat.value;
  let at = 0;
  let failure: { ok: false; error: OrgError } | null = null;
  const stop = (f: { ok: false; error: OrgError }): Predicate => {
    failure ??= f;
    return () => false;
  };
  // Recursive descent over the tokens; depth is capped, so the recursion is bounded.
  const or = (depth: number): Predicate => {
    const parts = [and(depth)];
    while (tokens[at] === 'OR') {
      at += 1;
      parts.push(and(depth));
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (o, r, b) => parts.some((p) => p(o, r, b));
  };
  const and = (depth: number): Predicate => {
    const parts = [not(depth)];
    while (tokens[at] === 'AND') {
      at += 1;
      parts.push(not(depth));
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (o, r, b) => parts.every((p) => p(o, r, b));
  };
  const not = (depth: number): Predicate => {
    if (depth > MAX_WHERE_DEPTH)
      return stop(malformed(`The WHERE clause nests deeper than ${MAX_WHERE_DEPTH} levels.`));
    const token = tokens[at];
    if (token === 'NOT') {
      at += 1;
      const inner = not(depth + 1);
      return (o, r, b) => !inner(o, r, b);
    }
    if (token === '(') {
      at += 1;
      const inner = or(depth + 1);
      if (tokens[at] !== ')') return stop(malformed('The WHERE clause has an unbalanced parenthesis.'));
      at += 1;
      return inner;
    }
    if (token !== undefined && typeof token === 'object') {
      at += 1;
      const compiled = compileCondition(object, token.condition, now);
      return compiled.ok ? compiled.value : stop(compiled);
    }
    return stop(malformed('The WHERE clause is incomplete.'));
  };
  const predicate = or(0);
  if (failure) return failure;
  if (at !== tokens.length) return malformed('The WHERE clause has an unbalanced parenthesis.');
  return { ok: true, value: predicate };
}

/** A literal, as compared: a string, number, boolean, null, or a time range [from, to) in epoch ms. */
type Literal = string | number | boolean | null | { from: number; to: number };

const DAY = 86_400_000;
const STRINGY = new Set(['id', 'string', 'textarea', 'picklist', 'reference', 'email']);

function compileCondition(
  object: ObjectDef,
  condition: Record<string, unknown>,
  now: number,
): OrgOutcome<Predicate> {
  if (condition.fn !== undefined) return malformed('The stand-in does not support functions in WHERE.');
  if (condition.valueQuery !== undefined)
    return malformed('The stand-in does not support semi-joins (IN (SELECT ...)).');
  if (typeof condition.field !== 'string') return malformed('A WHERE condition has no field.');
  const path = resolvePath(object, condition.field);
  if (!path.ok) return path;
  const field = path.value.field;
  if (field.type === 'base64')
    return invalidField(`field '${field.name}' can not be filtered in a query call`);
  const operator = String(condition.operator).toUpperCase();
  const rawValues = Array.isArray(condition.value) ? (condition.value as unknown[]) : [condition.value];
  const rawTypes = Array.isArray(condition.literalType)
    ? (condition.literalType as unknown[])
    : rawValues.map(() => condition.literalType);
  const literals: Literal[] = [];
  for (let i = 0; i < rawValues.length; i += 1) {
    const literal = toLiteral(field, String(rawTypes[i]), String(rawValues[i]), now);
    if (!literal.ok) return literal;
    literals.push(literal.value);
  }
  const read = (o: SalesforceOrg, r: OrgRecord) => readPath(o, r, path.value);
  const [first = null] = literals;
  switch (operator) {
    case '=':
    case '!=': {
      const negate = operator === '!=';
      return { ok: true, value: (o, r, b) => ((b.left -= 1), equals(field, read(o, r), first) !== negate) };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (first === null) return malformed(`${operator} cannot compare with null.`);
      return { ok: true, value: (o, r, b) => ((b.left -= 1), ordered(field, read(o, r), first, operator)) };
    case 'IN':
    case 'NOT IN': {
      const negate = operator === 'NOT IN';
      return {
        ok: true,
        value: (o, r, b) => {
          b.left -= literals.length;
          const value = read(o, r);
          return literals.some((literal) => equals(field, value, literal)) !== negate;
        },
      };
    }
    case 'LIKE': {
      if (!STRINGY.has(field.type) || typeof first !== 'string')
        return invalidField(`LIKE applies to text fields with a text pattern, not to ${field.name}.`);
      const pattern = first.toLowerCase();
      return {
        ok: true,
        value: (o, r, b) => {
          const value = read(o, r);
          return typeof value === 'string' && like(value.toLowerCase(), pattern, b);
        },
      };
    }
    default:
      return malformed(`The stand-in does not support the operator ${operator}.`);
  }
}

function toLiteral(field: FieldDef, literalType: string, raw: string, now: number): OrgOutcome<Literal> {
  if (literalType === 'NULL') return { ok: true, value: null };
  const wrongType = (expected: string) =>
    invalidField(
      `value of filter criterion for field '${field.name}' must be of type ${expected}${literalType === 'STRING' ? ' and should not be enclosed in quotes' : ''}`,
    );
  if (STRINGY.has(field.type)) {
    if (literalType !== 'STRING') return wrongType('string');
    const text = unquote(raw);
    if (field.type === 'id' || field.type === 'reference') {
      if (!isWellFormedId(text)) return invalidField(`invalid ID field: ${text}`);
      return { ok: true, value: normalizeId(text) };
    }
    return { ok: true, value: text };
  }
  if (field.type === 'boolean') {
    if (literalType !== 'BOOLEAN') return wrongType('boolean');
    return { ok: true, value: raw.toUpperCase() === 'TRUE' };
  }
  if (field.type === 'int') {
    if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') return wrongType('number');
    return { ok: true, value: Number(raw) };
  }
  if (field.type !== 'datetime') return wrongType(field.type);
  return timeLiteral(literalType, raw, now, wrongType);
}

function timeLiteral(
  literalType: string,
  raw: string,
  now: number,
  wrongType: (expected: string) => { ok: false; error: OrgError },
): OrgOutcome<Literal> {
  const today = Math.floor(now / DAY) * DAY;
  if (literalType === 'DATETIME') {
    const at = Date.parse(raw.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    return Number.isNaN(at)
      ? malformed(`Invalid date-time: ${raw}`)
      : { ok: true, value: { from: at, to: at + 1 } };
  }
  if (literalType === 'DATE') {
    const day = Date.parse(`${raw}T00:00:00Z`);
    return Number.isNaN(day)
      ? malformed(`Invalid date: ${raw}`)
      : { ok: true, value: { from: day, to: day + DAY } };
  }
  const upper = raw.toUpperCase();
  if (literalType === 'DATE_LITERAL') {
    const offsets: Record<string, number> = { TODAY: 0, YESTERDAY: -1, TOMORROW: 1 };
    const offset = offsets[upper];
    if (offset === undefined) return malformed(`The stand-in does not support the date literal ${raw}.`);
    return { ok: true, value: { from: today + offset * DAY, to: today + (offset + 1) * DAY } };
  }
  if (literalType === 'DATE_N_LITERAL') {
    const match = /^(LAST|NEXT)_N_DAYS:(\d{1,5})$/.exec(upper);
    if (!match) return malformed(`The stand-in does not support the date literal ${raw}.`);
    const n = Number(match[2]);
    return {
      ok: true,
      value:
        match[1] === 'LAST'
          ? { from: today - n * DAY, to: today + DAY }
          : { from: today, to: today + (n + 1) * DAY },
    };
  }
  return wrongType('dateTime');
}

function unquote(raw: string): string {
  const inner = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return inner.replace(/\\(.)/g, (_m, c: string) => escapes[c] ?? (c === '%' || c === '_' ? `\\${c}` : c));
}

function equals(field: FieldDef, value: FieldValue, literal: Literal): boolean {
  if (literal === null || value === null) return literal === value;
  if (typeof literal === 'object') {
    const at = Date.parse(String(value));
    return at >= literal.from && at < literal.to;
  }
  if (field.type === 'id' || field.type === 'reference') return value === literal;
  if (typeof literal === 'string') return String(value).toLowerCase() === unescapeLike(literal).toLowerCase();
  return value === literal;
}

function ordered(field: FieldDef, value: FieldValue, literal: Literal, operator: string): boolean {
  if (value === null || literal === null) return false;
  if (typeof literal === 'object') {
    const at = Date.parse(String(value));
    if (operator === '<') return at < literal.from;
    if (operator === '<=') return at < literal.to;
    if (operator === '>') return at >= literal.to;
    return at >= literal.from;
  }
  const order = compareValues(field, value, typeof literal === 'string' ? unescapeLike(literal) : literal);
  if (operator === '<') return order < 0;
  if (operator === '<=') return order <= 0;
  if (operator === '>') return order > 0;
  return order >= 0;
}

/** `\%` and `\_` are kept escaped by `unquote` for LIKE; outside LIKE they are the plain characters. */
function unescapeLike(text: string): string {
  return text.replace(/\\([%_])/g, '$1');
}

/**
 * LIKE with `%` (any run) and `_` (one character), `\%` and `\_` literal; the classic
 * backtrack-to-last-`%` matcher, each step charged to the budget.
 */
function like(text: string, pattern: string, budget: Budget): boolean {
  const tokens: { char: string; wild: 'any' | 'one' | null }[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      tokens.push({ char: pattern[i + 1] as string, wild: null });
      i += 1;
    } else tokens.push({ char: c, wild: c === '%' ? 'any' : c === '_' ? 'one' : null });
  }
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    budget.left -= 1;
    if (budget.left < 0) return false;
    const token = tokens[p];
    if (token && (token.wild === 'one' || (token.wild === null && token.char === text[t]))) {
      t += 1;
      p += 1;
    } else if (token?.wild === 'any') {
      star = p;
      mark = t;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      t = mark;
    } else return false;
  }
  while (tokens[p]?.wild === 'any') p += 1;
  return p === tokens.length;
}
