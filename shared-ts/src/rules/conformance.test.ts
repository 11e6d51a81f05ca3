/**
 * The conformance vectors (shared-ts/conformance/rules/*.json, format in docs/ir.md): both
 * TypeScript runtimes must produce exactly the expected result on every vector, and the
 * same result as each other (output, writes, error, message and step count).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { check, runIr, runRules } from './index';
import type { IrProgram } from './runtime/ir';
import type { Direction, RuleInputs, RuleLimits, RuleResult, Side } from './runtime/types';
import {
  compiledIr,
  formatVectorFile,
  scriptText,
  UPDATE_IR_COMMAND,
  withIr,
  type RulesVectorFile,
} from './vector-files';

const directory = path.join(__dirname, '..', '..', 'conformance', 'rules');
const files = readdirSync(directory)
  .filter((file) => file.endsWith('.json'))
  .sort();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** A deadline no vector reaches on a slow or loaded host, unless the vector sets its own. */
const UNREACHED_DEADLINE = 60_000;

/**
 * The AST interpreter on the script, and the IR interpreter on the committed IR (as Apex runs
 * it), or on the script for a check vector. An IR vector (no script) runs on the IR engine only.
 */
function runBoth(
  script: string | undefined,
  ir: IrProgram | null,
  side: Side,
  direction: Direction,
  inputs: RuleInputs,
  given: RuleLimits,
) {
  const limits = { maxMillis: UNREACHED_DEADLINE, ...given };
  const fromIr: RuleResult = ir
    ? runIr(ir, side, direction, inputs, limits)
    : runRules(script ?? '', side, direction, inputs, { ...limits, engine: 'ir' });
  const ast =
    script === undefined ? fromIr : runRules(script, side, direction, inputs, { ...limits, engine: 'ast' });
  return { ast, ir: fromIr };
}

/** `UPDATE_RULES_IR=1`: rewrite each file with every vector's IR compiled afresh (review the diff). */
function readVectorFile(file: string): RulesVectorFile {
  const content = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as RulesVectorFile;
  if (process.env.UPDATE_RULES_IR !== '1') return content;
  const updated = {
    ...content,
    vectors: content.vectors.map((vector) => withIr(vector, compiledIr(vector, content))),
  };
  writeFileSync(path.join(directory, file), formatVectorFile(updated));
  return updated;
}

describe.each(files)('conformance vectors in %s', (file) => {
  const content = readVectorFile(file);

  it('has uniquely named vectors with an expectation each', () => {
    const names = content.vectors.map((vector) => vector.name);
    expect(new Set(names).size).toBe(names.length);
    for (const vector of content.vectors) {
      expect([vector.name, Boolean(vector.expected) !== Boolean(vector.expectedError)]).toEqual([
        vector.name,
        true,
      ]);
    }
  });

  it(`carries each vector's compiled IR, up to date (${UPDATE_IR_COMMAND} rewrites it)`, () => {
    const stale = content.vectors
      .filter((vector) => !isDeepStrictEqual(vector.ir, compiledIr(vector, content)))
      .map((vector) => `"${vector.name}"`);
    const advice = `conformance/rules/${file}: the committed IR of ${stale.join(', ')} differs from what the compiler makes; run \`${UPDATE_IR_COMMAND}\` and review the diff`;
    expect(stale.length === 0 ? 'up to date' : advice).toBe('up to date');
  });

  it.each(content.vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const side = vector.side ?? content.side ?? 'jira';
    const direction = vector.direction ?? content.direction ?? 'outgoing';
    const script = scriptText(vector);
    const inputs = deepFreeze(structuredClone(vector.inputs ?? content.inputs ?? {}));
    const ir = deepFreeze(structuredClone(vector.ir ?? null));
    const given = vector.script === undefined ? undefined : script;
    const { ast, ir: fromIr } = runBoth(given, ir, side, direction, inputs, vector.limits ?? {});

    expect(fromIr).toEqual(ast);
    if (vector.expected) {
      if (!ast.ok) throw new Error(`expected success, got ${JSON.stringify(ast.error)}`);
      expect(ast.output).toEqual(vector.expected.output);
      expect(ast.writes).toEqual(vector.expected.writes ?? []);
    } else if (vector.expectedError) {
      if (ast.ok) throw new Error(`expected ${vector.expectedError.code}, got ${JSON.stringify(ast.output)}`);
      expect(ast.error).toMatchObject(vector.expectedError);
    }
    if (vector.steps !== undefined) expect(ast.steps).toBe(vector.steps);
    if (vector.expectedDiagnostics) {
      const found = check(script, side, direction).map(({ severity, code, line, column }) => ({
        severity,
        code,
        line,
        column,
      }));
      expect(found).toEqual(vector.expectedDiagnostics);
    }
  });
});

describe('the conformance suite', () => {
  it('holds at least 150 vectors', () => {
    const total = files
      .map(
        (file) =>
          (JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as RulesVectorFile).vectors.length,
      )
      .reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(150);
  });
});
