import { convertRichText } from './convert-rich-text';

const ADF = JSON.stringify({
  version: 1,
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Hi ', marks: [] },
        { type: 'mention', attrs: { id: 'a', text: '@Ann' } },
      ],
    },
  ],
});

describe('convertRichText', () => {
  it('converts ADF JSON to HTML', () => {
    expect(convertRichText(ADF, 'adf', 'html')).toEqual({ ok: true, output: '<p>Hi @Ann</p>' });
  });

  it('converts ADF JSON to text', () => {
    expect(convertRichText(ADF, 'adf', 'text')).toEqual({ ok: true, output: 'Hi @Ann' });
  });

  it('writes ADF as JSON indented by two spaces', () => {
    const result = convertRichText('<p>x</p>', 'html', 'adf');
    expect(result).toEqual({
      ok: true,
      output: JSON.stringify(
        { version: 1, type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] },
        null,
        2,
      ),
    });
  });

  it('writes HTML sanitised', () => {
    expect(convertRichText('<p onclick="x()">a<script>b</script></p>', 'html', 'html')).toEqual({
      ok: true,
      output: '<p>a</p>',
    });
  });

  it('converts text to HTML and ADF', () => {
    expect(convertRichText('a & b', 'text', 'html')).toEqual({ ok: true, output: '<p>a &amp; b</p>' });
    expect(convertRichText('a & b', 'text', 'adf').ok).toBe(true);
  });

  it('shows what survives a trip when converting a format to itself', () => {
    expect(convertRichText(ADF, 'adf', 'adf')).toEqual({
      ok: true,
      output: JSON.stringify(
        {
          version: 1,
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi @Ann' }] }],
        },
        null,
        2,
      ),
    });
  });

  it('refuses ADF input that is not JSON', () => {
    expect(convertRichText('{not json', 'adf', 'html')).toEqual({
      ok: false,
      error: {
        code: 'invalid-json',
        path: '',
        message: expect.stringMatching(/^the input is not valid JSON: /),
      },
    });
  });

  it('refuses empty ADF input, saying what it expected', () => {
    expect(convertRichText('  \n', 'adf', 'text')).toEqual({
      ok: false,
      error: { code: 'invalid-json', path: '', message: 'the input is empty; expected an ADF JSON document' },
    });
  });

  it('refuses JSON that is not ADF, naming the path', () => {
    expect(convertRichText('{"type":"doc","content":[{"content":[]}]}', 'adf', 'html')).toEqual({
      ok: false,
      error: {
        code: 'malformed-adf',
        path: '/content/0/type',
        message: 'an ADF node needs a "type" string, found nothing',
      },
    });
  });
});
