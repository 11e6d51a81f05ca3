#!/usr/bin/env node
// Launcher for the `tandem` command. The CLI itself is bundled from src/cli by
// `npm run build` (run automatically by `npm install` at the repo root).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist', 'tandem-cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'tandem: the CLI is not built yet. Run `npm install` (or `npm run build`) at the repo root.\n',
  );
  process.exit(1);
}
require(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
