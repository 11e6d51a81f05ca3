import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CheckResult, Finding } from './check-result';

interface FileStatus {
  file: string;
  status: 'ok' | 'unformatted' | 'error';
  line: number;
  message: string;
}

/**
 * Parses every file with prettier-plugin-apex (Salesforce's Apex parser, as a native binary: no
 * Java) under the repository's prettier options, and reports a file that does not parse
 * (`apex-parse`) or is not formatted (`apex-unformatted`). Never throws.
 */
export function checkApexFormat(files: readonly string[]): CheckResult {
  const ran = `prettier-plugin-apex parse + format check on ${files.length} files`;
  if (files.length === 0) return { ran, findings: [] };
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'prettier-check.mjs'), ...files], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 300_000,
  });
  let statuses: FileStatus[];
  try {
    statuses = JSON.parse(run.stdout) as FileStatus[];
  } catch {
    const message = `the prettier check did not run (exit ${run.status}): ${run.stderr.slice(0, 2000)}`;
    return { ran, findings: [{ file: files[0] ?? '.', line: 0, code: 'apex-format-failed', message }] };
  }
  const findings: Finding[] = [];
  for (const s of statuses) {
    if (s.status === 'unformatted') {
      const message = 'not formatted as prettier-plugin-apex prints it: run `npx prettier --write` on it';
      findings.push({ file: s.file, line: 0, code: 'apex-unformatted', message });
    } else if (s.status === 'error') {
      findings.push({
        file: s.file,
        line: s.line,
        code: 'apex-parse',
        message: `does not parse as Apex: ${s.message}`,
      });
    }
  }
  return { ran, findings };
}
