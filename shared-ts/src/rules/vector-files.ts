/**
 * The rules conformance vector files (shared-ts/conformance/rules/*.json, format in
 * docs/ir.md) as the tests read and write them: each vector carries its compiled IR, so a
 * runtime without the compiler (Apex) runs the committed IR. Test support: nothing in the
 * product imports this.
 */
import { compile } from './checker/compile';
import type { IrProgram } from './runtime/ir';
import type { Diagnostic, Direction, RuleInputs, RuleLimits, Side } from './runtime/types';

/**
 * One vector: a script, its inputs and limits, its compiled IR and what must come out. A
 * vector without a script is an IR vector: its `ir` is made by hand (to test IR validation)
 * and only the IR engine runs it.
 */
export interface RulesVector {
  name: string;
  side?: Side;
  direction?: Direction;
  script?: string | string[];
  /** The script's compiled IR, or null when the check refuses the script (a check vector). */
  ir?: IrProgram | null;
  inputs?: RuleInputs;
  limits?: RuleLimits;
  expected?: { output: Record<string, unknown>; writes?: { path: string[]; value: unknown }[] };
  expectedError?: { code: string; line?: number; column?: number };
  expectedDiagnostics?: Pick<Diagnostic, 'severity' | 'code' | 'line' | 'column'>[];
  steps?: number;
}

/** A vector file: defaults for its vectors, and the vectors. */
export interface RulesVectorFile {
  description?: string;
  side?: Side;
  direction?: Direction;
  inputs?: RuleInputs;
  vectors: RulesVector[];
}

/** The command that rewrites every vector's committed IR from the compiler. */
export const UPDATE_IR_COMMAND = 'UPDATE_RULES_IR=1 npx jest shared-ts/src/rules/conformance';

/** The vector's script as one text (empty for an IR vector). */
export function scriptText(vector: RulesVector): string {
  return Array.isArray(vector.script) ? vector.script.join('\n') : (vector.script ?? '');
}

/**
 * The IR the compiler makes of a vector's script today (as plain JSON), or null for a check
 * vector; an IR vector's own IR, which no compiler makes.
 */
export function compiledIr(vector: RulesVector, file: RulesVectorFile): IrProgram | null {
  if (vector.script === undefined) return vector.ir ?? null;
  const result = compile(
    scriptText(vector),
    vector.side ?? file.side ?? 'jira',
    vector.direction ?? file.direction ?? 'outgoing',
  );
  return result.ok ? (JSON.parse(JSON.stringify(result.ir)) as IrProgram) : null;
}

/** The vector with `ir` set to `ir`, placed right after `script` (other keys keep their order); an IR vector as it is. */
export function withIr(vector: RulesVector, ir: IrProgram | null): RulesVector {
  if (vector.script === undefined) return vector;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vector)) {
    if (key === 'ir') continue;
    out[key] = value;
    if (key === 'script') out.ir = ir;
  }
  return out as unknown as RulesVector;
}

/** What stands in for an IR while the file is indented: JSON writes the NULs as `\u0000`, which no script text yields unescaped. */
const MARK = '\u0000ir\u0000';
const MARKED = /"\\u0000ir\\u0000(\d+)"/g;

/**
 * The file's text: JSON indented by 2, except that each vector's IR is compact on one line
 * (indented, an IR would make the files ten times longer and bury the scripts).
 */
export function formatVectorFile(file: RulesVectorFile): string {
  const programs: string[] = [];
  const vectors = file.vectors.map((vector) => {
    if (vector.ir === undefined || vector.ir === null) return vector;
    programs.push(JSON.stringify(vector.ir));
    return { ...vector, ir: `${MARK}${programs.length - 1}` };
  });
  const text = JSON.stringify({ ...file, vectors }, null, 2);
  return `${text.replace(MARKED, (_match, index: string) => programs[Number(index)] ?? 'null')}\n`;
}
