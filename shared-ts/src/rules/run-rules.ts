/**
 * `runRules` and `runIr`: check (or validate), run, and turn the outcome into a
 * `RuleResult`. Checked scripts and their IR are cached by text, so a host that runs the
 * same script many times parses it once.
 */
import { analyze, type Analysis } from './checker/subset-checker';
import { callArgumentProblem } from './checker/call-arguments';
import { compileAnalysis } from './checker/compile';
import { toRuleError } from './runtime/errors';
import { runAst } from './ast-interpreter';
import type { IrProgram } from './runtime/ir';
import { runIrProgram } from './runtime/ir-interpreter';
import { validateIr } from './runtime/ir-validate';
import { resolveLimits } from './runtime/limits';
import { RunContext } from './runtime/run-context';
import type { Direction, RuleInputs, RuleLimits, RuleResult, Side } from './runtime/types';

/** Options of a run: which TypeScript runtime (default `ast`), and the limits. */
export type RunOptions = { engine?: 'ast' | 'ir' } & RuleLimits;

interface Prepared {
  analysis: Analysis;
  ir?: IrProgram;
}

const CACHE_SIZE = 64;
/** Per side and direction, by script text (the text itself is the key, so its hash is computed once). */
const caches = new Map<string, Map<string, Prepared>>();

/**
 * Checks, then runs a script. A check error stops it before it runs (the first error is
 * returned); nothing is applied on error and the inputs are never modified.
 */
export function runRules(
  script: string,
  side: Side,
  direction: Direction,
  inputs: RuleInputs,
  options: RunOptions = {},
): RuleResult {
  const problem = callArgumentProblem(script, side, direction);
  if (problem) return invalidArgument(problem);
  const prepared = prepare(script, side, direction);
  const { analysis } = prepared;
  if (analysis.hasErrors) {
    const first = analysis.diagnostics.find((d) => d.severity === 'error');
    return {
      ok: false,
      error: {
        code: first?.code ?? 'check-failed',
        message: first
          ? first.hint
            ? `${first.message} (${first.hint})`
            : first.message
          : 'The script has errors.',
        line: first?.line ?? 1,
        column: first?.column ?? 1,
      },
      steps: 0,
    };
  }
  if (options.engine === 'ir') {
    prepared.ir ??= compileAnalysis(analysis);
    return runIr(prepared.ir, side, direction, inputs, options);
  }
  return execute(side, direction, inputs, options, (context) => runAst(analysis, context));
}

/** Runs compiled IR (validated first; malformed IR fails with `bad-ir`). Same contract as `runRules`. */
export function runIr(
  ir: IrProgram,
  side: Side,
  direction: Direction,
  inputs: RuleInputs,
  options: RuleLimits = {},
): RuleResult {
  const problem = callArgumentProblem('', side, direction);
  if (problem) return invalidArgument(problem);
  let program: IrProgram;
  try {
    program = validateIr(ir, side, direction);
  } catch (error) {
    return { ok: false, error: toRuleError(error), steps: 0 };
  }
  return execute(side, direction, inputs, options, (context) => runIrProgram(program, context));
}

function invalidArgument(message: string): RuleResult {
  return { ok: false, error: { code: 'invalid-argument', message, line: 1, column: 1 }, steps: 0 };
}

/** Runs one interpreter in a fresh context; whatever it throws (even a host stack overflow) becomes a `RuleError`. */
function execute(
  side: Side,
  direction: Direction,
  inputs: RuleInputs,
  limits: RuleLimits,
  run: (context: RunContext) => void,
): RuleResult {
  let context: RunContext | undefined;
  try {
    context = new RunContext(side, direction, inputs, resolveLimits(limits));
    run(context);
    return context.finish();
  } catch (error) {
    return { ok: false, error: toRuleError(error), steps: context?.steps ?? 0 };
  }
}

function prepare(script: string, side: Side, direction: Direction): Prepared {
  const tag = `${side}/${direction}`;
  let cache = caches.get(tag);
  if (!cache) caches.set(tag, (cache = new Map()));
  const hit = cache.get(script);
  if (hit) return hit;
  const prepared: Prepared = { analysis: analyze(script, side, direction) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(script, prepared);
  return prepared;
}
