import { exampleReplica } from '../replica/testing/example-replica';
import { replicaCommand } from './replica-command';
import { fakeIo } from './testing/fake-io';

const VALID = JSON.stringify(exampleReplica);

describe('tandem replica validate', () => {
  it('confirms a valid replica in one line and succeeds', async () => {
    const io = fakeIo({ files: { 'replica.json': VALID } });
    expect(await replicaCommand(['validate', 'replica.json'], io)).toBe(0);
    expect(io.out).toBe('replica.json: a valid Replica v1 of jira issue 10042, seq 17, its hash right\n');
    expect(io.err).toBe('');
  });

  it('reads standard input for - and when no FILE is given', async () => {
    for (const args of [['validate', '-'], ['validate']]) {
      const io = fakeIo({ stdin: VALID });
      expect(await replicaCommand(args, io)).toBe(0);
      expect(io.out).toMatch(/^stdin: a valid Replica v1/);
    }
  });

  it('prints each problem with its JSON pointer and the rule it breaks, then a count, and fails', async () => {
    const broken = {
      ...exampleReplica,
      seq: -1,
      created: '2026-02-31T00:00:00Z',
      entity: { ...exampleReplica.entity, url: 'javascript:alert(1)' },
    };
    const io = fakeIo({ files: { 'broken.json': JSON.stringify(broken) } });
    expect(await replicaCommand(['validate', 'broken.json'], io)).toBe(1);
    expect(io.out.split('\n').sort()).toEqual(
      [
        '',
        '3 errors',
        'broken.json: /created: must be a day that exists, found "2026-02-31T00:00:00Z" (date)',
        'broken.json: /entity/url: must be an http or https URL such as https://acme.atlassian.net/browse/SUP-42, found "javascript:alert(1)" (pattern)',
        'broken.json: /seq: must be at least 0, found -1 (minimum)',
      ].sort(),
    );
  });

  it('refuses a replica whose hash is not the hash of its content, saying which it should be', async () => {
    const io = fakeIo({
      files: { 'r.json': JSON.stringify({ ...exampleReplica, summary: 'edited by hand' }) },
    });
    expect(await replicaCommand(['validate', 'r.json'], io)).toBe(1);
    expect(io.out).toMatch(
      /^r\.json: \/hash: must be the hash of the content, [0-9a-f]{64}; found c8a04ad5.* \(hash\)\n1 error\n$/,
    );
  });

  it('reports a replica nested 6,000 levels deep with one depth error', async () => {
    const deep = VALID.replace('"custom":{', `"custom":{"x":${'['.repeat(6000)}${']'.repeat(6000)},`);
    const io = fakeIo({ stdin: deep });
    expect(await replicaCommand(['validate'], io)).toBe(1);
    expect(io.out).toMatch(
      /is nested more than 256 levels deep: a replica may nest at most 256 levels \(depth\)\n1 error\n$/,
    );
  });

  it('says when the input is not JSON', async () => {
    const io = fakeIo({ stdin: '{"schema": 1,' });
    expect(await replicaCommand(['validate'], io)).toBe(1);
    expect(io.out).toMatch(/^stdin: not JSON: .+ \(json\)\n1 error\n$/);
  });

  it.each([
    [[], 'missing subcommand (validate)'],
    [['check', 'r.json'], "unknown subcommand 'check'"],
    [['validate', '--strict', 'r.json'], "unknown option --strict for 'validate'"],
    [['validate', 'a.json', 'b.json'], 'expected at most one FILE, got a.json b.json'],
  ])('refuses %j as a usage mistake, with the usage', async (args, message) => {
    const io = fakeIo();
    expect(await replicaCommand(args, io)).toBe(1);
    expect(io.err).toMatch(
      new RegExp(
        `^tandem replica: ${message.replace(/[[\]()|]/g, '\\$&')}\n\nusage: tandem replica validate`,
      ),
    );
  });

  it('names a file it cannot read', async () => {
    const io = fakeIo();
    expect(await replicaCommand(['validate', 'missing.json'], io)).toBe(1);
    expect(io.err).toBe('tandem replica: cannot read missing.json: no such file\n');
  });

  it('prints its usage for --help', async () => {
    const io = fakeIo();
    expect(await replicaCommand(['--help'], io)).toBe(0);
    expect(io.out).toContain('usage: tandem replica validate [FILE|-]');
  });
});
