import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatFindings } from './check-result';
import {
  buildVectorResources,
  checkVectorResources,
  CONFORMANCE_DIR,
  vectorResourceName,
  writeVectorResources,
} from './vector-resources';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Two small vector folders and an empty resources folder, in a temp directory. */
function sandbox(): { conformance: string; resources: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'tandem-vector-resources-'));
  temps.push(root);
  const conformance = path.join(root, 'conformance');
  for (const folder of ['next-retry-delay', 'canonical-json']) {
    cpSync(path.join(CONFORMANCE_DIR, folder), path.join(conformance, folder), { recursive: true });
  }
  return { conformance, resources: path.join(root, 'staticresources') };
}

test('the static resources hold the current vectors (run npm run vectors:salesforce when this fails)', () => {
  expect(formatFindings(checkVectorResources().findings)).toBe('');
});

test('resource names follow docs/conformance.md', () => {
  expect(vectorResourceName('plan-outgoing-send')).toBe('Conformance_plan_outgoing_send');
});

test('the same vectors give the same zip bytes', () => {
  const { conformance } = sandbox();
  const first = buildVectorResources(conformance).map((r) => Buffer.from(r.zip).toString('base64'));
  const second = buildVectorResources(conformance).map((r) => Buffer.from(r.zip).toString('base64'));
  expect(second).toEqual(first);
});

test('written resources pass the check', () => {
  const { conformance, resources } = sandbox();
  writeVectorResources(conformance, resources);
  expect(checkVectorResources(conformance, resources).findings).toEqual([]);
});

test('vectors in a sub-folder are packed under their relative path', () => {
  const { conformance, resources } = sandbox();
  cpSync(path.join(conformance, 'canonical-json'), path.join(conformance, 'next-retry-delay', 'nested'), {
    recursive: true,
  });
  const [, retry] = buildVectorResources(conformance);
  expect([...(retry?.files.keys() ?? [])]).toEqual(expect.arrayContaining(['nested/empty-containers.json']));
  writeVectorResources(conformance, resources);
  writeFileSync(path.join(conformance, 'next-retry-delay', 'nested', 'empty-containers.json'), '{}\n');
  expect(checkVectorResources(conformance, resources).findings.map((f) => f.message)).toEqual([
    'vectors changed in next-retry-delay: nested/empty-containers.json: run npm run vectors:salesforce',
  ]);
});

test('a changed vector makes its resource stale, naming the file', () => {
  const { conformance, resources } = sandbox();
  writeVectorResources(conformance, resources);
  writeFileSync(
    path.join(conformance, 'next-retry-delay', 'first-attempt-at-half.json'),
    '{"changed": true}\n',
  );
  expect(checkVectorResources(conformance, resources).findings).toEqual([
    expect.objectContaining({
      code: 'vectors-stale',
      message: expect.stringContaining('vectors changed in next-retry-delay: first-attempt-at-half.json'),
    }),
  ]);
});

test('a new vector folder without a resource, and a resource without a folder, are stale', () => {
  const { conformance, resources } = sandbox();
  writeVectorResources(conformance, resources);
  cpSync(path.join(CONFORMANCE_DIR, 'rich-text'), path.join(conformance, 'rich-text'), { recursive: true });
  rmSync(path.join(conformance, 'canonical-json'), { recursive: true });
  const messages = checkVectorResources(conformance, resources).findings.map((f) => f.message);
  expect(messages).toEqual([
    'no vector folder for this resource: run npm run vectors:salesforce',
    'missing: the vectors of rich-text have no static resource: run npm run vectors:salesforce',
  ]);
});
