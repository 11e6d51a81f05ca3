// Bundles the `tandem` CLI and each package entry with esbuild. Run by `npm install`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Each package entry (package.json, "exports") and its source. */
const entries = {
  index: 'src/index.ts',
  engine: 'src/entries/engine.ts',
  protocol: 'src/entries/protocol.ts',
  replica: 'src/entries/replica.ts',
  rules: 'src/entries/rules.ts',
  lwc: 'src/entries/lwc.ts',
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
