/**
 * The Salesforce LWC service module's entry (package entry `@tandem/shared-ts/lwc`): what the
 * admin console and the Case panel run in the browser. It validates replicas, checks and
 * compiles rule scripts (acorn comes with the checker), generates Basic-mode scripts and
 * converts rich text, and imports nothing else: no engine, no protocol, no crypto. A test
 * bundles it as the service module is bundled and holds it under 1 MB.
 */
export {
  validateReplica,
  type ReplicaInvalid,
  type ReplicaValidation,
  type ReplicaValidationError,
} from '../replica/validate-replica';
export type { Replica } from '../replica/types';
export type { CompileResult, ScriptInvalid } from '../rules/checker/compile';
export { check } from '../rules/checker/check';
export { compile } from '../rules/checker/compile';
export type { Diagnostic, Direction, Side } from '../rules/runtime/types';
export type { IrProgram } from '../rules/runtime/ir';
export { DEFAULT_RULES } from '../rules/basic-mode/defaults';
export {
  generateRules,
  type GeneratedRules,
  type GenerateRulesResult,
  type InvalidMapping,
} from '../rules/basic-mode/generate-rules';
export { validateMapping, type MappingProblem } from '../rules/basic-mode/validate-mapping';
export type { MappingTable } from '../rules/basic-mode/mapping-table';
export type { RichTextError } from '../replica/rich-text/rich-text-error';
export {
  convertRichText,
  RICH_TEXT_FORMATS,
  type RichTextFormat,
} from '../replica/rich-text/convert-rich-text';
export { sanitizeHtml } from '../replica/rich-text/sanitize-html';
