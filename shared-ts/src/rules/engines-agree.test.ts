/**
 * The AST and IR interpreters agree on every script, not only on the vectors: random
 * scripts built from the whole subset give identical results, errors, locations and step
 * counts in both. Most generated scripts are well typed (so they run to the end); the rest
 * mix kinds freely (so errors and limits are compared too).
 */
import fc from 'fast-check';
import { check, compile, runIr, runRules, type RuleLimits, type RuleResult } from './index';
import {
  budgetRun,
  deepScript,
  generators,
  INPUTS,
  PRELUDE,
  statement,
  wideScript,
  wild,
} from './testing/script-arbitraries';

const limits = { maxSteps: 600, maxListLength: 60, maxOutputSize: 4000, maxMillis: 60_000 };

function bothEngines(statements: string[]): { ast: RuleResult; ir: RuleResult } | null {
  return runScript([...PRELUDE, ...statements].join('\n'), limits);
}

/** Both engines on a script the checker accepts (null when it refuses it); the IR goes through JSON. */
function runScript(script: string, runLimits: RuleLimits): { ast: RuleResult; ir: RuleResult } | null {
  if (check(script, 'jira', 'outgoing').some((d) => d.severity === 'error')) return null;
  const compiled = compile(script, 'jira', 'outgoing');
  if (!compiled.ok) throw new Error(`a script without check errors must compile:\n${script}`);
  const ast = runRules(script, 'jira', 'outgoing', INPUTS, { ...runLimits, engine: 'ast' });
  const ir = runIr(JSON.parse(JSON.stringify(compiled.ir)), 'jira', 'outgoing', INPUTS, runLimits);
  return { ast, ir };
}

describe('the AST and IR interpreters', () => {
  it('agree on random well-typed scripts, a good share of which run to the end', () => {
    let completed = 0;
    fc.assert(
      fc.property(fc.array(statement(generators.any), { minLength: 1, maxLength: 4 }), (statements) => {
        const results = bothEngines(statements);
        if (!results) return;
        expect(results.ir).toEqual(results.ast);
        if (results.ast.ok) completed++;
      }),
      { numRuns: 300 },
    );
    // About half complete (the rest stop at a limit or a null access); a third is a floor that
    // proves the generator exercises whole runs without making the test flaky.
    expect(completed).toBeGreaterThan(100);
  });

  it('agree on random scripts that mix kinds, failing or not', () => {
    fc.assert(
      fc.property(fc.array(statement(wild), { minLength: 1, maxLength: 4 }), (statements) => {
        const results = bothEngines(statements);
        if (results) expect(results.ir).toEqual(results.ast);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the AST and IR interpreters at the limits', () => {
  it('agree on scripts nested around the nesting limit; the checker refuses the deeper ones as too-deep', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(deepScript, (script) => {
        const errors = check(script, 'jira', 'outgoing').filter((d) => d.severity === 'error');
        if (errors.some((d) => d.code === 'too-deep')) {
          refused++;
          const ast = runRules(script, 'jira', 'outgoing', INPUTS, { engine: 'ast' });
          expect(runRules(script, 'jira', 'outgoing', INPUTS, { engine: 'ir' })).toEqual(ast);
          expect(ast).toMatchObject({ ok: false, error: { code: 'too-deep' } });
          return;
        }
        const results = runScript(script, limits);
        if (!results) return;
        accepted++;
        expect(results.ir).toEqual(results.ast);
      }),
      { numRuns: 60 },
    );
    expect(accepted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });

  it('agree on wide scripts: many statements, long list and object literals', () => {
    fc.assert(
      fc.property(wideScript, (script) => {
        const results = runScript(script, { ...limits, maxSteps: 50_000 });
        if (results) expect(results.ir).toEqual(results.ast);
      }),
      { numRuns: 15 },
    );
  });

  it('agree on scripts stopped by every budget: steps, memory, output, list length and the deadline', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(budgetRun, ({ script, limits: runLimits }) => {
        const results = runScript(script, runLimits);
        if (!results) throw new Error(`generated budget script refused:\n${script}`);
        expect(results.ir).toEqual(results.ast);
        codes.add(results.ast.ok ? 'ok' : results.ast.error.code);
      }),
      { numRuns: 200 },
    );
    for (const code of ['ok', 'step-limit', 'memory-limit', 'output-limit', 'list-limit', 'deadline']) {
      expect([code, codes.has(code)]).toEqual([code, true]);
    }
  });
});
