// Runs every offline check of the Salesforce package once and says what ran and how long it took
// (`npm run check:salesforce`): bundles src/check-all-main.ts with esbuild into node_modules/.cache
// (so its packages resolve from the repository) and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(here, '..', '..', 'node_modules', '.cache', 'tandem-salesforce', 'check.cjs');
await build({
  entryPoints: [path.join(here, 'src/check-all-main.ts')],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // The sources find the repository and the prettier helper from __dirname: pin it to src/.
  define: { __dirname: JSON.stringify(path.join(here, 'src')) },
});
const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
process.exit(run.status ?? 1);
