/**
 * The part of Atlassian Document Format (ADF) that Tandem writes. Jira REST v3 takes it for
 * descriptions, comment bodies and rich-text fields; the published JSON schema is
 * `@atlaskit/adf-schema/json-schema/v1/full.json`.
 */

/** A mark on a text node: `strong`, `em`, `underline`, `strike`, `code`, `link` (with `attrs.href`). */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** Any ADF node below the document. */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: AdfMark[];
  text?: string;
}

/** The root of an ADF document. */
export interface AdfDoc {
  version: 1;
  type: 'doc';
  content: AdfNode[];
}
