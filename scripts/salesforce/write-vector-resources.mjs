// Packs shared-ts/conformance/<folder>/*.json into force-app/main/default/staticresources/
// Conformance_<folder>.resource (zip) + .resource-meta.xml (`npm run vectors:salesforce`): bundles
// src/write-vector-resources-main.ts with esbuild and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'tandem-sf-vectors-')), 'write.cjs');
await build({
  entryPoints: [path.join(here, 'src/write-vector-resources-main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // REPO_ROOT is computed from __dirname: keep the source layout's depth by pinning it.
  define: { __dirname: JSON.stringify(path.join(here, 'src')) },
});
const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
process.exit(run.status ?? 1);
