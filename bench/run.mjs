// Runs every bench/*.bench.ts (or those named on the command line): each is bundled with
// esbuild and run in its own Node process with --expose-gc. A benchmark prints its own
// figures and exits non-zero when it misses its target. First it prints the size of each
// package entry bundled for the browser (the LWC service module's must stay under 1 MB).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (files.length === 0 && !wanted.includes('bundle')) {
  console.error(`no benchmark matches ${wanted.join(' ') || '(any)'} in bench/`);
  process.exit(1);
}
let failed = 0;
if (wanted.length === 0 || wanted.includes('bundle')) {
  const { ENTRY_FILES, LWC_BUNDLE_LIMIT_BYTES, formatBundle, measureBundle } = createRequire(import.meta.url)(
    '../shared-ts/scripts/bundle-size.cjs',
  );
  console.log('\n## bundle sizes (ESM, browser, minified; largest contributors)');
  for (const entry of Object.keys(ENTRY_FILES)) {
    const bundle = await measureBundle(entry);
    console.log(formatBundle(bundle));
    if (entry === 'lwc' && bundle.bytes >= LWC_BUNDLE_LIMIT_BYTES) {
      console.log(`MISSED: the lwc bundle must stay under ${LWC_BUNDLE_LIMIT_BYTES} bytes`);
      failed++;
    }
  }
}
const out = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'));
for (const file of files) {
  const outfile = path.join(out, file.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [path.join(benchDir, file)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
console.log(failed === 0 ? '\nall benchmarks met their targets' : `\n${failed} benchmark(s) missed a target`);
process.exit(failed === 0 ? 0 : 1);
