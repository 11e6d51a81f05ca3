import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The repository root (this file is scripts/salesforce/src/apex-files.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The package directory the checks read (sfdx-project.json's default package directory). */
export const PACKAGE_DIR = path.join(REPO_ROOT, 'force-app');

/** Depth cap for the folder walk: SFDX source is a few levels deep; a symlink loop stops here. */
const MAX_WALK_DEPTH = 12;

/** Lists files under `root` (sorted, absolute) whose names end with one of `suffixes`; skips node_modules. */
export function listFiles(root: string, suffixes: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_WALK_DEPTH) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full, depth + 1);
      } else if (suffixes.some((s) => entry.name.endsWith(s))) {
        found.push(full);
      }
    }
  };
  walk(root, 0);
  return found.sort();
}

/** Every Apex class and trigger under `root`. */
export function listApexFiles(root: string): string[] {
  return listFiles(root, ['.cls', '.trigger']);
}
