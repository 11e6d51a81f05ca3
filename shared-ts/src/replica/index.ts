export * from './types';
export { replicaJsonSchema } from './replica-json-schema';
export {
  validateReplica,
  type ReplicaInvalid,
  type ReplicaValidation,
  type ReplicaValidationError,
} from './validate-replica';
export { replicaContentHash } from './replica-content-hash';
export { downgradeReplica, migrateReplica } from './migrate-replica';
export {
  MAX_REPLICA_DEPTH,
  MAX_REPLICA_ID,
  MAX_REPLICA_PLATFORM,
  MAX_REPLICA_URL,
  MAX_REPLICA_VALUES,
} from './replica-limits';
export type { AdfDoc, AdfMark, AdfNode } from './rich-text/adf';
export type { RichTextError } from './rich-text/rich-text-error';
export { adfToHtml } from './rich-text/adf-to-html';
export { htmlToAdf } from './rich-text/html-to-adf';
export { htmlToText, textToHtml } from './rich-text/plain-text';
export { sanitizeHtml } from './rich-text/sanitize-html';
export { convertRichText, RICH_TEXT_FORMATS, type RichTextFormat } from './rich-text/convert-rich-text';
