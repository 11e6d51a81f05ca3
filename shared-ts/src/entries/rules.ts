/**
 * The rules language as an adapter uses it (package entry `@tandem/shared-ts/rules`, namespace
 * `rules` of the root): check a script (diagnostics for the editor), compile it to the IR that
 * both runtimes run, run the IR, run the script itself for dry runs, and Basic mode (default
 * scripts, mapping tables, the generator). docs/rules.md teaches it; docs/ir.md specifies the IR.
 */
export type {
  Diagnostic,
  Direction,
  EntityWrite,
  RuleError,
  RuleInputs,
  RuleLimits,
  RuleResult,
  Side,
} from '../rules/runtime/types';
export { check } from '../rules/checker/check';
export { compile, type CompileResult, type ScriptInvalid } from '../rules/checker/compile';
export { IR_VERSION, type IrProgram } from '../rules/runtime/ir';
export type { IrDependencies, IrInputUse, IrWriteReads } from '../rules/runtime/ir-dependencies';
export { runIr, runRules, type RunOptions } from '../rules/run-rules';
export { DEFAULT_LIMITS } from '../rules/runtime/limits';

// Basic mode
export { DEFAULT_MAPPINGS, DEFAULT_RULES } from '../rules/basic-mode/defaults';
export {
  generateRules,
  type GeneratedRules,
  type GenerateRulesResult,
  type InvalidMapping,
} from '../rules/basic-mode/generate-rules';
export { validateMapping, type MappingProblem } from '../rules/basic-mode/validate-mapping';
export {
  MAPPING_DIRECTIONS,
  MAPPING_TRANSFORMS,
  STATUS_CATEGORIES,
  type MappingCreate,
  type MappingDirection,
  type MappingRow,
  type MappingTable,
  type MappingTransform,
  type StatusCategory,
} from '../rules/basic-mode/mapping-table';
