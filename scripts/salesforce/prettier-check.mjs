// Checks Apex files with prettier + prettier-plugin-apex under the repository's options, in its own
// process because prettier 3 loads plugins with dynamic import (jest's CommonJS VM refuses it).
// Prints one JSON line: [{file, status: "ok" | "unformatted" | "error", line, message}].
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = [];
for (const file of process.argv.slice(2)) {
  // Options resolved as for a file at the repository root, so a file in a temp folder gets them too.
  const options = (await prettier.resolveConfig(path.join(repoRoot, path.basename(file)))) ?? {};
  try {
    const ok = await prettier.check(readFileSync(file, 'utf8'), { ...options, filepath: file });
    results.push({ file, status: ok ? 'ok' : 'unformatted', line: 0, message: '' });
  } catch (error) {
    const line = error?.loc?.start?.line ?? 0;
    results.push({
      file,
      status: 'error',
      line,
      message: String(error?.message ?? error)
        .replace(/\r?\n/g, ' ')
        .trim(),
    });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
