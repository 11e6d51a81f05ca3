import { compile } from './checker/compile';
import { compiledIr, formatVectorFile, withIr, type RulesVector, type RulesVectorFile } from './vector-files';

const runs: RulesVector = { name: 'runs', script: ['replica.a = 1;'], expected: { output: { a: 1 } } };
const refused: RulesVector = {
  name: 'is refused',
  script: 'eval("x")',
  expectedError: { code: 'forbidden-construct' },
};
const file: RulesVectorFile = {
  description: 'two vectors',
  side: 'jira',
  direction: 'outgoing',
  vectors: [runs, refused],
};

describe('rules vector files', () => {
  it('compiles a vector with the file defaults, and gives null for a script the check refuses', () => {
    const ir = compile('replica.a = 1;', 'jira', 'outgoing');
    expect(ir.ok && compiledIr(runs, file)).toEqual(ir.ok && ir.ir);
    expect(compiledIr(refused, file)).toBeNull();
  });

  it('places the IR right after the script and replaces an IR already there', () => {
    const vector = { ...runs, ir: null };
    const placed = withIr(withIr(vector, compiledIr(vector, file)), null);
    expect(Object.keys(placed)).toEqual(['name', 'script', 'ir', 'expected']);
    expect(placed.ir).toBeNull();
  });

  it('writes JSON that reads back as the file, each IR on its own line', () => {
    const vectors = file.vectors.map((v) => withIr(v, compiledIr(v, file)));
    const withPrograms = { ...file, vectors };
    const text = formatVectorFile(withPrograms);
    expect(JSON.parse(text)).toEqual(withPrograms);
    const irLines = text.split('\n').filter((line) => line.trimStart().startsWith('"ir"'));
    expect(irLines).toEqual([`      "ir": ${JSON.stringify(compiledIr(runs, file))},`, '      "ir": null,']);
  });
});
