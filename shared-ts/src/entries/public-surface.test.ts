import path from 'node:path';
import ts from 'typescript';
import surface from './public-surface.json';

/**
 * Lists the names of each entry file, types included, as this test pins them: sorted, each
 * type-only name written `type Name`. Reads the files with the TypeScript compiler.
 */
function listExports(files: readonly string[]): string[][] {
  const program = ts.createProgram(
    files.map((file) => path.resolve(file)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      resolveJsonModule: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
  );
  const checker = program.getTypeChecker();
  return files.map((file) => {
    const source = program.getSourceFile(path.resolve(file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) return [`cannot read ${file}`];
    return checker
      .getExportsOfModule(moduleSymbol)
      .map((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return target.flags & ts.SymbolFlags.Value ? symbol.name : `type ${symbol.name}`;
      })
      .sort();
  });
}

/**
 * The package's entries and the file each is built from (shared-ts/package.json, "exports").
 * `internal` is not pinned: it is everything, for the harness, tests and bench.
 */
const ENTRIES: Record<keyof typeof surface, string> = {
  index: '../index.ts',
  engine: './engine.ts',
  protocol: './protocol.ts',
  replica: './replica.ts',
  rules: './rules.ts',
  lwc: './lwc.ts',
  testing: '../testing/index.ts',
};

const names = Object.keys(ENTRIES) as (keyof typeof surface)[];
const listed = listExports(names.map((name) => path.join(__dirname, ENTRIES[name])));
const actual = new Map(names.map((name, index) => [name, listed[index] ?? []]));

describe('the public surface', () => {
  it.each(names)(
    'of the %s entry is exactly the names in public-surface.json (a change to it is deliberate: update that file)',
    (name) => {
      expect(actual.get(name)).toEqual(surface[name]);
    },
  );

  it.each(names)('of the %s entry exports at run time exactly the value names the list holds', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each entry is loaded by its path, as a bundler would
    const loaded = require(path.join(__dirname, ENTRIES[name])) as Record<string, unknown>;
    const values = surface[name].filter((entry) => !entry.startsWith('type '));
    expect(Object.keys(loaded).sort()).toEqual(values);
  });

  it('keeps planners and helpers out of every adapter entry', () => {
    const adapterNames = names.filter((name) => name !== 'testing').flatMap((name) => surface[name]);
    for (const internal of [
      'planIncomingApply',
      'commitIncomingApply',
      'planOutgoingSend',
      'jsonEqual',
      'itemBytes',
    ]) {
      expect(adapterNames).not.toContain(internal);
    }
  });

  it('puts every in-memory port under the testing entry and none elsewhere', () => {
    const inMemory = (name: keyof typeof surface) =>
      surface[name].filter((entry) => entry.startsWith('InMemory'));
    expect(inMemory('testing')).toEqual([
      'InMemoryAckStore',
      'InMemoryEntityStore',
      'InMemoryInvitationStore',
      'InMemoryLinkStore',
      'InMemoryReplayCache',
      'InMemoryStatsStore',
      'InMemorySyncLog',
      'InMemoryWorkQueue',
    ]);
    for (const name of names.filter((entry) => entry !== 'testing')) expect(inMemory(name)).toEqual([]);
  });
});
