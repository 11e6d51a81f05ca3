/** The TypeScript runner of one vector folder, shared by every `*.conformance.test.ts`. */
// eslint-disable-next-line no-restricted-imports -- runs only in jest and in `npm run vectors`, never in the product
import { readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- runs only in jest and in `npm run vectors`, never in the product
import path from 'node:path';
import { plainJsonProblem } from './plain-json';
import { decide, type Vector, type VectorSuite } from './vector-suite';

/** The folder of all conformance vectors. */
export const CONFORMANCE_DIRECTORY = path.join(__dirname, '../../conformance');

/** The vectors of one folder, sorted by file name. */
export function readVectorFolder(folder: string): { file: string; vector: Vector }[] {
  const directory = path.join(CONFORMANCE_DIRECTORY, folder);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      vector: JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as Vector,
    }));
}

/**
 * Declares the tests of one folder: it holds exactly the suite's cases, each file plain JSON and
 * named after its vector, and the real code returns each vector's `expected` for its `input`.
 */
export function runVectorFolder<Input>(suite: VectorSuite<Input>): void {
  const files = readVectorFolder(suite.folder);
  describe(`conformance/${suite.folder}`, () => {
    it('holds one file per case of the suite (npm run vectors rewrites them)', () => {
      expect(files.map(({ file }) => file)).toEqual(suite.cases.map((item) => `${item.name}.json`).sort());
    });

    it.each(files.map(({ file, vector }) => [file, vector] as const))(
      '%s is plain JSON, named after its file',
      (file, vector) => {
        expect(`${vector.name}.json`).toBe(file);
        expect(plainJsonProblem(vector.input, false)).toBeNull();
        expect(plainJsonProblem(vector.expected, true)).toBeNull();
      },
    );

    it.each(files.map(({ vector }) => [vector.name, vector] as const))(
      '%s: the code returns the expected decision',
      async (_name, vector) => {
        expect(await decide(suite, vector.input as Input)).toEqual(vector.expected);
      },
    );
  });
}
