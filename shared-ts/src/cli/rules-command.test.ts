import { fakeIo } from './testing/fake-io';
import { rulesCommand, RULES_USAGE } from './rules-command';

const OUTGOING = ['--side', 'jira', '--direction', 'outgoing'];

describe('tandem rules check', () => {
  it('prints FILE:LINE:COL: severity: message with the hint, and fails on errors', async () => {
    const io = fakeIo({ files: { 'rules.js': 'replica.summary = isue.summary;\n' } });
    expect(await rulesCommand(['check', 'rules.js', ...OUTGOING], io)).toBe(1);
    expect(io.out).toBe(
      'rules.js:1:19: error: Unknown variable `isue`. (hint: did you mean `issue`?)\n1 error, 0 warnings\n',
    );
  });

  it('succeeds with warnings only', async () => {
    const io = fakeIo({ files: { 'rules.js': 'replica.summry = issue.summary;' } });
    expect(await rulesCommand(['check', 'rules.js', ...OUTGOING], io)).toBe(0);
    expect(io.out).toContain(
      'rules.js:1:9: warning: `replica` has no field `summry`. (hint: did you mean `summary`?)',
    );
    expect(io.out).toContain('0 errors, 1 warning');
  });

  it('says so when a script is clean', async () => {
    const io = fakeIo({ files: { 'rules.js': 'replica.summary = issue.summary;' } });
    expect(await rulesCommand(['check', 'rules.js', '--side=jira', '--direction=outgoing'], io)).toBe(0);
    expect(io.out).toBe('rules.js: no problems found\n');
  });

  it('reads the script from standard input for -', async () => {
    const io = fakeIo({ stdin: 'while (true) {}' });
    expect(await rulesCommand(['check', '-', ...OUTGOING], io)).toBe(1);
    expect(io.out).toContain('-:1:1: error: `while` loops are not available.');
  });
});

describe('tandem rules run', () => {
  const files = {
    'out.js': 'replica.summary = issue.summary;\nreplica.custom.first = firstSync;',
    'in.js': "entity.Subject = replica.summary;\nentity.Note__c = previous?.summary ?? 'new';",
    'issue.json': '{"summary": "Printer on fire"}',
    'replica.json': '{"summary": "From Jira"}',
    'previous.json': '{"summary": "Before"}',
    'bad.json': '{"summary": ',
    'list.json': '[1]',
    'fails.js': 'replica.summary = issue.assignee.email;',
    'now.js': 'replica.summary = date.now();',
  };

  it('prints the replica an outgoing script builds, from the empty replica the engine starts from', async () => {
    const io = fakeIo({ files });
    expect(
      await rulesCommand(['run', 'out.js', ...OUTGOING, '--entity', 'issue.json', '--first-sync'], io),
    ).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({
      summary: 'Printer on fire',
      description: null,
      status: null,
      labels: [],
      custom: { first: true },
      comments: [],
      attachments: [],
    });
    expect(io.err).toBe('');
  });

  it.each(['ast', 'ir'])(
    'fails an outgoing result that is not a valid replica with its path and reason (%s engine)',
    async (engine) => {
      const io = fakeIo({ files: { 'n.js': 'replica.summary = 42;' } });
      expect(await rulesCommand(['run', 'n.js', ...OUTGOING, '--engine', engine], io)).toBe(2);
      expect(JSON.parse(io.out)).toMatchObject({ summary: 42 });
      expect(io.err).toBe(
        'n.js: error: The outgoing rules built an invalid replica (/summary: must be a string or null, ' +
          'found the integer 42); fix the outgoing rules, then retry. [schema]\n',
      );
    },
  );

  it('fails an outgoing result that drops a field the replica requires', async () => {
    const io = fakeIo({ files: { 'drop.js': "replica.status = { category: 'done' };" } });
    expect(await rulesCommand(['run', 'drop.js', ...OUTGOING], io)).toBe(2);
    expect(io.err).toContain('/status');
  });

  it('gives the outgoing rules firstSync only with --first-sync, as the engine does before the first send', async () => {
    const io = fakeIo({ files: { 'f.js': 'replica.custom.first = firstSync;' } });
    expect(await rulesCommand(['run', 'f.js', ...OUTGOING], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ custom: { first: false } });
  });

  it('prints the entity an incoming script leaves, with either engine', async () => {
    for (const engine of ['ast', 'ir']) {
      const io = fakeIo({ files });
      const args = [
        'run',
        'in.js',
        '--side',
        'salesforce',
        '--direction',
        'incoming',
        '--replica',
        'replica.json',
      ];
      expect(await rulesCommand([...args, '--previous', 'previous.json', '--engine', engine], io)).toBe(0);
      expect(JSON.parse(io.out)).toEqual({ Subject: 'From Jira', Note__c: 'Before' });
    }
  });

  it('exits 2 with a located message on a runtime error', async () => {
    const io = fakeIo({ files });
    expect(await rulesCommand(['run', 'fails.js', ...OUTGOING], io)).toBe(2);
    expect(io.err).toBe(
      "fails.js:1:34: error: Can't read `email` of null; use `?.` where the value may be empty. [null-access]\n",
    );
    expect(io.out).toBe('');
  });

  it('exits 1 without running when the check finds errors', async () => {
    const io = fakeIo({ files: { 'x.js': 'replica.summary = isue;' } });
    expect(await rulesCommand(['run', 'x.js', ...OUTGOING], io)).toBe(1);
    expect(io.err).toContain('x.js:1:19: error: Unknown variable `isue`.');
    expect(io.out).toBe('');
  });

  it('passes --now to date.now()', async () => {
    const io = fakeIo({ files });
    expect(await rulesCommand(['run', 'now.js', ...OUTGOING, '--now', '2024-01-02T03:04:05Z'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ summary: '2024-01-02T03:04:05.000Z' });
  });

  it('refuses an input file that is not JSON, or not an object', async () => {
    const bad = fakeIo({ files });
    expect(await rulesCommand(['run', 'out.js', ...OUTGOING, '--entity', 'bad.json'], bad)).toBe(1);
    expect(bad.err).toContain('--entity bad.json is not valid JSON');
    const list = fakeIo({ files });
    expect(await rulesCommand(['run', 'out.js', ...OUTGOING, '--entity', 'list.json'], list)).toBe(1);
    expect(list.err).toContain('--entity list.json must hold a JSON object');
  });
});

describe('tandem rules compile', () => {
  it('prints the IR as compact JSON on one line', async () => {
    const io = fakeIo({ files: { 'out.js': 'replica.summary = issue.summary;' } });
    expect(await rulesCommand(['compile', 'out.js', ...OUTGOING], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ irVersion: 1, side: 'jira', direction: 'outgoing', slots: 0 });
    expect(io.out).toBe(`${JSON.stringify(JSON.parse(io.out))}\n`);
  });

  it('indents the IR with --pretty', async () => {
    const io = fakeIo({ files: { 'out.js': 'replica.summary = issue.summary;' } });
    expect(await rulesCommand(['compile', 'out.js', ...OUTGOING, '--pretty'], io)).toBe(0);
    expect(io.out).toBe(`${JSON.stringify(JSON.parse(io.out), null, 2)}\n`);
  });

  it('prints the diagnostics and fails when the script has errors', async () => {
    const io = fakeIo({ files: { 'out.js': 'function f() {}' } });
    expect(await rulesCommand(['compile', 'out.js', ...OUTGOING], io)).toBe(1);
    expect(io.err).toContain('out.js:1:1: error: Functions cannot be declared in rules.');
  });
});

describe('tandem rules usage', () => {
  it.each([
    [[], 'missing subcommand'],
    [['lint', 'a.js', ...OUTGOING], "unknown subcommand 'lint'"],
    [['check', ...OUTGOING], 'missing FILE'],
    [['check', 'a.js', 'b.js', ...OUTGOING], 'expected one FILE'],
    [['check', 'a.js', '--side', 'zendesk', '--direction', 'outgoing'], '--side must be jira or salesforce'],
    [['check', 'a.js', '--side', 'jira'], '--direction must be outgoing or incoming'],
    [['check', 'a.js', ...OUTGOING, '--entity', 'x.json'], "unknown option --entity for 'check'"],
    [['run', 'a.js', ...OUTGOING, '--engine', 'fast'], '--engine must be ast or ir'],
    [['run', 'a.js', ...OUTGOING, '--entity'], '--entity needs a value'],
    [['run', 'a.js', ...OUTGOING, '--pretty'], "unknown option --pretty for 'run'"],
    [['compile', 'a.js', ...OUTGOING, '--pretty=yes'], '--pretty takes no value'],
  ])('refuses %j: %s', async (args, message) => {
    const io = fakeIo({ files: { 'a.js': '' } });
    expect(await rulesCommand(args, io)).toBe(1);
    expect(io.err).toContain(message);
    expect(io.err).toContain('usage: tandem rules check FILE');
  });

  it('names a file it cannot read', async () => {
    const io = fakeIo();
    expect(await rulesCommand(['check', 'missing.js', ...OUTGOING], io)).toBe(1);
    expect(io.err).toBe('tandem rules: cannot read missing.js: no such file\n');
  });

  it('prints its usage for --help', async () => {
    const io = fakeIo();
    expect(await rulesCommand(['--help'], io)).toBe(0);
    expect(io.out).toContain('tandem rules run FILE');
  });
});

describe('tandem rules: every flag is checked before anything runs', () => {
  const files = { 'now.js': 'replica.summary = date.now();', 'e.json': '{}' };

  it.each([
    [
      ['--now', 'yesterday'],
      '--now must be a UTC time that exists, such as 2026-11-20T10:00:00Z; got "yesterday"',
    ],
    [
      ['--now', '2026-02-31T10:00:00Z'],
      '--now must be a UTC time that exists, such as 2026-11-20T10:00:00Z; got "2026-02-31T10:00:00Z"',
    ],
    [['--now'], '--now needs a value'],
    [['--now='], '--now needs a value'],
    [['--entity', '--first-sync'], '--entity needs a value'],
    [['--side', 'salesforce'], '--side is given twice'],
    [['--entity', 'e.json', '--entity', 'e.json'], '--entity is given twice'],
    [['--first-sync', '--first-sync'], '--first-sync is given twice'],
    [['--first-sync=no'], '--first-sync takes no value'],
    [['--engine', 'jit'], '--engine must be ast or ir'],
    [['--verbose'], "unknown option --verbose for 'run'"],
    [['-v'], "unknown option -v for 'run'"],
  ])('refuses %j as a usage mistake (exit 1), not as a failure of the script', async (extra, message) => {
    const io = fakeIo({ files });
    expect(await rulesCommand(['run', 'now.js', ...OUTGOING, ...extra], io)).toBe(1);
    expect(io.err).toBe(`tandem rules: ${message}\n\n${RULES_USAGE}`);
    expect(io.out).toBe('');
  });

  it('takes a --now that exists and gives it to the script as date.now()', async () => {
    const io = fakeIo({ files });
    expect(await rulesCommand(['run', 'now.js', ...OUTGOING, '--now', '2026-11-20T10:00:00Z'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ summary: expect.stringMatching(/^2026-11-20T10:00:00/) });
  });

  it('refuses an input file nested deeper than a replica may be', async () => {
    const io = fakeIo({ files: { ...files, 'deep.json': `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` } });
    expect(await rulesCommand(['run', 'now.js', ...OUTGOING, '--entity', 'deep.json'], io)).toBe(1);
    expect(io.err).toMatch(
      /^tandem rules: --entity deep\.json: \/a(\/0)+ is nested more than 256 levels deep\n$/,
    );
  });
});
