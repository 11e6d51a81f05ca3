import fc from 'fast-check';
import { exampleReplica } from '../replica/testing/example-replica';
import { fuzzRuns } from '../testing/fuzz-runs';
import { main } from './main';
import { fakeIo } from './testing/fake-io';

const FILES = {
  'rules.js': 'replica.summary = issue.summary;',
  'replica.json': JSON.stringify(exampleReplica),
  'entity.json': '{"summary": "x"}',
  'deep.json': `${'['.repeat(5000)}${']'.repeat(5000)}`,
  'bad.json': '{',
};

/** Words the commands know, and words they do not. */
const word = fc.oneof(
  fc.constantFrom(
    'convert',
    'rules',
    'replica',
    'check',
    'run',
    'compile',
    'validate',
    'help',
    '-',
    '-h',
    '--help',
  ),
  fc.constantFrom(
    '--from',
    '--to',
    '--side',
    '--direction',
    '--entity',
    '--replica',
    '--previous',
    '--connection',
  ),
  fc.constantFrom(
    '--now',
    '--engine',
    '--first-sync',
    '--from=html',
    '--side=jira',
    '--now=yesterday',
    '--x=',
  ),
  fc.constantFrom('adf', 'html', 'text', 'jira', 'salesforce', 'outgoing', 'incoming', 'ast', 'ir'),
  fc.constantFrom('2026-11-20T10:00:00Z', '2026-02-31T00:00:00Z', '__proto__', 'constructor'),
  fc.constantFrom(...Object.keys(FILES), 'missing.json'),
  fc.string({ maxLength: 12 }),
);

describe('tandem on any arguments', () => {
  it('exits 0, 1 or 2 with something said, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(word, { maxLength: 8 }),
        fc.oneof(fc.string(), fc.constant(JSON.stringify(exampleReplica))),
        async (args, stdin) => {
          const io = fakeIo({ stdin, files: FILES });
          const code = await main(args, io);
          expect([0, 1, 2]).toContain(code);
          expect(io.out.length + io.err.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('does the same for well-formed commands with one word replaced, removed or added', async () => {
    const commands = [
      [
        'rules',
        'run',
        'rules.js',
        '--side',
        'jira',
        '--direction',
        'outgoing',
        '--entity',
        'entity.json',
        '--now',
        '2026-11-20T10:00:00Z',
      ],
      ['rules', 'check', 'rules.js', '--side', 'jira', '--direction', 'outgoing'],
      ['rules', 'compile', 'rules.js', '--side', 'salesforce', '--direction', 'incoming'],
      ['replica', 'validate', 'replica.json'],
      ['convert', '--from', 'html', '--to', 'adf'],
    ];
    const changed = fc
      .tuple(fc.constantFrom(...commands), fc.nat(), fc.constantFrom('replace', 'remove', 'add'), word)
      .map(([command, at, how, other]) => {
        const index = at % command.length;
        const args = [...command];
        if (how === 'replace') args[index] = other;
        else if (how === 'remove') args.splice(index, 1);
        else args.splice(index, 0, other);
        return args;
      });
    await fc.assert(
      fc.asyncProperty(changed, async (args) => {
        const io = fakeIo({ stdin: '<p>x</p>', files: FILES });
        expect([0, 1, 2]).toContain(await main(args, io));
        expect(io.out.length + io.err.length).toBeGreaterThan(0);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
