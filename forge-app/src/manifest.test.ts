import path from 'node:path';
import { FullValidationProcessor, ProductTriggerValidationProcessor } from '@forge/manifest';

const root = path.resolve(__dirname, '..', '..');
const manifest = path.join(root, 'manifest.yml');

/** Runtimes Forge no longer deploys (PLATFORM.md): the validator warns when the manifest names one. */
const LINT_OPTIONS = { deprecatedRuntimes: ['nodejs18.x', 'nodejs20.x'] };

describe('manifest.yml, validated offline by @forge/manifest', () => {
  const cwd = process.cwd();
  // The validator resolves handlers and resources against the working directory, as the CLI does.
  beforeAll(() => process.chdir(root));
  afterAll(() => process.chdir(cwd));

  it('passes full validation with no error and no warning', async () => {
    const result = await new FullValidationProcessor(LINT_OPTIONS).process(manifest);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('grants every scope its product triggers need, with no error and no warning', async () => {
    const result = await new ProductTriggerValidationProcessor().process(manifest);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });
});
