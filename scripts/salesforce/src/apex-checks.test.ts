import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listApexFiles, PACKAGE_DIR, REPO_ROOT } from './apex-files';
import { checkApexFormat } from './check-apex-format';
import { checkApexLs } from './check-apex-ls';
import { checkApexPmd, type PmdResult } from './check-apex-pmd';
import { formatFindings } from './check-result';
import { findJava, parseJavaMajor } from './find-java';

const META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

/** A throwaway SFDX project with the given classes (name -> source) in force-app/main/default/classes. */
function tempProject(classes: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tandem-apex-check-'));
  const classesDir = path.join(root, 'force-app', 'main', 'default', 'classes');
  mkdirSync(classesDir, { recursive: true });
  cpSync(path.join(REPO_ROOT, 'sfdx-project.json'), path.join(root, 'sfdx-project.json'));
  for (const [name, source] of Object.entries(classes)) {
    writeFileSync(path.join(classesDir, `${name}.cls`), source);
    writeFileSync(path.join(classesDir, `${name}.cls-meta.xml`), META);
  }
  return root;
}

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const apexFiles = listApexFiles(PACKAGE_DIR);

test('the package has Apex for the checks to read', () => {
  expect(apexFiles.length).toBeGreaterThan(0);
});

describe('prettier-plugin-apex', () => {
  test('every class and trigger of the package parses and is formatted', async () => {
    const result = checkApexFormat(apexFiles);
    expect(formatFindings(result.findings)).toBe('');
  });

  test('a class that does not parse is reported with the parser message', async () => {
    const root = tempProject({ Broken: 'public with sharing class Broken {\n  public void go( {\n}\n' });
    temps.push(root);
    const result = checkApexFormat(listApexFiles(root));
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'apex-parse', message: expect.stringContaining("Missing ')' at '{'") }),
    ]);
  });

  test('a class that parses but is not formatted is reported', async () => {
    const root = tempProject({ Messy: 'public with sharing class Messy {   public   Integer x; }\n' });
    temps.push(root);
    const result = checkApexFormat(listApexFiles(root));
    expect(result.findings.map((f) => f.code)).toEqual(['apex-unformatted']);
  });
});

describe('Java for apex-ls and PMD', () => {
  test('reads the major version of modern and 1.x Java', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('no java here')).toBeNull();
  });

  test('a machine without java gets a message naming what to install', () => {
    const lookup = findJava({ PATH: '/nonexistent', JAVA_HOME: '/nonexistent-jdk' });
    expect(lookup).toEqual(expect.objectContaining({ ok: false, code: 'java-missing' }));
    expect(!lookup.ok && lookup.message).toMatch(
      /Java 11 or later.*JAVA_HOME \(\/nonexistent-jdk\).*Install a JDK/s,
    );
  });

  test('the checks report a missing java instead of running', async () => {
    const missing = findJava({ PATH: '/nonexistent' });
    expect(checkApexLs(REPO_ROOT, missing).findings.map((f) => f.code)).toEqual(['java-missing']);
    expect((await checkApexPmd([PACKAGE_DIR], missing)).findings.map((f) => f.code)).toEqual([
      'java-missing',
    ]);
  });
});

describe('apex-ls CheckForIssues', () => {
  test('reports no error in the package', () => {
    const result = checkApexLs(REPO_ROOT);
    expect(formatFindings(result.findings)).toBe('');
  });

  test('reports unknown types and objects of a broken class', () => {
    const root = tempProject({
      Unknown:
        'public with sharing class Unknown {\n  public static void go() {\n    NoSuchType x = new NoSuchType();\n' +
        '    Tandem_Nope__c y = new Tandem_Nope__c();\n  }\n}\n',
    });
    temps.push(root);
    const result = checkApexLs(root);
    expect(result.findings.map((f) => `${f.line} ${f.message}`)).toEqual(
      expect.arrayContaining([
        "3 No type declaration found for 'NoSuchType'",
        "4 No type declaration found for 'Schema.Tandem_Nope__c'",
      ]),
    );
  });
});

describe('PMD (Code Analyzer, AppExchange + Security)', () => {
  // One run over the package and a folder with an insecure class: PMD's start-up is the cost.
  let result: PmdResult;
  let insecureDir: string;
  beforeAll(async () => {
    insecureDir = tempProject({
      Insecure:
        'public class Insecure {\n  public static List<Account> find(String name) {\n' +
        "    return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\'');\n  }\n}\n",
    });
    temps.push(insecureDir);
    result = await checkApexPmd([PACKAGE_DIR, insecureDir]);
  });

  test('reports no severity 1-2 violation in the package', () => {
    const ours = result.findings.filter((f) => !f.file.startsWith(insecureDir));
    expect(formatFindings(ours)).toBe('');
  });

  test('reports SOQL injection in an insecure class', () => {
    const theirs = result.findings.filter((f) => f.file.startsWith(insecureDir));
    expect(theirs).toEqual([expect.objectContaining({ code: 'pmd:ApexSOQLInjection', line: 3 })]);
  });
});
