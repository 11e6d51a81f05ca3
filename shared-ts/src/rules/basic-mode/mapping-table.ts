/**
 * The mapping table of Basic mode: what an admin fills in instead of writing rule scripts.
 * `generateRules` turns a table into the two scripts of one side; see docs/rules.md, "Basic mode".
 */

/** Which way a mapped field travels, seen from this side. */
export type MappingDirection = 'both' | 'to-remote' | 'from-remote';

/** Every `MappingDirection`, in the order the docs list them. */
export const MAPPING_DIRECTIONS: readonly MappingDirection[] = ['both', 'to-remote', 'from-remote'];

/**
 * A rich-text conversion between the local field and the replica field, written `local<->remote`:
 * `text<->html` for a plain-text local field (Salesforce Description) and an HTML replica field.
 */
export type MappingTransform = 'text<->html' | 'html<->text';

/** Every `MappingTransform`. */
export const MAPPING_TRANSFORMS: readonly MappingTransform[] = ['text<->html', 'html<->text'];

/** Jira's status categories, which replicas carry next to a status name. */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** Every `StatusCategory`. */
export const STATUS_CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done'];

/** One line of the table: a local field, the replica field it corresponds to, and how values cross. */
export interface MappingRow {
  /**
   * The field on this side. Jira: an issue field (`summary`, `status`, `labels`...) or a custom
   * field's display name (`Sales Region`, or explicitly `customFields.Sales Region`).
   * Salesforce: a field API name (`Subject`, `Sales_Region__c`) or a lookup path (`Account.Name`).
   * `comments` and `attachments` name the collections on both sides.
   */
  local: string;
  /**
   * The replica field: a standard one (`summary`, `status`, `comments`...) or a custom field's
   * name (`Sales Region`, or explicitly `custom.Sales Region`).
   */
  remote: string;
  direction: MappingDirection;
  /**
   * Value map, local value -> remote value (or several remote values, all of which are taken
   * in; the first is the one sent). Maps translate where the value is received: a `both` or
   * `from-remote` row sends local values as they are and maps remote values on the way in; a
   * `to-remote` row translates what it sends. When several local values map to one remote
   * value, the first listed is the one taken in.
   */
  values?: Record<string, string | string[]>;
  /**
   * The value to use when `values` has no entry: a local value for rows this side receives
   * (default: keep the local field as it is), the value to send for `to-remote` rows
   * (default: send the local value unchanged).
   */
  fallback?: string;
  /**
   * Status rows only: local status -> status category. Sent with the status name (so the
   * other side can fall back on it), and used in reverse to take in a remote status that
   * `values` does not name.
   */
  categories?: Record<string, StatusCategory>;
  /** Rich-text conversion; not allowed together with `values`. */
  transform?: MappingTransform;
  /**
   * Comments rows only: prefix each received comment with its author, e.g. "Ann Lee (via
   * Jira):", since it is posted by the integration user. Default true.
   */
  attribution?: boolean;
  /** Comments rows only: also send internal comments (they stay internal). Default true. */
  includeInternal?: boolean;
}

/** Where a first sync creates the local entity. */
export interface MappingCreate {
  /** Jira: project key used when `connection.settings.projectKey` is not set. */
  projectKey?: string;
  /** Jira: issue type used when `connection.settings.issueType` is not set. */
  typeName?: string;
  /** Salesforce: the object type of records created by a first sync (`Case`). */
  entityType?: string;
}

/** A side's whole Basic-mode configuration. */
export interface MappingTable {
  rows: MappingRow[];
  create?: MappingCreate;
}
