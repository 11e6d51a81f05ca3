/**
 * The mirror check (issue #12): every TypeScript file of the folders listed in
 * `scripts/salesforce/mirror.json` has its Apex twin, each twin exists, and each twin's ApexDoc
 * header names the file it mirrors, so a file added to the TypeScript side without its Apex
 * class fails `npm test`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './check-result';

/** One entry of mirror.json: a TypeScript file and the Apex classes that mirror it (or why none does). */
export interface MirrorEntry {
  readonly ts: string;
  readonly apex: readonly string[];
  readonly reason?: string;
}

/** The map as mirror.json holds it. */
export interface MirrorMap {
  readonly folders: readonly string[];
  readonly mirrors: readonly MirrorEntry[];
}

/** The Apex classes folder of the package, relative to the repository. */
export const CLASSES_DIR = path.join('force-app', 'main', 'default', 'classes');

/** Reads `scripts/salesforce/mirror.json` under `root`. */
export function readMirrorMap(root: string): MirrorMap {
  return JSON.parse(
    readFileSync(path.join(root, 'scripts', 'salesforce', 'mirror.json'), 'utf8'),
  ) as MirrorMap;
}

/** The first `/** ... *\/` comment of a class file: its ApexDoc header. */
function header(source: string): string {
  const start = source.indexOf('/**');
  const end = start < 0 ? -1 : source.indexOf('*/', start);
  return start < 0 || end < 0 ? '' : source.slice(start, end);
}

/** What is wrong with the mirror map under `root` (repository layout), or `[]`. */
export function checkMirror(root: string, map: MirrorMap = readMirrorMap(root)): Finding[] {
  const findings: Finding[] = [];
  const mapFile = path.join(root, 'scripts', 'salesforce', 'mirror.json');
  const listed = new Map(map.mirrors.map((entry) => [entry.ts, entry]));
  for (const folder of map.folders) {
    const dir = path.join(root, folder);
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
      .sort();
    for (const name of files) {
      const ts = `${folder}/${name}`;
      if (!listed.has(ts)) {
        findings.push({
          file: mapFile,
          line: 0,
          code: 'mirror-missing',
          message: `${ts} has no Apex twin in mirror.json: write its class (header "Mirrors ${ts}") and list it, or list it with "apex": [] and the reason.`,
        });
      }
    }
  }
  for (const entry of map.mirrors) {
    if (!existsSync(path.join(root, entry.ts))) {
      findings.push({ file: mapFile, line: 0, code: 'mirror-stale', message: `${entry.ts} does not exist.` });
    }
    if (entry.apex.length === 0 && !entry.reason) {
      findings.push({
        file: mapFile,
        line: 0,
        code: 'mirror-no-reason',
        message: `${entry.ts} has no Apex class and no reason.`,
      });
    }
    for (const name of entry.apex) {
      const file = path.join(root, CLASSES_DIR, `${name}.cls`);
      if (!existsSync(file)) {
        findings.push({
          file,
          line: 0,
          code: 'mirror-class-missing',
          message: `${name}.cls (mirrors ${entry.ts}) does not exist.`,
        });
        continue;
      }
      if (!header(readFileSync(file, 'utf8')).includes(entry.ts)) {
        findings.push({
          file,
          line: 1,
          code: 'mirror-header',
          message: `The ApexDoc header of ${name} does not name ${entry.ts}.`,
        });
      }
    }
  }
  return findings;
}
