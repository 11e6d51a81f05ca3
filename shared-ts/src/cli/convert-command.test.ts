import { fakeIo } from './testing/fake-io';
import { convertCommand, CONVERT_USAGE } from './convert-command';

describe('tandem convert', () => {
  it('converts HTML on stdin to ADF on stdout as indented JSON', async () => {
    const io = fakeIo({ stdin: '<p>Hello <b>world</b></p>' });
    expect(await convertCommand(['--from', 'html', '--to', 'adf'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({
      version: 1,
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Hello ' },
            { type: 'text', text: 'world', marks: [{ type: 'strong' }] },
          ],
        },
      ],
    });
    expect(io.out).toContain('\n  "type": "doc"');
    expect(io.err).toBe('');
  });

  it('converts ADF to text, ending the output with a line feed', async () => {
    const io = fakeIo({
      stdin:
        '{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Hi"}]}]}',
    });
    expect(await convertCommand(['--from', 'adf', '--to', 'text'], io)).toBe(0);
    expect(io.out).toBe('Hi\n');
  });

  it('accepts --from=X and --to=X', async () => {
    const io = fakeIo({ stdin: 'a < b' });
    expect(await convertCommand(['--to=html', '--from=text'], io)).toBe(0);
    expect(io.out).toBe('<p>a &lt; b</p>\n');
  });

  it('prints its usage on stdout for --help', async () => {
    const io = fakeIo();
    expect(await convertCommand(['--help'], io)).toBe(0);
    expect(io.out).toBe(CONVERT_USAGE);
  });

  it.each([
    [[], 'missing --from'],
    [['--from', 'html'], 'missing --to'],
    [['--from', 'markdown', '--to', 'html'], "unknown format 'markdown' for --from; use adf, html or text"],
    [['--from', 'html', '--to'], '--to needs a value: adf, html or text'],
    [['--from', 'html', '--from', 'text', '--to', 'adf'], '--from is given twice'],
    [['--from', 'html', '--to', 'adf', 'extra'], "unexpected argument 'extra'"],
  ])('exits 1 with the problem and the usage for %j', async (args, problem) => {
    const io = fakeIo({ stdin: 'x' });
    expect(await convertCommand(args, io)).toBe(1);
    expect(io.err).toBe(`tandem convert: ${problem}\n\n${CONVERT_USAGE}`);
    expect(io.out).toBe('');
  });

  it('exits 1 naming the problem when ADF input is not JSON', async () => {
    const io = fakeIo({ stdin: '<p>not json</p>' });
    expect(await convertCommand(['--from', 'adf', '--to', 'html'], io)).toBe(1);
    expect(io.err).toMatch(/^tandem convert: invalid-json: the input is not valid JSON: .+\n$/);
    expect(io.out).toBe('');
  });

  it('exits 1 naming the path when ADF input is malformed', async () => {
    const io = fakeIo({
      stdin: '{"version":1,"type":"doc","content":[{"type":"paragraph","content":"oops"}]}',
    });
    expect(await convertCommand(['--from', 'adf', '--to', 'html'], io)).toBe(1);
    expect(io.err).toBe(
      'tandem convert: malformed-adf: "content" of a paragraph node must be an array, found "oops" (at /content/0/content)\n',
    );
  });

  it('exits 1 when stdin cannot be read', async () => {
    const io = fakeIo({ stdin: new Error('EIO') });
    expect(await convertCommand(['--from', 'text', '--to', 'html'], io)).toBe(1);
    expect(io.err).toBe('tandem convert: cannot read stdin: EIO\n');
  });
});
