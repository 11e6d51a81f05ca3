import { CodeAnalyzer, CodeAnalyzerConfig, SeverityLevel } from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import type { CheckResult, Finding } from './check-result';
import { findJava, type JavaLookup } from './find-java';

/** The rule selectors the package is held to: AppExchange security review and Security. */
export const PMD_SELECTORS: readonly string[] = ['pmd:AppExchange', 'pmd:Security'];

/** Violations at or above this severity fail the check (1 Critical, 2 High); 3-5 are listed only. */
export const PMD_FAILING_SEVERITY: number = SeverityLevel.High;

/** What a PMD run found, split into the violations that fail the check and the lower ones kept. */
export interface PmdResult extends CheckResult {
  /** Severity 3-5, reported but not failing (docs/salesforce-org-testing.md lists the kept ones). */
  readonly lower: readonly Finding[];
}

/**
 * Runs PMD through Salesforce Code Analyzer (core + pmd engine) with {@link PMD_SELECTORS} on the
 * given files and folders. Findings are violations of severity 1-2 and run failures. Never throws.
 */
export async function checkApexPmd(
  paths: readonly string[],
  java: JavaLookup = findJava(),
): Promise<PmdResult> {
  const ran = `Code Analyzer PMD ${PMD_SELECTORS.join(' + ')} on ${paths.join(', ')}`;
  const failed = (code: string, message: string): PmdResult => ({
    ran,
    findings: [{ file: paths[0] ?? '.', line: 0, code, message }],
    lower: [],
  });
  if (!java.ok) return failed(java.code, java.message);
  try {
    const config = CodeAnalyzerConfig.fromObject({
      engines: { pmd: { java_command: java.command }, cpd: { disable_engine: true } },
    });
    const analyzer = new CodeAnalyzer(config);
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace([...paths]);
    const selection = await analyzer.selectRules([...PMD_SELECTORS], { workspace });
    if (selection.getCount() === 0)
      return failed('pmd-no-rules', `no rule matched ${PMD_SELECTORS.join(', ')}`);
    const results = await analyzer.run(selection, { workspace });
    const findings: Finding[] = [];
    const lower: Finding[] = [];
    // An engine that fails to start or run is reported by the core as a Critical violation
    // (rule UnexpectedEngineError / UninstantiableEngineError), so it fails the check too.
    for (const v of results.getViolations()) {
      const rule = v.getRule();
      const location = v.getPrimaryLocation();
      const finding: Finding = {
        file: location.getFile() ?? paths[0] ?? '.',
        line: location.getStartLine() ?? 0,
        code: `pmd:${rule.getName()}`,
        message: `severity ${rule.getSeverityLevel()}: ${v.getMessage()}`,
      };
      (rule.getSeverityLevel() <= PMD_FAILING_SEVERITY ? findings : lower).push(finding);
    }
    return { ran: `${ran} (${selection.getCount()} rules)`, findings, lower };
  } catch (error) {
    return failed('pmd-failed', `Code Analyzer did not run: ${String(error)}`);
  }
}
