// Writes shared-ts/conformance/<folder>/*.json from the real code: bundles
// shared-ts/src/conformance/write-vectors.ts with esbuild and runs it (`npm run vectors`).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'tandem-vectors-')), 'write-vectors.cjs');
await build({
  entryPoints: [path.join(packageDir, 'src/conformance/write-vectors.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile, path.join(packageDir, 'conformance')], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
