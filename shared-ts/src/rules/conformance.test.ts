/**
 * The conformance vectors (shared-ts/conformance/rules/*.json, format in docs/ir.md): both
 * TypeScript runtimes must produce exactly the expected result on every vector, and the
 * same result as each other (output, writes, error, message and step count).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, compile, runIr, runRules } from './index';
import type { Diagnostic, Direction, RuleInputs, RuleLimits, RuleResult, Side } from './types';

interface Vector {
  name: string;
  side?: Side;
  direction?: Direction;
  script: string | string[];
  inputs?: RuleInputs;
  limits?: RuleLimits;
  expected?: { output: Record<string, unknown>; writes?: { path: string[]; value: unknown }[] };
  expectedError?: { code: string; line?: number; column?: number };
  expectedDiagnostics?: Pick<Diagnostic, 'severity' | 'code' | 'line' | 'column'>[];
  steps?: number;
}

interface VectorFile {
  side?: Side;
  direction?: Direction;
  inputs?: RuleInputs;
  vectors: Vector[];
}

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

function runBoth(script: string, side: Side, direction: Direction, inputs: RuleInputs, given: RuleLimits) {
  const limits = { maxMillis: UNREACHED_DEADLINE, ...given };
  const ast = runRules(script, side, direction, inputs, { ...limits, engine: 'ast' });
  const compiled = compile(script, side, direction);
  let ir: RuleResult;
  if (compiled.ok) {
    const roundTripped = JSON.parse(JSON.stringify(compiled.ir)) as typeof compiled.ir;
    ir = runIr(roundTripped, side, direction, inputs, limits);
  } else {
    ir = runRules(script, side, direction, inputs, { ...limits, engine: 'ir' });
  }
  return { ast, ir };
}

/** `TANDEM_WRITE_IR=<dir>`: also write each file's compiled IR by vector name (null for check vectors), for other runtimes. */
const irDirectory = process.env.TANDEM_WRITE_IR;

function writeIr(file: string, content: VectorFile): void {
  if (!irDirectory) return;
  const programs: Record<string, unknown> = {};
  for (const vector of content.vectors) {
    const script = Array.isArray(vector.script) ? vector.script.join('\n') : vector.script;
    const result = compile(
      script,
      vector.side ?? content.side ?? 'jira',
      vector.direction ?? content.direction ?? 'outgoing',
    );
    programs[vector.name] = result.ok ? result.ir : null;
  }
  mkdirSync(irDirectory, { recursive: true });
  writeFileSync(path.join(irDirectory, file), `${JSON.stringify(programs)}\n`);
}

describe.each(files)('conformance vectors in %s', (file) => {
  const content = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as VectorFile;
  afterAll(() => writeIr(file, content));

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

  it.each(content.vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const side = vector.side ?? content.side ?? 'jira';
    const direction = vector.direction ?? content.direction ?? 'outgoing';
    const script = Array.isArray(vector.script) ? vector.script.join('\n') : vector.script;
    const inputs = deepFreeze(structuredClone(vector.inputs ?? content.inputs ?? {}));
    const { ast, ir } = runBoth(script, side, direction, inputs, vector.limits ?? {});

    expect(ir).toEqual(ast);
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
        (file) => (JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as VectorFile).vectors.length,
      )
      .reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(150);
  });
});
