import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult, Finding } from './check-result';

/** A namespace prefix: a letter, then up to 14 letters or digits (no underscore). */
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]{0,14}$/;

/** What the checks read from sfdx-project.json. */
export interface ProjectInfo {
  readonly sourceApiVersion: string;
}

/**
 * Checks that `sfdx-project.json` describes a second-generation managed package: one default
 * package directory with `package`, `versionName` and a `major.minor.patch.NEXT` versionNumber, a
 * namespace (a placeholder until one is registered), `sourceApiVersion` pinned, `packageAliases`.
 */
export function checkProject(file: string): CheckResult & { project: ProjectInfo | null } {
  const ran = `sfdx-project.json shape check (${path.basename(file)})`;
  const findings: Finding[] = [];
  const add = (message: string): void => {
    findings.push({ file, line: 0, code: 'sfdx-project', message });
  };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    add(`not readable JSON: ${String(error)}`);
    return { ran, findings, project: null };
  }
  const dirs = Array.isArray(json['packageDirectories'])
    ? (json['packageDirectories'] as Record<string, unknown>[])
    : [];
  const main = dirs.find((d) => d['default'] === true);
  if (main === undefined) add('no default entry in packageDirectories');
  else {
    if (main['path'] !== 'force-app') add('the default package directory must be force-app');
    for (const key of ['package', 'versionName', 'versionDescription']) {
      if (typeof main[key] !== 'string' || main[key] === '') add(`the package directory has no ${key}`);
    }
    if (
      typeof main['versionNumber'] !== 'string' ||
      !/^\d+\.\d+\.\d+\.(NEXT|\d+)$/.test(main['versionNumber'])
    ) {
      add('versionNumber must be major.minor.patch.NEXT');
    }
  }
  const namespace = json['namespace'];
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace)) {
    add('a managed package needs a namespace: a letter, then at most 14 letters or digits');
  }
  const api = json['sourceApiVersion'];
  if (typeof api !== 'string' || !/^\d+\.0$/.test(api)) add('sourceApiVersion must be pinned, like "67.0"');
  if (typeof json['packageAliases'] !== 'object' || json['packageAliases'] === null)
    add('no packageAliases object');
  return { ran, findings, project: typeof api === 'string' ? { sourceApiVersion: api } : null };
}
