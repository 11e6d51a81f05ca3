/**
 * Writes every conformance vector folder from the real code (`npm run vectors`): each folder is
 * emptied of its `.json` files and written again, so removed cases disappear. Run it after a
 * deliberate change of a decision, and review the diff of `shared-ts/conformance/`.
 */
// eslint-disable-next-line no-restricted-imports -- the script behind `npm run vectors`, never in the product
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- the script behind `npm run vectors`, never in the product
import path from 'node:path';
import { VECTOR_SUITES } from './suites';
import { buildVectors, vectorFileText } from './vector-suite';

async function main(root: string): Promise<void> {
  for (const suite of VECTOR_SUITES) {
    const vectors = await buildVectors(suite);
    const directory = path.join(root, suite.folder);
    mkdirSync(directory, { recursive: true });
    for (const file of readdirSync(directory)) if (file.endsWith('.json')) rmSync(path.join(directory, file));
    for (const vector of vectors)
      writeFileSync(path.join(directory, `${vector.name}.json`), vectorFileText(vector));
    console.log(`${suite.folder}: ${vectors.length} vectors`);
  }
}

main(process.argv[2] ?? path.join(process.cwd(), 'shared-ts/conformance')).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
