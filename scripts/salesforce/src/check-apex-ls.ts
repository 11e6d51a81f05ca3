import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult, Finding } from './check-result';
import { findJava, type JavaLookup } from './find-java';

/** The jars of @salesforce/code-analyzer-pmd-engine (apex-ls, PMD and their dependencies). */
export function pmdEngineJavaLib(): string {
  return path.join(path.dirname(require.resolve('@salesforce/code-analyzer-pmd-engine')), 'java-lib');
}

/** apex-ls's exit code when it found errors (0: none). */
const APEX_LS_ERRORS_EXIT = 4;

interface ApexLsReport {
  files?: {
    path?: string;
    messages?: { start?: { line?: number }; category?: string; message?: string }[];
  }[];
}

/**
 * Runs apex-ls `CheckForIssues` (errors only, no cache) on an SFDX workspace: unknown types,
 * methods, variables and fields of the workspace's own objects. Never throws: a missing Java or
 * jar, or a run that fails, is a finding naming what is missing.
 */
export function checkApexLs(workspace: string, java: JavaLookup = findJava()): CheckResult {
  const ran = `apex-ls CheckForIssues (errors) on ${workspace}`;
  if (!java.ok)
    return { ran, findings: [{ file: workspace, line: 0, code: java.code, message: java.message }] };
  const lib = pmdEngineJavaLib();
  if (!existsSync(lib)) {
    const message = `apex-ls jars not found at ${lib}: run npm install (@salesforce/code-analyzer-pmd-engine)`;
    return { ran, findings: [{ file: workspace, line: 0, code: 'apex-ls-missing', message }] };
  }
  const run = spawnSync(
    java.command,
    [
      '-cp',
      `${lib}${path.sep}*`,
      'io.github.apexdevtools.apexls.CheckForIssues',
      '-n',
      '-f',
      'json',
      '-w',
      workspace,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
  );
  if (run.status !== 0 && run.status !== APEX_LS_ERRORS_EXIT) {
    const message = `apex-ls did not run (exit ${run.status}${run.error ? `, ${run.error.message}` : ''}): ${run.stderr.slice(0, 2000)}`;
    return { ran, findings: [{ file: workspace, line: 0, code: 'apex-ls-failed', message }] };
  }
  let report: ApexLsReport;
  try {
    report = JSON.parse(run.stdout) as ApexLsReport;
  } catch {
    const message = `apex-ls printed no JSON report: ${run.stdout.slice(0, 2000)}`;
    return { ran, findings: [{ file: workspace, line: 0, code: 'apex-ls-failed', message }] };
  }
  const findings: Finding[] = [];
  for (const file of report.files ?? []) {
    for (const m of file.messages ?? []) {
      findings.push({
        file: file.path ?? workspace,
        line: m.start?.line ?? 0,
        code: `apex-ls:${m.category ?? 'Error'}`,
        message: m.message ?? '(no message)',
      });
    }
  }
  if (run.status === APEX_LS_ERRORS_EXIT && findings.length === 0) {
    findings.push({
      file: workspace,
      line: 0,
      code: 'apex-ls-failed',
      message: 'apex-ls exited 4 (errors) but listed none',
    });
  }
  return { ran, findings };
}
