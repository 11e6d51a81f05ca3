import path from 'node:path';
import {
  FullValidationProcessor,
  ProductTriggerValidationProcessor,
  type ManifestSchema,
} from '@forge/manifest';
import { LINK_PROPERTY, linkProperty } from './jira/issue-link-property';
import { FORGE_ENTITIES } from './store';

const root = path.resolve(__dirname, '..', '..');
const manifest = path.join(root, 'manifest.yml');

/** Runtimes Forge no longer deploys (PLATFORM.md): the validator warns when the manifest names one. */
const LINT_OPTIONS = { deprecatedRuntimes: ['nodejs18.x', 'nodejs20.x'] };

describe('manifest.yml, validated offline by @forge/manifest', () => {
  const cwd = process.cwd();
  // The validator resolves handlers and resources against the working directory, as the CLI does.
  beforeAll(() => process.chdir(root));
  afterAll(() => process.chdir(cwd));

  it('passes full validation with no error and no warning, declaring the entities the stores use', async () => {
    const result = await new FullValidationProcessor(LINT_OPTIONS).process(manifest);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
    const typed = result.manifestObject?.typedContent as ManifestSchema | undefined;
    expect(typed?.app.storage?.entities).toEqual(FORGE_ENTITIES);
  });

  it('indexes the issue property the Jira adapter writes, by paths its value has', async () => {
    const result = await new FullValidationProcessor(LINT_OPTIONS).process(manifest);
    const typed = result.manifestObject?.typedContent as ManifestSchema | undefined;
    const indexed = (typed?.modules?.['jira:entityProperty'] ?? []) as {
      propertyKey: string;
      values: { path: string }[];
    }[];
    expect(indexed.map((module) => module.propertyKey)).toEqual([LINK_PROPERTY]);
    const written = linkProperty({ platform: 'salesforce', type: 'Case', id: '500A', key: '00001026' });
    for (const value of indexed[0]?.values ?? []) expect(Object.keys(written)).toContain(value.path);
    // The index has no boolean type: every indexed value the adapter writes is a string.
    for (const value of indexed[0]?.values ?? [])
      expect(typeof written[value.path as keyof typeof written]).toBe('string');
  });

  it('grants every scope its product triggers need, with no error and no warning', async () => {
    const result = await new ProductTriggerValidationProcessor().process(manifest);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });
});
