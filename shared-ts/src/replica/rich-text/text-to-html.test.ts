import { textToHtml } from './text-to-html';

describe('textToHtml', () => {
  it('makes a paragraph of each run of lines between blank lines', () => {
    expect(textToHtml('one\ntwo\n\nthree')).toBe('<p>one<br>two</p><p>three</p>');
  });

  it('treats several blank lines, and lines of spaces, as one paragraph break', () => {
    expect(textToHtml('a\n\n\n \t\n\nb')).toBe('<p>a</p><p>b</p>');
  });

  it('accepts Windows and old Mac line ends', () => {
    expect(textToHtml('a\r\nb\r\rc')).toBe('<p>a<br>b</p><p>c</p>');
  });

  it('escapes < > & and both quotes, so markup in text stays text', () => {
    expect(textToHtml(`<b>bold</b> & "it's"`)).toBe(
      '<p>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;it&#39;s&quot;</p>',
    );
  });

  it('drops blank lines at the start and end', () => {
    expect(textToHtml('\n\n  a\n\n')).toBe('<p>  a</p>');
  });

  it('gives an empty string for empty or blank text', () => {
    expect(textToHtml('')).toBe('');
    expect(textToHtml(' \n\t\n ')).toBe('');
  });
});
