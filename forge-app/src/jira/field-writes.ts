/**
 * Turns a write plan's field assignments into Jira REST: the `fields` of an edit or create body
 * (custom fields by id, from the catalogue; description and ADF custom fields as ADF; named values
 * as `{name}`; users as `{accountId}`), the target status (written through transitions, not
 * `fields`), and where a new issue goes (`projectKey`, `typeName`). Pure.
 */
import type { FieldWrite, SyncFailure } from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import { htmlToAdf, type JsonValue } from '@tandem/shared-ts/replica';
import type { FieldCatalogue } from './read-site-facts';

/** What the plan's fields ask of Jira. */
export interface JiraFieldWrites {
  /** The `fields` member of `PUT /issue` or `POST /issue`, by field id. */
  fields: Record<string, unknown>;
  /** The status name to reach, when the plan writes `status`. */
  status: string | null;
  /** Where a created issue goes (`issue.projectKey`, `issue.typeName`). */
  projectKey: string | null;
  typeName: string | null;
}

/** Translates the writes, or names the first path Jira cannot take. */
export function fieldWrites(
  writes: FieldWrite[],
  catalogue: FieldCatalogue,
): { ok: true; value: JiraFieldWrites } | { ok: false; error: SyncFailure } {
  const out: JiraFieldWrites = { fields: {}, status: null, projectKey: null, typeName: null };
  for (const write of writes) {
    const applied = applyWrite(out, write.path, write.value, catalogue);
    if (applied !== null) return { ok: false, error: syncFailure('rejected', applied) };
  }
  return { ok: true, value: out };
}

function applyWrite(
  out: JiraFieldWrites,
  path: string[],
  value: JsonValue,
  catalogue: FieldCatalogue,
): string | null {
  const [head, ...rest] = path;
  if (head === 'customFields') {
    if (rest.length === 0) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return 'issue.customFields must be an object of custom fields by name';
      for (const [name, inner] of Object.entries(value)) {
        const problem = applyWrite(out, ['customFields', name], inner, catalogue);
        if (problem !== null) return problem;
      }
      return null;
    }
    if (rest.length > 1)
      return `issue.customFields["${rest[0]}"] is written whole: a rule cannot write inside it`;
    return customWrite(out, rest[0] as string, value, catalogue);
  }
  if (rest.length > 0) return `issue.${path.join('.')} cannot be written: write issue.${head} whole`;
  switch (head) {
    case 'summary':
      if (typeof value !== 'string') return 'issue.summary must be text';
      out.fields.summary = value;
      return null;
    case 'description':
      out.fields.description =
        value === null ? null : typeof value === 'string' ? htmlToAdf(value) : undefined;
      return out.fields.description === undefined ? 'issue.description must be HTML text or null' : null;
    case 'status': {
      const name = nameOf(value);
      if (name === null) return 'issue.status must be a status name ("Done") or {name}';
      out.status = name;
      return null;
    }
    case 'priority':
    case 'resolution': {
      if (value === null) {
        out.fields[head] = null;
        return null;
      }
      const name = nameOf(value);
      if (name === null) return `issue.${head} must be a name or {name}, or null`;
      out.fields[head] = { name };
      return null;
    }
    case 'labels':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        return 'issue.labels must be a list of text';
      out.fields.labels = value;
      return null;
    case 'components':
    case 'fixVersions': {
      if (!Array.isArray(value)) return `issue.${head} must be a list of names`;
      const names = value.map(nameOf);
      if (names.some((n) => n === null)) return `issue.${head} must be a list of names or {name}`;
      out.fields[head] = names.map((name) => ({ name }));
      return null;
    }
    case 'assignee':
    case 'reporter': {
      if (value === null) {
        out.fields[head] = null;
        return null;
      }
      const accountId = typeof value === 'object' && !Array.isArray(value) ? value.accountId : undefined;
      if (typeof accountId !== 'string') return `issue.${head} must be {accountId: "..."} or null`;
      out.fields[head] = { accountId };
      return null;
    }
    case 'dueDate':
      if (value !== null && typeof value !== 'string')
        return 'issue.dueDate must be a date "YYYY-MM-DD" or null';
      out.fields.duedate = typeof value === 'string' ? value.slice(0, 10) : null;
      return null;
    case 'projectKey':
    case 'typeName':
      if (typeof value !== 'string') return `issue.${head} must be text`;
      out[head] = value;
      return null;
    default:
      return `issue.${path.join('.')} is not a field Tandem can write on a Jira issue (see docs/rules.md, "The Jira issue")`;
  }
}

function customWrite(
  out: JiraFieldWrites,
  name: string,
  value: JsonValue,
  catalogue: FieldCatalogue,
): string | null {
  const field = catalogue.customByName.get(name) ?? catalogue.byId.get(name);
  if (!field?.id || field.custom !== true)
    return `issue.customFields["${name}"]: no custom field of that name or id on this site`;
  const custom = field.schema?.custom ?? '';
  if (value !== null && custom.endsWith(':textarea')) {
    if (typeof value !== 'string') return `issue.customFields["${name}"] is rich text: write HTML text`;
    out.fields[field.id] = htmlToAdf(value);
  } else if (value !== null && field.schema?.type === 'option' && typeof value === 'string') {
    out.fields[field.id] = { value };
  } else {
    out.fields[field.id] = value;
  }
  return null;
}

function nameOf(value: JsonValue): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.name === 'string')
    return value.name;
  return null;
}
