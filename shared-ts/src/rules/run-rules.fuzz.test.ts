/**
 * `runRules` with any JSON as its inputs (prototype names among the keys, deep values, huge
 * numbers): a result or a coded failure, never a throw, within the step budget, the same from
 * both engines.
 */
import fc from 'fast-check';
import { fuzzRuns } from '../testing/fuzz-runs';
import { DEFAULT_RULES } from './basic-mode';
import { runRules, type RuleInputs, type Side } from './index';

const NOW = '2024-01-01T00:00:00Z';
const LIMITS = { maxSteps: 20_000, maxMillis: 60_000 };

const key = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'summary',
    'comments',
    'name',
    'body',
  ),
  fc.string({ maxLength: 8 }),
);
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, '', 'x', '<p>a</p>'),
    fc.string({ maxLength: 20 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }).map((entries) => JSON.parse(JSON.stringify(entries))),
  ),
})).value;

/** A value nested `depth` levels deep, in lists or objects. */
const deep = fc.integer({ min: 100, max: 3000 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { comments: value };
  return value;
});

const inputs: fc.Arbitrary<RuleInputs> = fc.record(
  {
    entity: fc.oneof(json, deep),
    replica: fc.oneof(json, deep),
    previous: json,
    connection: json,
    firstSync: fc.oneof(fc.boolean(), json),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<RuleInputs>;

const SCRIPTS: Array<[Side, 'outgoing' | 'incoming', string]> = [
  ['jira', 'outgoing', DEFAULT_RULES.jira.outgoing],
  ['jira', 'incoming', DEFAULT_RULES.jira.incoming],
  ['salesforce', 'outgoing', DEFAULT_RULES.salesforce.outgoing],
  ['salesforce', 'incoming', DEFAULT_RULES.salesforce.incoming],
  ['jira', 'outgoing', 'replica.a = issue == replica;\nreplica.b = [issue, replica].includes(connection);'],
  [
    'jira',
    'incoming',
    "issue.x = { ...replica, ...previous };\nissue.y = lookup('toString', replica, 'none');",
  ],
];

describe('runRules on any JSON inputs', () => {
  it.each(SCRIPTS)(
    '%s %s returns a result or a coded failure, the same in both engines',
    (side, direction, script) => {
      fc.assert(
        fc.property(inputs, (given) => {
          const withNow = { ...given, now: NOW };
          const ast = runRules(script, side, direction, withNow, { ...LIMITS, engine: 'ast' });
          const ir = runRules(script, side, direction, withNow, { ...LIMITS, engine: 'ir' });
          expect(ir).toEqual(ast);
          expect(ast.steps).toBeLessThanOrEqual(LIMITS.maxSteps + 1);
          if (!ast.ok) {
            expect(ast.error.code).toMatch(/^[a-z-]+$/);
            expect(ast.error.code).not.toBe('internal-error');
          }
        }),
        { numRuns: fuzzRuns(60) },
      );
    },
  );
});
