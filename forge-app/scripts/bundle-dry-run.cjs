/**
 * Runs the real Forge bundler (@forge/bundler's getNodeBundler, the one `forge deploy` uses)
 * over the shim src/index.ts with the root tsconfig.json, without deploying: the runtime wrapper
 * that `forge deploy` downloads from Atlassian's CDN is replaced by a stub, and the output goes
 * to a temporary folder that is removed afterwards. Prints one JSON line:
 * {ok, bytes, files, modules} or {ok: false, error}. Exit code 0 on success, 1 otherwise.
 * Run from the repository root (Forge resolves handlers under ./src next to manifest.yml).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { getNodeBundler } = require('@forge/bundler');

const root = path.resolve(__dirname, '..', '..');
const logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace() {},
  debug() {},
  info() {},
  warn(message) {
    warnings.push(String(message).slice(0, 500));
  },
  error(error) {
    warnings.push(String(error && error.message).slice(0, 500));
  },
};
const warnings = [];
const stubScript = { script: '/* runtime stub: dry run */', source: 'stub', version: 'dry-run' };
const wrapperProvider = {
  getNodeRuntimeWrapper: async () => stubScript,
  getNodeRuntimeLoader: async () => stubScript,
};
// The bundler reads only `app.package` (a custom bundler); the default webpack bundler has none.
const configReader = { readConfig: async () => ({ app: {} }) };

function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = sizeOf(full);
      bytes += inner.bytes;
      files += inner.files;
    } else if (!entry.name.endsWith('.map')) {
      bytes += fs.statSync(full).size;
      files++;
    }
  }
  return { bytes, files };
}

async function main() {
  process.chdir(root);
  const bundler = getNodeBundler(logger, wrapperProvider, configReader);
  const output = await bundler.bundle({
    appDirectory: root,
    entryPoints: [{ name: 'index', path: path.join(root, 'src', 'index.ts') }],
  });
  try {
    const { bytes, files } = sizeOf(output.outputDir);
    const main = fs.statSync(path.join(output.outputDir, 'index.cjs')).size;
    return { ok: true, bytes, mainBytes: main, files, modules: output.metadata?.modules ?? [], warnings };
  } finally {
    fs.rmSync(output.outputDir, { recursive: true, force: true });
  }
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (error) => {
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: String(error && error.message).slice(0, 4000) })}\n`,
    );
    process.exitCode = 1;
  },
);
