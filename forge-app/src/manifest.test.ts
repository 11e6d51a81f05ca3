import path from 'node:path';
import {
  FullValidationProcessor,
  ProductTriggerValidationProcessor,
  type ManifestSchema,
} from '@forge/manifest';
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

  it('grants every scope its product triggers need, with no error and no warning', async () => {
    const result = await new ProductTriggerValidationProcessor().process(manifest);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });
});
