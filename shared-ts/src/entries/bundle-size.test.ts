import path from 'node:path';

interface Bundle {
  entry: string;
  bytes: number;
  inputs: string[];
  contributors: { name: string; bytes: number }[];
  metafile: { inputs: Record<string, { imports: { path: string }[] }> };
}
interface BundleSize {
  LWC_BUNDLE_LIMIT_BYTES: number;
  measureBundle(entry: string): Promise<Bundle>;
  formatBundle(bundle: Bundle, top?: number): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS build script, shared with bench/run.mjs
const { LWC_BUNDLE_LIMIT_BYTES, measureBundle, formatBundle } = require(
  path.join(__dirname, '../../scripts/bundle-size.cjs'),
) as BundleSize;

describe('the LWC service module bundle (ESM, browser, minified)', () => {
  let lwc: Bundle;
  beforeAll(async () => {
    lwc = await measureBundle('lwc');
  });

  it('weighs under 1 MB', () => {
    expect(lwc.bytes).toBeLessThan(LWC_BUNDLE_LIMIT_BYTES);
    expect(formatBundle(lwc)).toMatch(/^lwc +\d+\.\d KiB {2}\(/);
  });

  it('pulls in no engine, protocol or CLI code', () => {
    const stray = lwc.inputs.filter((input) => /^src\/(sync|protocol|cli)\//.test(input));
    expect(stray).toEqual([]);
  });

  it('pulls in acorn only through the rules parser, which the checker needs', () => {
    const importersOfAcorn = Object.entries(lwc.metafile.inputs)
      .filter(([, { imports }]) => imports.some((imported) => imported.path.includes('node_modules/acorn/')))
      .map(([input]) => input);
    expect(importersOfAcorn).toEqual(['src/rules/checker/parse.ts']);
  });
});

describe('the engine entry bundle (ESM, browser, minified)', () => {
  let engine: Bundle;
  beforeAll(async () => {
    engine = await measureBundle('engine');
  });

  it('carries no acorn and no rules analyzer: the engine reads what it needs from the compiled rules', () => {
    expect(engine.inputs.filter((input) => input.includes('node_modules/acorn/'))).toEqual([]);
    const analyzer = ['parse', 'analyze', 'assignment-reads', 'compile', 'interpreter', 'check'];
    const stray = engine.inputs.filter((input) =>
      analyzer.some((name) => new RegExp(`^src/rules/(.*/)?${name}\\.ts$`).test(input)),
    );
    expect(stray).toEqual([]);
    // `npm run bench bundle` prints this line for every entry.
    expect(formatBundle(engine)).toMatch(/^engine +\d+\.\d KiB {2}\(/);
  });
});
