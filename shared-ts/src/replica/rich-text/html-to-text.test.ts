import { htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('separates paragraphs with a blank line and writes <br> as a line break', () => {
    expect(htmlToText('<p>one<br>two</p><h1>three</h1>')).toBe('one\ntwo\n\nthree');
  });

  it('collapses white space as a browser does', () => {
    expect(htmlToText('<p>  a \n\t  b  </p>')).toBe('a b');
  });

  it('decodes entities and never shows markup', () => {
    expect(htmlToText('<p>1 &lt; 2 &amp;&amp; &quot;x&quot; <b>bold</b></p>')).toBe('1 < 2 && "x" bold');
  });

  it('writes list items with - or their number, nested ones indented', () => {
    expect(htmlToText('<ul><li>a<ul><li>b</li></ul></li></ul><ol start="3"><li>c</li><li>d</li></ol>')).toBe(
      '- a\n  - b\n\n3. c\n4. d',
    );
  });

  it('writes quotes with > at the start of each line', () => {
    expect(htmlToText('<blockquote><p>a</p><p>b</p></blockquote>')).toBe('> a\n>\n> b');
  });

  it('keeps preformatted text exactly', () => {
    expect(htmlToText('<pre>  indented\n\tand tabbed</pre>')).toBe('  indented\n\tand tabbed');
  });

  it('writes one line per table row with cells joined by |', () => {
    expect(
      htmlToText('<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>b<p>c</p></td></tr></table>'),
    ).toBe('k | v\na | b c');
  });

  it('follows a link with its address when its text is something else', () => {
    expect(
      htmlToText(
        '<p><a href="https://x.example">the docs</a> and <a href="https://y.example">https://y.example</a></p>',
      ),
    ).toBe('the docs (https://x.example) and https://y.example');
  });

  it('does not repeat an email address or phone number after itself', () => {
    expect(
      htmlToText('<a href="mailto:ann@x.example">ann@x.example</a> <a href="tel:+15550100">+15550100</a>'),
    ).toBe('ann@x.example +15550100');
  });

  it('keeps the text of unknown tags and drops scripts and styles', () => {
    expect(htmlToText('<div>a</div><div>b<span>c</span></div><script>x()</script><style>p{}</style>')).toBe(
      'a\n\nbc',
    );
  });

  it('gives an empty string for empty HTML', () => {
    expect(htmlToText('')).toBe('');
  });
});
