/**
 * Generated rule scripts for property and fuzz tests: expressions of every kind (`generators`),
 * expressions that mix kinds (`wild`), statements, and scripts at the limits: nested deep
 * (`deepScript`), wide (`wideScript`) and scripts that hit each budget (`budgetRun`). Every
 * generated script reads the variables of `PRELUDE` and Jira outgoing inputs like `INPUTS`.
 */
import fc from 'fast-check';
import type { RuleLimits } from '../runtime/types';

type Arb = fc.Arbitrary<string>;

/** Expressions of each kind, built from the whole subset; most are well typed. */
export const generators = fc.letrec<{ num: string; text: string; list: string; bool: string; any: string }>(
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
export const wild: Arb = fc.letrec<{ expr: string }>((tie) => ({
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

/** A statement using `expr`: assignments, loops, `+=`, if/else. */
export const statement = (expr: Arb): Arb =>
  fc.oneof(
    expr.map((e) => `replica.v = ${e};`),
    generators.text.map((t) => `replica.custom[${t}] = n;`),
    generators.list.map((l) => `for (const x of ${l}) { if (x == null) continue; replica.w = x; }`),
    expr.map((e) => `s += ${e};`),
    fc.tuple(generators.bool, expr).map(([b, e]) => `if (${b}) { replica.t = ${e}; } else { n = n + 1; }`),
  );

/** Declarations every generated statement may use. */
export const PRELUDE: readonly string[] = [
  'let n = 1;',
  "let s = 'x';",
  "const l = [1, 'a', null];",
  "const o = { a: 1, name: 'o' };",
];

/** The Jira issue generated scripts read. */
export const INPUTS = {
  entity: { summary: 'Printer on fire', labels: ['a', 'b', 'c'], status: { name: 'Open' } },
  now: '2024-01-01T00:00:00Z',
};

/** One level of nesting around an expression `x`; each adds one or two levels to the tree. */
const WRAPPERS: ReadonlyArray<(x: string) => string> = [
  (x) => `[${x}]`,
  (x) => `!(${x})`,
  (x) => `(${x} ?? 1)`,
  (x) => `{ a: ${x} }`,
  (x) => `\`<${x}>\``,
  (x) => `(${x}).length`,
  (x) => `String(${x})`,
  (x) => `[${x}].map((v) => v)`,
  (x) => `(${x})?.a`,
  (x) => `(firstSync ? 0 : ${x})`,
  (x) => `-(${x})`,
  (x) => `(${x} + 'a')`,
];

/** An expression nested `depth` wrappers deep around a leaf. */
export const deepExpression = (minDepth: number, maxDepth: number): Arb =>
  fc
    .tuple(
      fc.constantFrom<string>('1', "'a'", 'issue.summary', 'l', 'o', 'null'),
      fc.array(fc.integer({ min: 0, max: WRAPPERS.length - 1 }), {
        minLength: minDepth,
        maxLength: maxDepth,
      }),
    )
    .map(([leaf, wraps]) => wraps.reduce<string>((x, i) => (WRAPPERS[i] as (x: string) => string)(x), leaf));

/** A long member, call or optional chain, `length` links long. */
export const deepChain = (minLength: number, maxLength: number): Arb =>
  fc
    .tuple(
      fc.constantFrom('issue.summary', 'issue.customFields', 's'),
      fc.constantFrom('.x', '?.x', '.trim()', '?.trim()', '[0]'),
      fc.integer({ min: minLength, max: maxLength }),
    )
    .map(([root, link, length]) => `${root}${link.repeat(length)}`);

/** A script with one statement nested deep, around the nesting limit (some over it). */
export const deepScript: Arb = fc
  .tuple(
    fc.oneof(deepExpression(90, 130), deepChain(150, 260)),
    fc.constantFrom('replica.v = %;', 'if (%) { replica.v = 1; }', 'for (const x of [%]) { replica.v = x; }'),
  )
  .map(([expression, shape]) => [...PRELUDE, shape.replace('%', expression)].join('\n'));

/** A script with many statements, and list and object literals with many members. */
export const wideScript: Arb = fc
  .tuple(
    fc.array(statement(generators.any), { minLength: 20, maxLength: 60 }),
    fc.array(generators.num, { minLength: 200, maxLength: 600 }),
    fc.integer({ min: 100, max: 1500 }),
  )
  .map(([statements, items, keys]) =>
    [
      ...PRELUDE,
      ...statements,
      `replica.list = [${items.join(', ')}];`,
      `replica.object = { ${Array.from({ length: keys }, (_, i) => `k${i}: ${i}`).join(', ')} };`,
    ].join('\n'),
  );

/** Text and list work whose cost grows with its size, for `budgetRun`. */
const COSTLY: readonly string[] = [
  'big.toUpperCase()',
  "big.replaceAll('a', 'bcd')",
  "String(big.includes('zz'))",
  "join(big.split('a'), '-')",
  'big.slice(1)',
  '`${big}${big}`',
  "big.padStart(big.length * 2, 'q')",
  'html.toText(big)',
  "String(big.split('').length)",
];

/** A script that repeats costly work on a large text, and limits small enough that some budget stops it. */
export const budgetRun: fc.Arbitrary<{ script: string; limits: RuleLimits }> = fc
  .record({
    size: fc.integer({ min: 10, max: 20_000 }),
    iterations: fc.integer({ min: 1, max: 60 }),
    work: fc.constantFrom(...COSTLY),
    keep: fc.boolean(),
    maxSteps: fc.integer({ min: 50, max: 20_000 }),
    maxMemory: fc.integer({ min: 100, max: 400_000 }),
    maxOutputSize: fc.integer({ min: 1_000, max: 200_000 }),
    maxListLength: fc.integer({ min: 10, max: 30_000 }),
    maxMillis: fc.constantFrom(0, 60_000, 60_000, 60_000, 60_000, 60_000),
  })
  .map(({ size, iterations, work, keep, ...limits }) => ({
    script: [
      `const big = 'ab'.padStart(${size}, 'xa');`,
      'let kept = [];',
      `for (const i of 'x'.padStart(${iterations}, 'x').split('')) {`,
      `  const v = ${work};`,
      keep ? '  kept = [...kept, v];' : '  replica.last = v.length;',
      '}',
      'replica.count = kept.length;',
    ].join('\n'),
    limits,
  }));
