/**
 * What Basic mode knows about fields: how a name in a mapping row becomes a member path below
 * `issue`, `entity` or `replica`, what shape its value has, and whether rules may write it.
 */
import type { Side } from '../runtime/types';
import { FORBIDDEN_KEYS } from '../runtime/values';

/**
 * The shape of a field's value, as far as generating rules needs it.
 * `named` is an object with a `name` (Jira status, priority; replica status, priority...);
 * `value` is anything else that is copied as it is (numbers, picklists, custom fields).
 */
export type FieldKind = 'text' | 'html' | 'named' | 'list' | 'user' | 'comments' | 'attachments' | 'value';

/** A field named in a mapping row, resolved against its side. */
export interface ResolvedField {
  /** Member path below the variable: `['Subject']`, `['customFields', 'Sales Region']`. */
  path: string[];
  kind: FieldKind;
  /** Whether the incoming script may assign it (always true for replica fields that are not reserved). */
  writable: boolean;
  /** The standard field a differently-cased name probably meant (`Summary` -> `summary`). */
  didYouMean?: string;
}

/** Why a field name cannot be used. */
export interface FieldNameProblem {
  code: 'invalid-field-name' | 'reserved-field';
  message: string;
}

interface StandardField {
  kind: FieldKind;
  writable: boolean;
}

const JIRA_FIELDS: Record<string, StandardField> = {
  key: { kind: 'text', writable: false },
  id: { kind: 'text', writable: false },
  summary: { kind: 'text', writable: true },
  description: { kind: 'html', writable: true },
  status: { kind: 'named', writable: true },
  priority: { kind: 'named', writable: true },
  resolution: { kind: 'named', writable: true },
  issueType: { kind: 'named', writable: false },
  project: { kind: 'value', writable: false },
  parent: { kind: 'value', writable: false },
  labels: { kind: 'list', writable: true },
  components: { kind: 'list', writable: true },
  fixVersions: { kind: 'list', writable: true },
  assignee: { kind: 'user', writable: true },
  reporter: { kind: 'user', writable: true },
  dueDate: { kind: 'text', writable: true },
  created: { kind: 'text', writable: false },
  updated: { kind: 'text', writable: false },
  comments: { kind: 'comments', writable: true },
  attachments: { kind: 'attachments', writable: true },
};

/** Salesforce fields whose kind is not `value`, or which rules cannot write. */
const SALESFORCE_FIELDS: Record<string, StandardField> = {
  Id: { kind: 'text', writable: false },
  CaseNumber: { kind: 'text', writable: false },
  Subject: { kind: 'text', writable: true },
  Description: { kind: 'text', writable: true },
  CreatedDate: { kind: 'text', writable: false },
  LastModifiedDate: { kind: 'text', writable: false },
  SystemModstamp: { kind: 'text', writable: false },
  ClosedDate: { kind: 'text', writable: false },
  IsClosed: { kind: 'value', writable: false },
  CreatedById: { kind: 'text', writable: false },
  LastModifiedById: { kind: 'text', writable: false },
  Owner: { kind: 'user', writable: false },
  CreatedBy: { kind: 'user', writable: false },
  LastModifiedBy: { kind: 'user', writable: false },
  comments: { kind: 'comments', writable: true },
  attachments: { kind: 'attachments', writable: true },
};

const REPLICA_FIELDS: Record<string, FieldKind> = {
  summary: 'text',
  description: 'html',
  status: 'named',
  priority: 'named',
  resolution: 'named',
  type: 'named',
  labels: 'list',
  assignee: 'user',
  reporter: 'user',
  due: 'text',
  created: 'text',
  updated: 'text',
  project: 'value',
  parent: 'value',
  comments: 'comments',
  attachments: 'attachments',
};

/** Replica members the engine owns; rules never write them. */
const RESERVED_REPLICA_FIELDS = ['schema', 'entity', 'seq', 'hash', 'custom'];

const SALESFORCE_API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Resolves the `local` column of a mapping row on the given side. */
export function resolveLocalField(name: string, side: Side): ResolvedField | FieldNameProblem {
  return side === 'jira' ? resolveJiraField(name) : resolveSalesforceField(name);
}

/** Resolves the `remote` column of a mapping row: a replica field, standard or custom. */
export function resolveReplicaField(name: string): ResolvedField | FieldNameProblem {
  if (RESERVED_REPLICA_FIELDS.includes(name)) {
    return {
      code: 'reserved-field',
      message: `"${name}" is filled in by Tandem itself; pick a replica field such as summary, status or a custom field name`,
    };
  }
  const standard = own(REPLICA_FIELDS, name);
  if (standard !== undefined) return { path: [name], kind: standard, writable: true };
  const customName = name.startsWith('custom.') ? name.slice('custom.'.length) : name;
  return customField('custom', customName, Object.keys(REPLICA_FIELDS));
}

function resolveJiraField(name: string): ResolvedField | FieldNameProblem {
  const standard = own(JIRA_FIELDS, name);
  if (standard !== undefined) return { path: [name], ...standard };
  const customName = name.startsWith('customFields.') ? name.slice('customFields.'.length) : name;
  return customField('customFields', customName, Object.keys(JIRA_FIELDS));
}

function resolveSalesforceField(name: string): ResolvedField | FieldNameProblem {
  const segments = name.split('.');
  const bad = segments.find((segment) => !SALESFORCE_API_NAME.test(segment));
  if (bad !== undefined) {
    return {
      code: 'invalid-field-name',
      message: `"${name}" is not a Salesforce field API name: use letters, digits and underscores, like ${suggestApiName(name)}`,
    };
  }
  const forbidden = segments.find((segment) => FORBIDDEN_KEYS.has(segment));
  if (forbidden !== undefined) return forbiddenName(forbidden);
  if (segments.length > 1) return { path: segments, kind: 'value', writable: false };
  const standard = own(SALESFORCE_FIELDS, name);
  if (standard !== undefined) return { path: [name], ...standard };
  return { path: [name], kind: 'value', writable: true };
}

function customField(
  container: string,
  name: string,
  standardNames: string[],
): ResolvedField | FieldNameProblem {
  if (name.trim() === '') {
    return { code: 'invalid-field-name', message: `"${container}." must be followed by a custom field name` };
  }
  if (FORBIDDEN_KEYS.has(name)) return forbiddenName(name);
  const field: ResolvedField = { path: [container, name], kind: 'value', writable: true };
  const meant = standardNames.find((standard) => standard.toLowerCase() === name.toLowerCase());
  if (meant !== undefined) field.didYouMean = meant;
  return field;
}

function forbiddenName(name: string): FieldNameProblem {
  return {
    code: 'invalid-field-name',
    message: `"${name}" cannot be used as a field name: rules refuse it because it reaches into JavaScript internals`,
  };
}

function suggestApiName(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const base = words.join('_').replace(/^[^A-Za-z]+/, '');
  return base === '' ? 'Region__c' : `${base}__c`;
}

/** A table entry by its own key only, so that `constructor` is never found on Object.prototype. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Whether a resolution failed. */
export function isFieldNameProblem(field: ResolvedField | FieldNameProblem): field is FieldNameProblem {
  return 'code' in field;
}
