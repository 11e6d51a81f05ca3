/**
 * The run budgets (docs/ir.md, "Limits and steps"): steps weighted by the work each operation
 * does, the memory budget on values built, and the wall-clock deadline. Each example from
 * issue #8 that once ran for minutes or exhausted the heap ends with its budget's code, the
 * same in both engines.
 */
import { compile, runIr, runRules, type RuleLimits, type RuleResult } from '../index';

const NOW = '2024-01-01T00:00:00Z';

/** Runs a Jira outgoing script on both engines (IR after a JSON round trip); they must agree. */
function both(script: string, given: RuleLimits = {}): RuleResult {
  // The deadline depends on the host's speed; only the tests of the deadline set one.
  const limits = { maxMillis: 60_000, ...given };
  const ast = runRules(script, 'jira', 'outgoing', { now: NOW }, { ...limits, engine: 'ast' });
  const compiled = compile(script, 'jira', 'outgoing');
  if (!compiled.ok) throw new Error(`does not compile: ${JSON.stringify(compiled.error.diagnostics)}`);
  const ir = runIr(JSON.parse(JSON.stringify(compiled.ir)), 'jira', 'outgoing', { now: NOW }, limits);
  expect(ir).toEqual(ast);
  return ast;
}

function errorCode(result: RuleResult): string | null {
  return result.ok ? null : result.error.code;
}

describe('weighted steps', () => {
  it('charge a text method one step per 100 code units read and per 100 built', () => {
    const short = both("const s = 'x'.padStart(99, 'x');\nreplica.a = s.toUpperCase();");
    const long = both("const s = 'x'.padStart(1000, 'x');\nreplica.a = s.toUpperCase();");
    // padStart builds 1000 (10 steps); toUpperCase reads 1000 (10) and builds 1000 (10).
    expect(long.steps - short.steps).toBe(30);
  });

  it('charge a list helper for the elements it reads and the list it builds', () => {
    const script = (n: number) =>
      `const l = 'x'.padStart(${n}, 'x').split('');\nreplica.a = l.map(c => 1).length;`;
    const small = both(script(10));
    const large = both(script(1000));
    // Per element: the callback's body node (1 step). Per 100 elements: padStart's text,
    // split's read and its pieces, map's read and its result (5 installments of 10).
    expect(large.steps - small.steps).toBe(990 + 50);
  });

  it('charge `+` on text for the text it builds, so a growing string costs its whole length each time', () => {
    const result = both(
      "let s = '';\nfor (const i of 'x'.padStart(1000, 'x').split('')) { s += 'abcdefghij'; }\nreplica.n = s.length;",
      { maxSteps: 10_000 },
    );
    expect(errorCode(result)).toBe('step-limit');
  });

  it('stop at the step limit with steps at maxSteps + 1 even when one operation overshoots it', () => {
    const result = both("replica.a = 'x'.padStart(100000, 'x');", { maxSteps: 50 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'step-limit', line: 1, column: 17 },
      steps: 51,
    });
  });
});

describe('the memory budget', () => {
  it('counts text built, not only the output', () => {
    const script =
      "const s = 'x'.padStart(1000, 'x');\nfor (const i of [1, 2, 3, 4, 5]) { replica.a = s.toUpperCase(); }";
    expect(both(script, { maxMemory: 1000 * 6 + 10 }).ok).toBe(true);
    const over = both(script, { maxMemory: 1000 * 5 });
    expect(over).toMatchObject({ ok: false, error: { code: 'memory-limit', line: 2, column: 50 } });
  });

  it('counts list elements and object keys built', () => {
    const script = 'const l = [1, 2, 3];\nreplica.a = l.map(x => ({ a: x, b: x }));';
    expect(both(script, { maxMemory: 3 + 3 + 6 }).ok).toBe(true);
    expect(errorCode(both(script, { maxMemory: 3 + 3 + 5 }))).toBe('memory-limit');
  });
});

describe('the deadline', () => {
  it('is read at the first step, so a deadline of 0 ms stops the first node', () => {
    expect(both('replica.a = 1;', { maxMillis: 0 })).toMatchObject({
      ok: false,
      error: { code: 'deadline', line: 1, column: 1 },
      steps: 1,
    });
  });

  it('stops a long loop that stays inside the step budget', () => {
    const script =
      "const l = 'x'.padStart(2000, 'x').split('');\nfor (const a of l) { for (const b of l) { replica.n = 1; } }";
    const result = runRules(script, 'jira', 'outgoing', { now: NOW }, { maxMillis: 1, maxSteps: 1e9 });
    expect(errorCode(result)).toBe('deadline');
    const ir = runRules(
      script,
      'jira',
      'outgoing',
      { now: NOW },
      { maxMillis: 1, maxSteps: 1e9, engine: 'ir' },
    );
    expect(errorCode(ir)).toBe('deadline');
  });
});

describe('the examples of issue #8 end with a budget code under the default step and memory budgets', () => {
  const loop = (iterations: number) =>
    [
      "const big = 'x'.padStart(900000, 'ab');",
      `for (const i of 'x'.padStart(${iterations}, 'x').split('')) {`,
      "  replica.a = big.replaceAll('a', 'c').includes('zz');",
      '}',
    ].join('\n');

  it('replaceAll and includes on a 900,000-character text in a 99-step loop (ran 4.5 s)', () => {
    expect(errorCode(both(loop(99)))).toBe('memory-limit');
  });

  it('the same with 9,999 iterations (ran for minutes)', () => {
    expect(errorCode(both(loop(9999)))).toBe('memory-limit');
  });

  it('mapping toUpperCase over a 1,000,000-character text 10,000 times (exhausted the heap)', () => {
    const script = [
      "const big = 'x'.padStart(1000000, 'x');",
      "replica.a = 'x'.padStart(10000, 'x').split('').map(c => big.toUpperCase());",
    ].join('\n');
    expect(errorCode(both(script))).toBe('memory-limit');
  });
});
