/**
 * Runtime failures of a rule run. Shared helpers throw them without a location; the
 * interpreter that evaluates the failing node fills the location in before it escapes.
 */
import type { At } from './ir';
import type { RuleError } from './types';

/** The stable codes of runtime errors (docs/ir.md lists when each one is raised). */
export type RuntimeErrorCode =
  | 'step-limit'
  | 'memory-limit'
  | 'deadline'
  | 'output-limit'
  | 'list-limit'
  | 'null-access'
  | 'type-error'
  | 'division-by-zero'
  | 'bad-number'
  | 'bad-date'
  | 'bad-pattern'
  | 'forbidden-key'
  | 'bad-ir'
  | 'too-deep'
  | 'too-large'
  | 'internal-error';

/** A runtime error on its way out of an interpreter; `line` 0 means "not located yet". */
export class RuleFailure {
  line = 0;
  column = 0;

  constructor(
    readonly code: RuntimeErrorCode,
    readonly message: string,
    at?: At,
  ) {
    if (at) {
      this.line = at[0];
      this.column = at[1];
    }
  }

  /** The failure as the public `RuleError`; one no node located (the run's input or output) is at 1:1. */
  toError(): RuleError {
    return this.line === 0
      ? { code: this.code, message: this.message, line: 1, column: 1 }
      : { code: this.code, message: this.message, line: this.line, column: this.column };
  }
}

/** Gives an unlocated failure its location; anything else passes through unchanged. */
export function locate(thrown: unknown, at: At): unknown {
  if (thrown instanceof RuleFailure && thrown.line === 0) {
    thrown.line = at[0];
    thrown.column = at[1];
  }
  return thrown;
}

/** Turns whatever escaped a run into a `RuleError` (an unexpected throw is an internal error). */
export function toRuleError(thrown: unknown): RuleError {
  if (thrown instanceof RuleFailure) return thrown.toError();
  if (thrown instanceof RangeError) {
    return {
      code: 'internal-error',
      message: 'The rules nest values or expressions too deeply to evaluate.',
      line: 1,
      column: 1,
    };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return {
    code: 'internal-error',
    message: `Internal error in the rules runtime: ${message}`,
    line: 1,
    column: 1,
  };
}
