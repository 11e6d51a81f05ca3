import { fakeIo } from './testing/fake-io';
import { main } from './main';

describe('tandem', () => {
  it('prints usage and fails when no command is given', async () => {
    const io = fakeIo();
    expect(await main([], io)).toBe(1);
    expect(io.err).toContain('usage: tandem <command>');
  });

  it('prints usage on stdout and succeeds for --help', async () => {
    const io = fakeIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out).toContain('tandem convert');
    expect(io.out).toContain('tandem rules');
  });

  it('names an unknown command', async () => {
    const io = fakeIo();
    expect(await main(['frobnicate'], io)).toBe(1);
    expect(io.err).toContain("unknown command 'frobnicate'");
  });

  it('dispatches convert to the converter', async () => {
    const io = fakeIo({ stdin: 'Hello & <world>' });
    expect(await main(['convert', '--from', 'text', '--to', 'html'], io)).toBe(0);
    expect(io.out).toContain('Hello &amp; &lt;world&gt;');
  });

  it('dispatches replica to the replica validator', async () => {
    const io = fakeIo({ stdin: '[]' });
    expect(await main(['replica', 'validate'], io)).toBe(1);
    expect(io.out).toBe('stdin: /: must be an object, found an array (type)\n1 error\n');
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'names %s as an unknown command instead of throwing',
    async (name) => {
      const io = fakeIo();
      expect(await main([name], io)).toBe(1);
      expect(io.err).toContain(`unknown command '${name}'`);
    },
  );
});
