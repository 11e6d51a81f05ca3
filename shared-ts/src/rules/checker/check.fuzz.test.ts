/**
 * `check`, `compile` and `runRules` on any text: a list of located diagnostics or a result,
 * never a throw, whatever the source (random text, token soup nested past every limit, and
 * generated scripts).
 */
import fc from 'fast-check';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { check, compile, runRules } from '../index';
import { deepScript, generators, PRELUDE, statement, wild } from '../testing/script-arbitraries';
import type { Diagnostic } from '../runtime/types';

const NOW = '2024-01-01T00:00:00Z';
const LIMITS = { maxSteps: 5_000, maxMillis: 60_000 };

/** Pieces of JavaScript that nest, chain and break the parser, to join at random. */
const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '${',
  '`',
  '.',
  '?.',
  ',',
  ';',
  ':',
  '?',
  '=>',
  '=',
  '+',
  '!',
  '-',
  'x',
  'issue',
  'replica',
  'summary',
  '1',
  '1e400',
  "'a'",
  '"',
  'const ',
  'let ',
  'if ',
  'for ',
  ' of ',
  'valueOf',
  'toString',
  '__proto__',
  'constructor',
  '.trim()',
  '\n',
  ' ',
];

const tokenSoup = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 400 })
  .chain((tokens) =>
    fc.integer({ min: 0, max: 3000 }).map((repeat) => tokens.join('') + '('.repeat(repeat % 700)),
  );

function wellFormed(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(typeof d.code).toBe('string');
    expect(typeof d.message).toBe('string');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

/** Every entry point on one script, on the Jira outgoing side: nothing throws. */
function checkEverywhere(script: string): void {
  wellFormed(check(script, 'jira', 'outgoing'));
  const compiled = compile(script, 'jira', 'outgoing');
  if (!compiled.ok) {
    expect(compiled.error.code).toBe('script-invalid');
    expect(compiled.error.message).toMatch(/^The script (has|does not compile)/);
    wellFormed(compiled.error.diagnostics);
  }
  for (const engine of ['ast', 'ir'] as const) {
    const result = runRules(script, 'jira', 'outgoing', { now: NOW }, { ...LIMITS, engine });
    expect(result.steps).toBeLessThanOrEqual(LIMITS.maxSteps + 1);
    if (!result.ok) expect(typeof result.error.code).toBe('string');
  }
}

describe('check, compile and runRules on any source text', () => {
  it('never throw on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), checkEverywhere), { numRuns: fuzzRuns(300) });
  });

  it('never throw on token soup nested past every limit', () => {
    fc.assert(fc.property(tokenSoup, checkEverywhere), { numRuns: fuzzRuns(200) });
  });

  it('never throw on generated scripts, deep ones included', () => {
    const script = fc.oneof(
      deepScript,
      fc
        .array(statement(fc.oneof(generators.any, wild)), { minLength: 1, maxLength: 6 })
        .map((statements) => [...PRELUDE, ...statements].join('\n')),
    );
    fc.assert(fc.property(script, checkEverywhere), { numRuns: fuzzRuns(100) });
  });
});
