/**
 * `runIr` (validation, then the IR interpreter) on any JSON as IR: random JSON, and compiled
 * programs with one part replaced by random JSON, prototype names or huge numbers. A result
 * or a coded failure, never a throw, within the step budget.
 */
import fc from 'fast-check';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { compile, runIr, type IrProgram } from '../index';

const NOW = '2024-01-01T00:00:00Z';
const LIMITS = { maxSteps: 5_000, maxMillis: 60_000 };
const CODES = new Set([
  'bad-ir',
  'too-deep',
  'too-large',
  'step-limit',
  'memory-limit',
  'deadline',
  'output-limit',
  'list-limit',
  'null-access',
  'type-error',
  'division-by-zero',
  'bad-number',
  'bad-date',
  'bad-pattern',
  'forbidden-key',
]);

const SOURCE = [
  'const l = issue.labels ?? [];',
  "let s = '';",
  'for (const x of l) { if (x == null) continue; s += x; }',
  "replica.summary = `${issue.summary ?? ''}!`.trim().toUpperCase();",
  'replica.tags = l.filter((x, i) => i > 0).map((x) => ({ name: x, n: -(1 + 2) * 3 }));',
  "replica.custom[s] = lookup(issue.status?.name, { Open: 'open' }, date.format(0, 'yyyy'));",
  "replica.ok = !isEmpty(l) && l.some((x) => x == 'a') ? join(l, ',') : String(Number('1.5'));",
].join('\n');

function compiled(): IrProgram {
  const result = compile(SOURCE, 'jira', 'outgoing');
  if (!result.ok) throw new Error(JSON.stringify(result.error.diagnostics));
  return result.ir;
}

const strange = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    2 ** 31,
    2 ** 53,
    -1,
    1e308,
    0.5,
    [],
    {},
    null,
    { op: 'lit', at: [1, 1], value: 1 },
    { op: 'toString', at: [1, 1] },
  ),
);

/** Every object and array position in a JSON value, as paths. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, item] of Object.entries(value)) paths(item, [...prefix, k], out);
  }
  return out;
}

function replaced(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  copy[head] = replaced(copy[head], rest, replacement);
  return copy;
}

function runsSafely(ir: unknown): void {
  const result = runIr(
    ir as IrProgram,
    'jira',
    'outgoing',
    { entity: { labels: ['a', 'b'] }, now: NOW },
    LIMITS,
  );
  expect(result.steps).toBeLessThanOrEqual(LIMITS.maxSteps + 1);
  if (!result.ok)
    expect([result.error.code, CODES.has(result.error.code)]).toEqual([result.error.code, true]);
}

describe('runIr on any JSON as IR', () => {
  it('refuses random JSON with a code', () => {
    fc.assert(fc.property(fc.jsonValue(), runsSafely), { numRuns: fuzzRuns(300) });
  });

  it('runs or refuses a compiled program with one part replaced by strange JSON', () => {
    const program = JSON.parse(JSON.stringify(compiled())) as unknown;
    const where = paths(program);
    fc.assert(
      fc.property(fc.constantFrom(...where), strange, (path, replacement) => {
        runsSafely(replaced(program, path, replacement));
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('refuses, with a code, objects whose own keys shadow Object.prototype, at every position', () => {
    // Found by the property above: `{ "toString": 0 }` in place of a name made the validator's
    // message template call String() on it, which throws.
    const program = JSON.parse(JSON.stringify(compiled())) as unknown;
    for (const path of paths(program)) {
      for (const replacement of [{ toString: 0 }, { valueOf: 0 }, { toString: 0, valueOf: 0 }]) {
        runsSafely(replaced(program, path, replacement));
      }
    }
  });
});
