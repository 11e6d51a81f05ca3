// Bundles a package entry the way the LWC service module is built (one ES module for the
// browser, minified) and reports its size and what fills it, from esbuild's metafile. Used by
// the bundle-size test (`npm test`) and printed by `npm run bench`.
const path = require('node:path');
const { build } = require('esbuild');

const root = path.dirname(__dirname);

/** The public entry files of the package, by entry name (shared-ts/package.json, "exports"); build.mjs adds the internal two. */
const ENTRY_FILES = {
  index: 'src/index.ts',
  engine: 'src/entries/engine.ts',
  protocol: 'src/entries/protocol.ts',
  replica: 'src/entries/replica.ts',
  rules: 'src/entries/rules.ts',
  lwc: 'src/entries/lwc.ts',
};

/** The most the LWC service module's bundle may weigh, in bytes (1 MB). */
const LWC_BUNDLE_LIMIT_BYTES = 1_000_000;

/** Who put an input in the bundle: its npm package, or its folder (`src/rules`). */
function contributorOf(input) {
  const nodeModules = input.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = input.slice(nodeModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.posix.dirname(input);
}

/**
 * Bundles one entry (ESM, browser, minified) in memory and resolves to its size in bytes, every
 * input file, and its contributors (package or source folder) by bytes in the output, largest first.
 */
async function measureBundle(entry) {
  const file = ENTRY_FILES[entry];
  if (file === undefined) throw new Error(`no package entry named ${entry}`);
  const result = await build({
    entryPoints: [path.join(root, file)],
    outfile: path.join(root, 'dist', `${entry}.browser.mjs`),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    metafile: true,
    absWorkingDir: root,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const byContributor = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const who = contributorOf(input.split(path.sep).join('/'));
    byContributor.set(who, (byContributor.get(who) ?? 0) + bytesInOutput);
  }
  const contributors = [...byContributor]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  return {
    entry,
    bytes: output.bytes,
    inputs: Object.keys(output.inputs),
    contributors,
    metafile: result.metafile,
  };
}

/** One line per entry: its size, then its largest contributors. */
function formatBundle({ entry, bytes, contributors }, top = 6) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const parts = contributors.slice(0, top).map(({ name, bytes: b }) => `${name} ${kib(b)}`);
  return `${entry.padEnd(9)} ${kib(bytes).padStart(10)}  (${parts.join(', ')})`;
}

module.exports = { ENTRY_FILES, LWC_BUNDLE_LIMIT_BYTES, formatBundle, measureBundle };
