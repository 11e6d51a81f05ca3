// Bundles the `tandem` CLI and each package entry with esbuild. Run by `npm install`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** Each package entry (package.json, "exports") and its source: the public ones, then the two internal. */
const entries = {
  ...require('./bundle-size.cjs').ENTRY_FILES,
  internal: 'src/internal.ts',
  testing: 'src/testing/index.ts',
};

await Promise.all([
  build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(root, 'dist/tandem-cli.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  }),
  ...Object.entries(entries).map(([name, source]) =>
    build({
      entryPoints: [path.join(root, source)],
      outfile: path.join(root, `dist/${name}.cjs`),
      bundle: true,
      platform: 'neutral',
      mainFields: ['main', 'module'],
      target: 'es2020',
      format: 'cjs',
      logLevel: 'warning',
    }),
  ),
  // The LWC service module: one browser ES module, minified (its size is held by a test).
  build({
    entryPoints: [path.join(root, entries.lwc)],
    outfile: path.join(root, 'dist/lwc.mjs'),
    bundle: true,
    platform: 'browser',
    target: 'es2020',
    format: 'esm',
    minify: true,
    logLevel: 'warning',
  }),
]);
