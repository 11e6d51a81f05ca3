/**
 * The rules language: a safe JavaScript subset that admins write to map an entity to a
 * replica (outgoing) and a replica to an entity (incoming). docs/rules.md teaches it;
 * docs/ir.md specifies the IR and the exact semantics both runtimes share.
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
} from './runtime/types';
export type { IrProgram } from './runtime/ir';
export {
  inputsOf,
  readsOnlyReplica,
  type IrDependencies,
  type IrInputUse,
  type IrWriteReads,
} from './runtime/ir-dependencies';
export { IR_VERSION } from './runtime/ir';
export { check } from './checker/check';
export { compile, type CompileResult, type ScriptInvalid } from './checker/compile';
export { runRules, runIr, type RunOptions } from './run-rules';
export { DEFAULT_LIMITS } from './runtime/limits';
