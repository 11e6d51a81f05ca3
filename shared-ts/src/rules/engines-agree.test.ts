/**
 * The AST and IR interpreters agree on every script, not only on the vectors: random
 * scripts built from the whole subset give identical results, errors, locations and step
 * counts in both. Most generated scripts are well typed (so they run to the end); the rest
 * mix kinds freely (so errors and limits are compared too).
 */
import fc from 'fast-check';
import { check, compile, runIr, runRules, type RuleResult } from './index';

type Arb = fc.Arbitrary<string>;

const generators = fc.letrec<{ num: string; text: string; list: string; bool: string; any: string }>(
  (tie) => ({
    num: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(
        '0',
        '1',
        '-2.5',
        '0.1',
        '1e21',
        '7',
        'n',
        'l.length',
        's.length',
        'issue.labels.length',
      ),
      fc
        .tuple(tie('num'), fc.constantFrom('+', '-', '*', '/', '%'), tie('num'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('num').map((a) => `-(${a})`),
      tie('text').map((t) => `(Number(${t}) ?? 3)`),
      fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    ),
    text: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(
        "''",
        "'a'",
        "'Ab c'",
        "'😀é'",
        "' x '",
        "'<p>a &amp; b</p>'",
        's',
        'issue.summary',
        "issue.status?.name ?? '-'",
      ),
      fc.tuple(tie('text'), tie('any')).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(tie('any'), tie('any')).map(([a, b]) => `\`<${a}|${b}>\``),
      fc
        .tuple(
          tie('text'),
          fc.constantFrom(
            '.trim()',
            '.toUpperCase()',
            '.toLowerCase()',
            '.slice(1, -1)',
            ".replaceAll('a', 'b')",
            ".replace(' ', '_')",
            ".padStart(6, '*')",
          ),
        )
        .map(([t, m]) => `${t}${m}`),
      tie('num').map((a) => `String(${a})`),
      tie('list').map((l) => `join(${l}, '-')`),
      tie('text').map((t) => `html.toText(${t})`),
      tie('text').map((t) => `text.toHtml(${t})`),
      tie('any').map((a) => `String(lookup(${a}, { a: 'A', '1': 'one', true: 'yes' }, 'other'))`),
    ),
    list: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('l', 'issue.labels', '[]'),
      fc.array(tie('any'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.tuple(tie('list'), tie('list')).map(([a, b]) => `[...${a}, ...${b}]`),
      tie('text').map((t) => `${t}.split(' ')`),
      fc.tuple(tie('list'), tie('any')).map(([l, a]) => `${l}.map((x, i) => [x, i, ${a}])`),
      fc.tuple(tie('list'), tie('bool')).map(([l, b]) => `${l}.filter((x, i) => ${b})`),
      tie('list').map((l) => `${l}.slice(1)`),
    ),
    bool: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('true', 'false', 'firstSync'),
      fc
        .tuple(tie('num'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), tie('num'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(tie('any'), tie('any')).map(([a, b]) => `(${a} == ${b})`),
      tie('list').map((l) => `${l}.some(x => x == 1)`),
      tie('list').map((l) => `${l}.every(x => x != null)`),
      tie('any').map((a) => `isEmpty(${a})`),
      tie('bool').map((b) => `!${b}`),
      fc.tuple(tie('text'), tie('text')).map(([a, b]) => `${a}.includes(${b})`),
      fc
        .tuple(tie('bool'), fc.constantFrom('&&', '||'), tie('bool'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
    ),
    any: fc.oneof(
      { depthSize: 'small' },
      tie('num'),
      tie('text'),
      tie('list'),
      tie('bool'),
      fc.constantFrom(
        'null',
        'o',
        'issue.status',
        'o?.a',
        'issue.missing?.x',
        'l[1]',
        'issue.labels.find(x => x > "a")',
      ),
      fc.tuple(tie('any'), tie('any')).map(([a, b]) => `{ a: ${a}, ...o, b: ${b} }`),
      fc.tuple(tie('any'), tie('any')).map(([a, b]) => `(${a} ?? ${b})`),
    ),
  }),
);

/** Expressions that mix kinds freely, to compare failures too. */
const wild: Arb = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small' },
    generators.any,
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '<', '==', '&&', '??'), tie('expr'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc
      .tuple(tie('expr'), fc.constantFrom('.length', '?.name', '[0]', '.trim()', '.join()'))
      .map(([a, m]) => `(${a})${m}`),
  ),
})).expr;

const statement = (expr: Arb): Arb =>
  fc.oneof(
    expr.map((e) => `replica.v = ${e};`),
    generators.text.map((t) => `replica.custom[${t}] = n;`),
    generators.list.map((l) => `for (const x of ${l}) { if (x == null) continue; replica.w = x; }`),
    expr.map((e) => `s += ${e};`),
    fc.tuple(generators.bool, expr).map(([b, e]) => `if (${b}) { replica.t = ${e}; } else { n = n + 1; }`),
  );

const PRELUDE = ['let n = 1;', "let s = 'x';", "const l = [1, 'a', null];", "const o = { a: 1, name: 'o' };"];
const inputs = { entity: { summary: 'Printer on fire', labels: ['a', 'b', 'c'], status: { name: 'Open' } } };
const limits = { maxSteps: 600, maxListLength: 60, maxOutputSize: 4000 };

function bothEngines(statements: string[]): { ast: RuleResult; ir: RuleResult } | null {
  const script = [...PRELUDE, ...statements].join('\n');
  if (check(script, 'jira', 'outgoing').some((d) => d.severity === 'error')) return null;
  const compiled = compile(script, 'jira', 'outgoing');
  if (!compiled.ok) throw new Error(`a script without check errors must compile:\n${script}`);
  const ast = runRules(script, 'jira', 'outgoing', inputs, { ...limits, engine: 'ast' });
  const ir = runIr(JSON.parse(JSON.stringify(compiled.ir)), 'jira', 'outgoing', inputs, limits);
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
