import path from 'node:path';
import { listApexFiles, PACKAGE_DIR, REPO_ROOT } from './apex-files';
import { checkApexFormat } from './check-apex-format';
import { checkApexLs } from './check-apex-ls';
import { checkApexPmd } from './check-apex-pmd';
import { checkMetadata } from './check-metadata';
import { checkProject } from './check-project';
import { type CheckResult, formatFindings } from './check-result';
import { checkVectorResources } from './vector-resources';

// Entry of `npm run check:salesforce` (bundled by check.mjs): runs every offline check of the
// package once, and prints what ran, how long it took and what it found. `npm test` runs the
// same checks as jest tests.
async function main(): Promise<number> {
  const timed = async (run: () => CheckResult | Promise<CheckResult>): Promise<CheckResult> => {
    const start = process.hrtime.bigint();
    const result = await run();
    const ms = Number((process.hrtime.bigint() - start) / 1_000_000n);
    process.stdout.write(`${result.findings.length === 0 ? 'ok  ' : 'FAIL'} ${result.ran} (${ms} ms)\n`);
    if (result.findings.length > 0) process.stdout.write(`${formatFindings(result.findings)}\n`);
    if ('lower' in result && Array.isArray(result.lower) && result.lower.length > 0) {
      process.stdout.write(`     severity 3-5, kept:\n${formatFindings(result.lower)}\n`);
    }
    return result;
  };
  const project = checkProject(path.join(REPO_ROOT, 'sfdx-project.json'));
  const results = [
    await timed(() => project),
    await timed(() => checkMetadata(PACKAGE_DIR, project.project?.sourceApiVersion ?? '67.0')),
    await timed(() => checkVectorResources()),
    await timed(() => checkApexFormat(listApexFiles(PACKAGE_DIR))),
    await timed(() => checkApexLs(REPO_ROOT)),
    await timed(() => checkApexPmd([PACKAGE_DIR])),
  ];
  return results.some((r) => r.findings.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`check:salesforce failed: ${String(error)}\n`);
    process.exit(2);
  },
);
