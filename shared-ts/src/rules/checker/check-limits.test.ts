/**
 * What `check` refuses before anything runs: scripts too deep or too large for the checker,
 * compiler and interpreters (which recurse on the tree), names from JavaScript's prototype,
 * and numbers that cannot be represented. Each refusal is a coded diagnostic, never a throw.
 */
import { check, compile, runIr, runRules } from '../index';
import { MAX_NESTING, MAX_NODES, MAX_SCRIPT_LENGTH } from '../runtime/limits';
import type { Diagnostic } from '../runtime/types';

const NOW = '2024-01-01T00:00:00Z';

function errors(script: string, side: 'jira' | 'salesforce' = 'jira'): Diagnostic[] {
  return check(script, side, 'outgoing').filter((d) => d.severity === 'error');
}

/** check, compile and run (both engines) refuse the script with `code`, and nothing throws. */
function refusedEverywhere(script: string, code: string): void {
  expect(errors(script).map((d) => d.code)).toEqual([code]);
  const compiled = compile(script, 'jira', 'outgoing');
  expect(compiled.ok ? 'compiled' : compiled.error.diagnostics[0]?.code).toBe(code);
  for (const engine of ['ast', 'ir'] as const) {
    const result = runRules(script, 'jira', 'outgoing', { now: NOW }, { engine });
    expect(result.ok ? 'ran' : result.error.code).toBe(code);
  }
}

describe('check refuses scripts too deep to evaluate', () => {
  it('a 6 KB member chain (issue.summary.x.x... 2,800 times) is too-deep, not a RangeError', () => {
    refusedEverywhere(`replica.a = issue.summary${'.x'.repeat(2800)};`, 'too-deep');
  });

  it('a chain of 2,000 .trim() calls is too-deep', () => {
    refusedEverywhere(`replica.a = issue.summary${'.trim()'.repeat(2000)};`, 'too-deep');
  });

  it('issue.customFields?.x?.x... 2,500 deep is refused the same way by both engines', () => {
    refusedEverywhere(`replica.a = issue.customFields${'?.x'.repeat(2500)};`, 'too-deep');
  });

  it('brackets nested past the limit are refused while parsing, at the bracket', () => {
    const script = `replica.a = ${'['.repeat(MAX_NESTING + 5)}${']'.repeat(MAX_NESTING + 5)};`;
    expect(errors(script)).toMatchObject([{ code: 'too-deep', line: 1, column: 13 + MAX_NESTING }]);
  });

  it('5,000 nested parentheses are too-deep before acorn recurses into them', () => {
    refusedEverywhere(`replica.a = ${'('.repeat(5000)}1${')'.repeat(5000)};`, 'too-deep');
  });

  it('an operator chain too long for acorn’s recursion is too-deep', () => {
    refusedEverywhere(`replica.a = 1${' + 1'.repeat(20_000)};`, 'too-deep');
  });

  it('a script exactly at the nesting limit is accepted and runs in both engines alike', () => {
    // ExpressionStatement, AssignmentExpression, then the nested lists: depth 2 + n + 1 (the literal).
    const n = MAX_NESTING - 3;
    const script = `replica.a = ${'['.repeat(n)}1${']'.repeat(n)};`;
    expect(errors(script)).toEqual([]);
    const ast = runRules(script, 'jira', 'outgoing', { now: NOW }, { engine: 'ast' });
    const ir = runRules(script, 'jira', 'outgoing', { now: NOW }, { engine: 'ir' });
    expect(ast.ok).toBe(true);
    expect(ir).toEqual(ast);
    expect(errors(`replica.a = ${'['.repeat(n + 1)}1${']'.repeat(n + 1)};`).map((d) => d.code)).toEqual([
      'too-deep',
    ]);
  });
});

describe('every script the check accepts runs in both engines, at the nesting limit of each construct', () => {
  const expressions: Array<[string, (inner: string) => string]> = [
    ['!', (e) => `!${e}`],
    ['a list', (e) => `[${e}]`],
    ['an object', (e) => `{ a: ${e} }`],
    ['a call', (e) => `String(${e})`],
    ['a template', (e) => `\`\${${e}}\``],
    ['a binary operator', (e) => `(${e}) + 1`],
    ['?:', (e) => `firstSync ? 1 : ${e}`],
    ['??', (e) => `issue.x ?? ${e}`],
    ['an arrow function', (e) => `[1].map((x) => ${e})`],
    ['an optional member', (e) => `(${e})?.length`],
  ];
  const statements: Array<[string, (inner: string) => string]> = [
    ['if', (s) => `if (true) { ${s} }`],
    ['else', (s) => `if (firstSync) {} else { ${s} }`],
    ['for', (s) => `for (const x of [1]) { ${s} }`],
  ];
  const cases: Array<[string, (n: number) => string]> = [
    ...expressions.map(([name, wrap]): [string, (n: number) => string] => [
      name,
      (n) => `replica.a = ${nest(n, '1', wrap)};`,
    ]),
    ...statements.map(([name, wrap]): [string, (n: number) => string] => [
      name,
      (n) => nest(n, 'replica.a = 1;', wrap),
    ]),
  ];

  function nest(n: number, base: string, wrap: (inner: string) => string): string {
    let text = base;
    for (let i = 0; i < n; i++) text = wrap(text);
    return text;
  }

  /** The most levels of the construct that the check accepts (it refuses 2 * MAX_NESTING). */
  function deepestAccepted(script: (n: number) => string): number {
    let low = 0;
    let high = 2 * MAX_NESTING;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (errors(script(middle)).length === 0) low = middle;
      else high = middle;
    }
    return low;
  }

  it.each(cases)('%s', (_name, script) => {
    const n = deepestAccepted(script);
    expect(errors(script(n + 1)).map((d) => d.code)).toEqual(['too-deep']);
    const compiled = compile(script(n), 'jira', 'outgoing');
    if (!compiled.ok)
      throw new Error(`the check accepts what compile refuses: ${compiled.error.diagnostics[0]?.code}`);
    const ast = runRules(script(n), 'jira', 'outgoing', { now: NOW }, { engine: 'ast' });
    const ir = runIr(compiled.ir, 'jira', 'outgoing', { now: NOW });
    expect(ir).toEqual(ast);
    expect(ast.ok ? 'ran' : ast.error.code).not.toMatch(/^(too-deep|internal-error)$/);
  });
});

describe('check refuses scripts too large', () => {
  it(`more than ${MAX_NODES} syntax nodes is too-large`, () => {
    refusedEverywhere('replica.a = [1, 2, 3];\n'.repeat(MAX_NODES / 5), 'too-large');
  });

  it('a script just under the node limit compiles to IR that passes validation and runs in both engines', () => {
    // 16 nodes besides the repeated elements: the statement, the assignment, `replica.a` (3),
    // `.length` (2), the list, "x", and `[...issue.labels ?? []]` (7).
    const script = (n: number) => `replica.a = [${'1, '.repeat(n)}"x", [...issue.labels ?? []]].length;`;
    expect(errors(script(MAX_NODES - 15)).map((d) => d.code)).toEqual(['too-large']);
    const atTheLimit = script(MAX_NODES - 16);
    expect(errors(atTheLimit)).toEqual([]);
    const ast = runRules(
      atTheLimit,
      'jira',
      'outgoing',
      { now: NOW },
      { engine: 'ast', maxListLength: MAX_NODES },
    );
    expect(ast.ok).toBe(true);
    expect(
      runRules(atTheLimit, 'jira', 'outgoing', { now: NOW }, { engine: 'ir', maxListLength: MAX_NODES }),
    ).toEqual(ast);
  });

  it(`a script longer than ${MAX_SCRIPT_LENGTH} characters is too-large without being parsed`, () => {
    refusedEverywhere(`replica.a = '${'x'.repeat(MAX_SCRIPT_LENGTH)}';`, 'too-large');
  });
});

describe('check is safe from names of JavaScript’s prototype', () => {
  it('valueOf is an unknown method whose hint lists the methods, not a native function', () => {
    const [diagnostic] = errors('replica.a = issue.summary.valueOf();');
    expect(diagnostic).toMatchObject({ code: 'unknown-method' });
    expect(diagnostic?.hint).not.toMatch(/native code|function/);
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf'])(
    '%s as a function, variable or namespace gets an ordinary diagnostic',
    (name) => {
      for (const script of [
        `replica.a = ${name}(1);`,
        `replica.a = ${name}.x;`,
        `replica.a = ${name}.x(1);`,
        `replica.a = issue.summary.${name}();`,
      ]) {
        const found = errors(script);
        expect(found.length).toBeGreaterThan(0);
        for (const d of found) expect(`${d.message} ${d.hint ?? ''}`).not.toMatch(/native code|\[object/);
      }
    },
  );

  it.each([
    '{ ["__proto__"]: 1 }',
    '{ ["constructor"]: 1 }',
    '{ ["prototype"]: 1 }',
    '{ [`__proto__`]: 1 }',
    '{ __proto__: 1 }',
  ])('the object key in %s is refused by check with forbidden-key', (literal) => {
    expect(errors(`replica.a = ${literal};`).map((d) => d.code)).toEqual(['forbidden-key']);
  });

  it('a computed member `x[`constructor`]` is refused by check', () => {
    expect(errors('replica.a = issue[`constructor`];').map((d) => d.code)).toEqual(['forbidden-key']);
  });
});

describe('check refuses numbers it cannot represent', () => {
  it.each(['1e400', '-1e400', '2e308'])('%s is number-out-of-range (it used to run as null)', (literal) => {
    expect(errors(`replica.a = ${literal};`)).toMatchObject([
      { code: 'number-out-of-range', column: 13 + (literal.startsWith('-') ? 1 : 0) },
    ]);
  });

  it('the largest double is still a number', () => {
    expect(errors('replica.a = 1.7976931348623157e308;')).toEqual([]);
  });
});
