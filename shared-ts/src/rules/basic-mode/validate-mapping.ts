/**
 * Checks a mapping table before any script is generated from it, and says precisely which row
 * and which column is wrong. The table usually comes from the admin console as JSON, so every
 * value is checked, not trusted to match the TypeScript types.
 */
import type { Side } from '../runtime/types';
import { FORBIDDEN_KEYS } from '../runtime/values';
import {
  isFieldNameProblem,
  resolveLocalField,
  resolveReplicaField,
  type ResolvedField,
} from './field-catalog';
import {
  MAPPING_DIRECTIONS,
  MAPPING_TRANSFORMS,
  STATUS_CATEGORIES,
  type MappingRow,
  type MappingTable,
} from './mapping-table';

/** One thing wrong (error) or suspicious (warning) in a mapping table. */
export interface MappingProblem {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `empty-field`, `unknown-direction`. */
  code: string;
  /** 0-based index of the row, or null for the table itself and its `create` settings. */
  row: number | null;
  /** The column (or `create` setting) at fault, when there is one. */
  column?: string;
  /** A sentence an admin can act on; names the row 1-based, as the console shows it. */
  message: string;
}

/** A row that passed validation, with both fields resolved. */
export interface CheckedRow {
  row: MappingRow;
  index: number;
  local: ResolvedField;
  remote: ResolvedField;
}

/** The outcome of validation: every problem, and the rows that can be generated. */
export interface MappingAnalysis {
  problems: MappingProblem[];
  rows: CheckedRow[];
}

/** Every problem in `table` for the given side; an empty list means `generateRules` will succeed. */
export function validateMapping(table: MappingTable, side: Side): MappingProblem[] {
  return analyseMapping(table, side).problems;
}

/** Validates `table` and resolves its rows; rows with an error are left out of `rows`. */
export function analyseMapping(table: unknown, side: Side): MappingAnalysis {
  const problems: MappingProblem[] = [];
  const rows: CheckedRow[] = [];
  if (!isRecord(table) || !Array.isArray(table.rows)) {
    problems.push({
      severity: 'error',
      code: 'not-a-table',
      row: null,
      message: 'A mapping table is an object with a "rows" list.',
    });
    return { problems, rows };
  }
  table.rows.forEach((row: unknown, index: number) => {
    const rowProblems = checkRow(row, index, side);
    problems.push(...rowProblems.problems);
    if (rowProblems.checked !== null) rows.push(rowProblems.checked);
  });
  problems.push(...duplicateTargets(rows));
  problems.push(...checkCreate(table.create, side));
  return { problems, rows };
}

function checkRow(
  row: unknown,
  index: number,
  side: Side,
): { problems: MappingProblem[]; checked: CheckedRow | null } {
  const problems: MappingProblem[] = [];
  const error = (code: string, column: string | undefined, text: string): void => {
    problems.push({
      severity: 'error',
      code,
      row: index,
      ...(column ? { column } : {}),
      message: `Row ${index + 1}: ${text}`,
    });
  };
  const warn = (code: string, column: string, text: string): void => {
    problems.push({ severity: 'warning', code, row: index, column, message: `Row ${index + 1}: ${text}` });
  };
  if (!isRecord(row)) {
    error('not-a-row', undefined, 'a row is an object with local, remote and direction.');
    return { problems, checked: null };
  }

  const local = checkFieldColumn(row.local, 'local', error);
  const remote = checkFieldColumn(row.remote, 'remote', error);
  const direction = row.direction;
  if (typeof direction !== 'string' || !(MAPPING_DIRECTIONS as readonly string[]).includes(direction)) {
    error(
      'unknown-direction',
      'direction',
      `direction ${describe(direction)} is not one of ${MAPPING_DIRECTIONS.join(', ')}.`,
    );
  }
  const transform = row.transform;
  if (transform !== undefined && !(MAPPING_TRANSFORMS as readonly string[]).includes(String(transform))) {
    error(
      'unknown-transform',
      'transform',
      `transform ${describe(transform)} is not one of ${MAPPING_TRANSFORMS.join(', ')}.`,
    );
  }

  let localField: ResolvedField | null = null;
  let remoteField: ResolvedField | null = null;
  if (local !== null) {
    const resolved = resolveLocalField(local, side);
    if (isFieldNameProblem(resolved)) error(resolved.code, 'local', resolved.message + '.');
    else localField = resolved;
  }
  if (remote !== null) {
    const resolved = resolveReplicaField(remote);
    if (isFieldNameProblem(resolved)) error(resolved.code, 'remote', resolved.message + '.');
    else remoteField = resolved;
  }
  if (localField?.didYouMean !== undefined) {
    warn(
      'custom-field-guess',
      'local',
      `"${local}" is taken as a custom field; the standard field is spelled "${localField.didYouMean}".`,
    );
  }
  if (remoteField?.didYouMean !== undefined) {
    warn(
      'custom-field-guess',
      'remote',
      `"${remote}" is taken as a custom replica field; the standard field is spelled "${remoteField.didYouMean}".`,
    );
  }

  checkValues(row, error);
  checkOptions(row, remoteField, error);
  if (localField !== null && remoteField !== null && typeof direction === 'string') {
    checkPairing(row, direction, localField, remoteField, side, error, warn);
  }

  const valid = !problems.some((problem) => problem.severity === 'error');
  if (!valid || localField === null || remoteField === null) return { problems, checked: null };
  return {
    problems,
    checked: { row: row as unknown as MappingRow, index, local: localField, remote: remoteField },
  };
}

function checkFieldColumn(value: unknown, column: 'local' | 'remote', error: ErrorSink): string | null {
  const label = column === 'local' ? 'local field' : 'remote (replica) field';
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    error('empty-field', column, `the ${label} is empty.`);
    return null;
  }
  if (typeof value !== 'string') {
    error('invalid-field-name', column, `the ${label} must be a field name, not ${describe(value)}.`);
    return null;
  }
  return value;
}

type ErrorSink = (code: string, column: string | undefined, text: string) => void;

function checkValues(row: Record<string, unknown>, error: ErrorSink): void {
  const values = row.values;
  if (values === undefined) return;
  if (!isRecord(values)) {
    error(
      'invalid-values',
      'values',
      'values must map each local value to a remote value (or a list of them).',
    );
    return;
  }
  if (row.transform !== undefined) {
    error(
      'values-with-transform',
      'values',
      'a row has either a value map or a transform, not both: value maps are for picklists, transforms for rich text.',
    );
  }
  for (const [localValue, remoteValue] of Object.entries(values)) {
    if (FORBIDDEN_KEYS.has(localValue)) {
      error(
        'forbidden-value',
        'values',
        `the value "${localValue}" cannot be mapped: rules refuse it as a key.`,
      );
    }
    const remoteValues = typeof remoteValue === 'string' ? [remoteValue] : remoteValue;
    if (
      !Array.isArray(remoteValues) ||
      remoteValues.length === 0 ||
      !remoteValues.every((item) => typeof item === 'string')
    ) {
      error(
        'invalid-values',
        'values',
        `the local value "${localValue}" must map to a remote value or a non-empty list of them, not ${describe(remoteValue)}.`,
      );
      continue;
    }
    for (const item of remoteValues as string[]) {
      if (FORBIDDEN_KEYS.has(item)) {
        error('forbidden-value', 'values', `the value "${item}" cannot be mapped: rules refuse it as a key.`);
      }
    }
  }
  if (row.fallback !== undefined && row.fallback !== null && typeof row.fallback !== 'string') {
    error('invalid-fallback', 'fallback', `fallback must be a value, not ${describe(row.fallback)}.`);
  }
}

function checkOptions(row: Record<string, unknown>, remote: ResolvedField | null, error: ErrorSink): void {
  if (row.fallback !== undefined && row.values === undefined && row.categories === undefined) {
    error(
      'fallback-without-values',
      'fallback',
      'a fallback is used when the value map has no entry; add values, or remove the fallback.',
    );
  }
  const categories = row.categories;
  if (categories !== undefined) {
    if (remote !== null && !(remote.kind === 'named' && remote.path[0] === 'status')) {
      error(
        'categories-not-status',
        'categories',
        'status categories only apply to a row whose remote field is status.',
      );
    }
    if (!isRecord(categories)) {
      error(
        'invalid-categories',
        'categories',
        'categories must map each local status to new, indeterminate or done.',
      );
    } else {
      for (const [status, category] of Object.entries(categories)) {
        if (!(STATUS_CATEGORIES as readonly unknown[]).includes(category)) {
          error(
            'invalid-categories',
            'categories',
            `the status "${status}" has category ${describe(category)}; use new, indeterminate or done.`,
          );
        }
        if (FORBIDDEN_KEYS.has(status)) {
          error(
            'forbidden-value',
            'categories',
            `the value "${status}" cannot be mapped: rules refuse it as a key.`,
          );
        }
      }
    }
  }
  for (const option of ['attribution', 'includeInternal'] as const) {
    if (row[option] === undefined) continue;
    if (remote !== null && remote.kind !== 'comments') {
      error('option-not-allowed', option, `${option} only applies to the comments row.`);
    } else if (typeof row[option] !== 'boolean') {
      error('invalid-option', option, `${option} must be true or false, not ${describe(row[option])}.`);
    }
  }
}

function checkPairing(
  row: Record<string, unknown>,
  direction: string,
  local: ResolvedField,
  remote: ResolvedField,
  side: Side,
  error: ErrorSink,
  warn: (code: string, column: string, text: string) => void,
): void {
  const receives = direction === 'both' || direction === 'from-remote';
  const localName = String(row.local);
  const remoteName = String(row.remote);
  for (const collection of ['comments', 'attachments'] as const) {
    if ((local.kind === collection) !== (remote.kind === collection)) {
      error('incompatible-fields', undefined, `${collection} can only be mapped to ${collection}.`);
      return;
    }
  }
  if (
    (local.kind === 'list' && remote.kind === 'named') ||
    (local.kind === 'named' && remote.kind === 'list')
  ) {
    error(
      'incompatible-fields',
      undefined,
      `"${localName}" and "${remoteName}" do not hold the same kind of value: one is a list, the other a single name.`,
    );
    return;
  }
  if ((local.kind === 'user') !== (remote.kind === 'user')) {
    error(
      'incompatible-fields',
      undefined,
      `"${localName}" and "${remoteName}" do not hold the same kind of value: users map only to assignee or reporter.`,
    );
    return;
  }
  if (receives && local.kind === 'user') {
    error(
      'users-not-received',
      'direction',
      `Basic mode does not write users ("${localName}"): set direction to-remote, or eject to scripts and map users by email (docs/rules.md, "User mapping by email").`,
    );
  }
  if (receives && !local.writable) {
    const instead =
      localName === 'issueType'
        ? 'a first sync chooses the type through create.typeName'
        : 'set direction to-remote';
    error('read-only-field', 'local', `"${localName}" cannot be written on ${sideName(side)}; ${instead}.`);
  }
  const collection = local.kind === 'comments' || local.kind === 'attachments';
  if (row.values !== undefined && (collection || local.kind === 'list' || local.kind === 'user')) {
    error(
      'values-not-allowed',
      'values',
      `a value map translates single values, and "${localName}" holds a list or a user.`,
    );
  }
  if (row.transform !== undefined && (collection || local.kind === 'named' || remote.kind === 'named')) {
    const reason =
      local.kind === 'comments'
        ? 'comment bodies are converted between HTML and plain text automatically'
        : 'it only applies to text fields';
    error('transform-not-allowed', 'transform', `remove the transform: ${reason}.`);
  }
  if (row.transform === undefined && !collection) {
    if (local.kind === 'text' && remote.kind === 'html') {
      warn(
        'missing-transform',
        'transform',
        `"${localName}" is plain text and "${remoteName}" is HTML: add the transform text<->html so markup is converted.`,
      );
    } else if (local.kind === 'html' && remote.kind === 'text') {
      warn(
        'missing-transform',
        'transform',
        `"${localName}" is HTML and "${remoteName}" is plain text: add the transform html<->text so markup is converted.`,
      );
    }
  }
}

function duplicateTargets(rows: CheckedRow[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = { local: new Map<string, number>(), remote: new Map<string, number>() };
  for (const { row, index, local, remote } of rows) {
    const targets: Array<['local' | 'remote', ResolvedField, boolean]> = [
      ['local', local, row.direction !== 'to-remote'],
      ['remote', remote, row.direction !== 'from-remote'],
    ];
    for (const [column, field, written] of targets) {
      if (!written) continue;
      const key = JSON.stringify(field.path);
      const first = seen[column].get(key);
      if (first === undefined) {
        seen[column].set(key, index);
        continue;
      }
      const where = column === 'local' ? 'the local field' : 'the replica field';
      problems.push({
        severity: 'error',
        code: 'duplicate-target',
        row: index,
        column,
        message: `Row ${index + 1}: ${where} "${row[column]}" is already written by row ${first + 1}; a field takes its value from one row.`,
      });
    }
  }
  return problems;
}

function checkCreate(create: unknown, side: Side): MappingProblem[] {
  if (create === undefined) return [];
  const problem = (column: string | undefined, text: string): MappingProblem => ({
    severity: 'error',
    code: 'invalid-create',
    row: null,
    ...(column ? { column } : {}),
    message: text,
  });
  if (!isRecord(create))
    return [problem(undefined, 'create must be an object (projectKey, typeName or entityType).')];
  const allowed = side === 'jira' ? ['projectKey', 'typeName'] : ['entityType'];
  const problems: MappingProblem[] = [];
  for (const [key, value] of Object.entries(create)) {
    if (!allowed.includes(key)) {
      problems.push(
        problem(key, `create.${key} does not apply on ${sideName(side)}; use ${allowed.join(' or ')}.`),
      );
    } else if (typeof value !== 'string' || value.trim() === '') {
      problems.push(problem(key, `create.${key} must be a non-empty name, not ${describe(value)}.`));
    }
  }
  return problems;
}

function sideName(side: Side): string {
  return side === 'jira' ? 'Jira' : 'Salesforce';
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
