/**
 * The replica as an adapter uses it (package entry `@tandem/shared-ts/replica`, namespace
 * `replica` of the root): its types, validation against the schema and limits, the content
 * hash, migration between schema versions, and rich-text conversion (ADF, HTML, text).
 * docs/replica.md is the contract.
 */
export * from '../replica/types';
export {
  validateReplica,
  type ReplicaInvalid,
  type ReplicaValidation,
  type ReplicaValidationError,
} from '../replica/validate-replica';
export { replicaJsonSchema } from '../replica/replica-json-schema';
export { replicaContentHash } from '../replica/replica-content-hash';
export { downgradeReplica, migrateReplica } from '../replica/migrate-replica';
export {
  MAX_REPLICA_DEPTH,
  MAX_REPLICA_ID,
  MAX_REPLICA_PLATFORM,
  MAX_REPLICA_URL,
  MAX_REPLICA_VALUES,
} from '../replica/replica-limits';

// Rich text
export type { AdfDoc, AdfMark, AdfNode } from '../replica/rich-text/adf';
export type { RichTextError } from '../replica/rich-text/rich-text-error';
export {
  convertRichText,
  RICH_TEXT_FORMATS,
  type RichTextFormat,
} from '../replica/rich-text/convert-rich-text';
export { adfToHtml } from '../replica/rich-text/adf-to-html';
export { htmlToAdf } from '../replica/rich-text/html-to-adf';
export { htmlToText, textToHtml } from '../replica/rich-text/plain-text';
export { sanitizeHtml } from '../replica/rich-text/sanitize-html';
