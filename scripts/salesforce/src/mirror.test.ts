import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './apex-files';
import { formatFindings } from './check-result';
import { checkMirror, CLASSES_DIR, readMirrorMap } from './mirror';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the mirrored TypeScript folders, the Apex classes and mirror.json in a temp directory. */
function sandbox(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tandem-mirror-'));
  temps.push(root);
  const map = readMirrorMap(REPO_ROOT);
  for (const entry of map.mirrors) {
    mkdirSync(path.dirname(path.join(root, entry.ts)), { recursive: true });
    cpSync(path.join(REPO_ROOT, entry.ts), path.join(root, entry.ts));
  }
  for (const folder of map.folders)
    cpSync(path.join(REPO_ROOT, folder), path.join(root, folder), { recursive: true });
  cpSync(path.join(REPO_ROOT, CLASSES_DIR), path.join(root, CLASSES_DIR), { recursive: true });
  cpSync(
    path.join(REPO_ROOT, 'scripts', 'salesforce', 'mirror.json'),
    path.join(root, 'scripts', 'salesforce', 'mirror.json'),
  );
  return root;
}

test('every file of the mirrored TypeScript folders has its Apex twin, and each twin names its file', () => {
  expect(formatFindings(checkMirror(REPO_ROOT))).toBe('');
});

test('a runtime file added without its Apex twin fails the check', () => {
  const root = sandbox();
  writeFileSync(path.join(root, 'shared-ts/src/rules/runtime/new-part.ts'), 'export const x = 1;\n');
  writeFileSync(path.join(root, 'shared-ts/src/rules/runtime/new-part.test.ts'), 'test.todo("x");\n');
  expect(checkMirror(root).map((f) => f.code)).toEqual(['mirror-missing']);
  expect(formatFindings(checkMirror(root))).toContain('shared-ts/src/rules/runtime/new-part.ts');
});

test('a mapped class that is missing, or whose header does not name its file, fails the check', () => {
  const root = sandbox();
  rmSync(path.join(root, CLASSES_DIR, 'TandemRuleCosts.cls'));
  writeFileSync(
    path.join(root, CLASSES_DIR, 'TandemRuleDates.cls'),
    '/** @description Dates. */\npublic class X {}\n',
  );
  expect(
    checkMirror(root)
      .map((f) => f.code)
      .sort(),
  ).toEqual(['mirror-class-missing', 'mirror-header']);
});

test('an entry without a class needs a reason, and a listed file must exist', () => {
  const root = sandbox();
  const map = readMirrorMap(root);
  const mirrors = [
    ...map.mirrors.map((entry) => (entry.apex.length === 0 ? { ts: entry.ts, apex: [] } : entry)),
    { ts: 'shared-ts/src/rules/runtime/gone.ts', apex: ['TandemRuleCosts'] },
  ];
  const codes = checkMirror(root, { folders: map.folders, mirrors }).map((f) => f.code);
  expect(codes.filter((c) => c === 'mirror-no-reason').length).toBe(
    map.mirrors.filter((entry) => entry.apex.length === 0).length,
  );
  expect(codes).toContain('mirror-stale');
});
