import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_DIR, REPO_ROOT } from './apex-files';
import { checkMetadata } from './check-metadata';
import { checkProject } from './check-project';
import { formatFindings } from './check-result';

const API = '67.0';
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the package in a temp folder, to break one thing in. */
function copyOfPackage(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tandem-metadata-'));
  temps.push(root);
  cpSync(PACKAGE_DIR, path.join(root, 'force-app'), { recursive: true });
  return path.join(root, 'force-app');
}

const objects = (pkg: string): string => path.join(pkg, 'main', 'default', 'objects');

function edit(file: string, from: string | RegExp, to: string): void {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}

test('sfdx-project.json describes a 2GP managed package with a namespace', () => {
  const result = checkProject(path.join(REPO_ROOT, 'sfdx-project.json'));
  expect(formatFindings(result.findings)).toBe('');
  expect(result.project).toEqual({ sourceApiVersion: API });
});

test('an sfdx-project.json without namespace or version number is refused', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-project-'));
  temps.push(dir);
  const file = path.join(dir, 'sfdx-project.json');
  writeFileSync(
    file,
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], namespace: '' }),
  );
  expect(checkProject(file).findings.map((f) => f.message)).toEqual(
    expect.arrayContaining([
      'the package directory has no package',
      'versionNumber must be major.minor.patch.NEXT',
      'a managed package needs a namespace: a letter, then at most 14 letters or digits',
    ]),
  );
});

test('the package metadata has every required element, valid names and grants only what exists', () => {
  const result = checkMetadata(PACKAGE_DIR, API);
  expect(formatFindings(result.findings)).toBe('');
});

test('the data model has the objects, the protected setting and the metadata type of issue 12', () => {
  const names = [
    'Connection__c',
    'Link__c',
    'Queue_Item__c',
    'Sync_Error__c',
    'Sync_Trigger__c',
    'Rule_Version__c',
  ];
  for (const name of [...names, 'Stored_Chunk__c', 'Connection_Secret__c', 'Sync_Default__mdt']) {
    expect(readFileSync(path.join(objects(PACKAGE_DIR), name, `${name}.object-meta.xml`), 'utf8')).toContain(
      '<label>',
    );
  }
});

test('XML that is not well-formed is reported with its line', () => {
  const pkg = copyOfPackage();
  const file = path.join(pkg, 'main', 'default', 'classes', 'TandemVersion.cls-meta.xml');
  edit(file, '</status>', '</statu>');
  expect(checkMetadata(pkg, API).findings).toEqual([
    expect.objectContaining({ file, code: 'metadata-xml', line: expect.any(Number) }),
  ]);
});

test('a field without help text is reported', () => {
  const pkg = copyOfPackage();
  edit(
    path.join(objects(pkg), 'Link__c', 'fields', 'Remote_Id__c.field-meta.xml'),
    /<inlineHelpText>.*<\/inlineHelpText>/,
    '',
  );
  expect(checkMetadata(pkg, API).findings.map((f) => f.message)).toEqual([
    'field Link__c.Remote_Id__c has no <inlineHelpText>',
  ]);
});

test('a Long Text Area over 131,072 characters is reported', () => {
  const pkg = copyOfPackage();
  edit(
    path.join(objects(pkg), 'Link__c', 'fields', 'State__c.field-meta.xml'),
    '<length>131072<',
    '<length>131073<',
  );
  expect(checkMetadata(pkg, API).findings.map((f) => f.code)).toEqual(['metadata-range']);
});

test('a permission set granting a field that does not exist is reported', () => {
  const pkg = copyOfPackage();
  rmSync(path.join(objects(pkg), 'Link__c', 'fields', 'Remote_Key__c.field-meta.xml'));
  const findings = checkMetadata(pkg, API).findings;
  expect(findings.map((f) => `${path.basename(f.file)}: ${f.message}`)).toEqual([
    'Tandem_Admin.permissionset-meta.xml: grants Link__c.Remote_Key__c, which the package does not define',
    'Tandem_User.permissionset-meta.xml: grants Link__c.Remote_Key__c, which the package does not define',
  ]);
});

test('an invalid or duplicate field name is reported', () => {
  const pkg = copyOfPackage();
  const fields = path.join(objects(pkg), 'Link__c', 'fields');
  const source = readFileSync(path.join(fields, 'Remote_Id__c.field-meta.xml'), 'utf8');
  writeFileSync(
    path.join(fields, 'remote_id__c.field-meta.xml'),
    source.replace('Remote_Id__c', 'remote_id__c'),
  );
  writeFileSync(
    path.join(fields, 'Bad__Name__c.field-meta.xml'),
    source.replace('Remote_Id__c', 'Bad__Name__c'),
  );
  expect(
    checkMetadata(pkg, API)
      .findings.map((f) => f.code)
      .sort(),
  ).toEqual(['metadata-duplicate', 'metadata-name']);
});

test('a custom setting that is not Protected is reported', () => {
  const pkg = copyOfPackage();
  const file = path.join(objects(pkg), 'Connection_Secret__c', 'Connection_Secret__c.object-meta.xml');
  edit(file, '<visibility>Protected</visibility>', '<visibility>Public</visibility>');
  expect(checkMetadata(pkg, API).findings.map((f) => f.code)).toEqual(['metadata-setting-visibility']);
});

test('a lookup to an object the package does not define is reported', () => {
  const pkg = copyOfPackage();
  edit(
    path.join(objects(pkg), 'Sync_Error__c', 'fields', 'Link__c.field-meta.xml'),
    '<referenceTo>Link__c<',
    '<referenceTo>Lynk__c<',
  );
  expect(checkMetadata(pkg, API).findings.map((f) => f.code)).toEqual(['metadata-reference']);
});
