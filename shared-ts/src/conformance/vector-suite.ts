/**
 * A conformance vector set: one folder of `shared-ts/conformance/<folder>/<name>.json`, each file
 * `{ name, description, input, expected }`, where `expected` is what the real code returns for
 * `input`. The cases live in `suites/`, the script `npm run vectors` writes the files from them,
 * and one runner per folder (`<folder>.conformance.test.ts`) checks that the code still returns
 * every `expected`. docs/conformance.md describes each set for the runtimes that port it.
 */
import type { JsonValue } from '../replica';
import { plainJsonProblem } from './plain-json';

/** One case of a set: its file name (kebab case), one sentence, and the input as plain JSON. */
export interface VectorCase<Input> {
  name: string;
  description: string;
  input: Input;
}

/** A vector set: where it lives, and how the real code decides each input. */
export interface VectorSuite<Input> {
  folder: string;
  cases: readonly VectorCase<Input>[];
  /** The decision for one input, as plain JSON. */
  run(input: Input): JsonValue | Promise<JsonValue>;
}

/** A vector as written to its file. */
export interface Vector {
  name: string;
  description: string;
  input: JsonValue;
  expected: JsonValue;
}

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The decision of the real code for `input`, as the vector files hold it (JSON round trip). */
export async function decide<Input>(suite: VectorSuite<Input>, input: Input): Promise<JsonValue> {
  const output = await suite.run(input);
  const problem = plainJsonProblem(output, true);
  if (problem) throw new Error(`${suite.folder}: the output is not plain JSON: ${problem}`);
  return JSON.parse(JSON.stringify(output)) as JsonValue;
}

/** Every vector of a suite, computed by the real code; throws on a case that breaks the format. */
export async function buildVectors<Input>(suite: VectorSuite<Input>): Promise<Vector[]> {
  const names = new Set<string>();
  const vectors: Vector[] = [];
  for (const item of suite.cases) {
    if (!NAME.test(item.name)) throw new Error(`${suite.folder}/${item.name}: a name is kebab case`);
    if (names.has(item.name)) throw new Error(`${suite.folder}/${item.name}: the name is used twice`);
    names.add(item.name);
    const problem = plainJsonProblem(item.input, false);
    if (problem) throw new Error(`${suite.folder}/${item.name}: the input is not plain JSON: ${problem}`);
    vectors.push({
      name: item.name,
      description: item.description,
      input: JSON.parse(JSON.stringify(item.input)) as JsonValue,
      expected: await decide(suite, item.input),
    });
  }
  return vectors;
}

/** The text of a vector file: two-space JSON and a final newline. */
export function vectorFileText(vector: Vector): string {
  return `${JSON.stringify(vector, null, 2)}\n`;
}
