// Bundles the `tandem` CLI (and the library entry) with esbuild. Run by `npm install`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

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
  build({
    entryPoints: [path.join(root, 'src/index.ts')],
    outfile: path.join(root, 'dist/index.cjs'),
    bundle: true,
    platform: 'neutral',
    mainFields: ['main', 'module'],
    target: 'es2020',
    format: 'cjs',
    logLevel: 'warning',
  }),
]);
