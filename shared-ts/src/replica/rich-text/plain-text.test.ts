import { htmlToText, MAX_TEXT_PREFIX, textToHtml } from './plain-text';

describe('htmlToText', () => {
  it('separates paragraphs with a blank line and writes <br> as a line break', () => {
    expect(htmlToText('<p>one<br>two</p><h1>three</h1>')).toBe('one\ntwo\n\nthree');
  });

  it('collapses white space as a browser does', () => {
    expect(htmlToText('<p>  a \n\t  b  </p>')).toBe('a b');
  });

  it('decodes entities and never shows markup', () => {
    expect(htmlToText('<p>1 &lt; 2 &amp;&amp; &quot;x&quot; <b>bold</b> &copy;&hellip;</p>')).toBe(
      '1 < 2 && "x" bold ©…',
    );
  });

  it('writes list items with - or their number, nested ones indented', () => {
    expect(htmlToText('<ul><li>a<ul><li>b</li></ul></li></ul><ol start="3"><li>c</li><li>d</li></ol>')).toBe(
      '- a\n  - b\n\n3. c\n4. d',
    );
    expect(htmlToText('<ol><li>one<ol><li>sub</li><li>sub2</li></ol></li><li>two</li></ol>')).toBe(
      '1. one\n   1. sub\n   2. sub2\n2. two',
    );
  });

  it('starts the first paragraph of an item on the line of its marker, and an empty item is its marker', () => {
    expect(htmlToText('<ul><li><p>a</p><p>b</p></li><li></li><li><ul><li>c</li></ul></li></ul>')).toBe(
      '- a\n  b\n-\n-\n  - c',
    );
  });

  it('closes a list item at the next one when its close tag is missing', () => {
    expect(htmlToText('<ol><li>a<li>b</ol>after')).toBe('1. a\n2. b\n\nafter');
  });

  it('writes quotes with > at the start of each line', () => {
    expect(htmlToText('<blockquote><p>a</p><p>b</p></blockquote><p>c</p>')).toBe('> a\n>\n> b\n\nc');
  });

  it('keeps preformatted text exactly, so a stack trace stays multi-line', () => {
    expect(htmlToText('<pre>  indented\n\tand tabbed</pre>')).toBe('  indented\n\tand tabbed');
    expect(
      htmlToText(
        '<p>Error:</p><pre>java.lang.NullPointerException\n    at a.B.c(B.java:10)\n\n\n    at a.Main(Main.java:3)\n</pre><p>after</p>',
      ),
    ).toBe(
      'Error:\n\njava.lang.NullPointerException\n    at a.B.c(B.java:10)\n\n\n    at a.Main(Main.java:3)\n\nafter',
    );
  });

  it('writes one line per table row with cells joined by |', () => {
    expect(
      htmlToText('<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>b<p>c</p></td></tr></table>'),
    ).toBe('k | v\na | b c');
    expect(htmlToText('<table><tr><td></td><td>x</td><td></td><td>y</td></tr></table>')).toBe(' | x | | y');
  });

  it('follows a link with its address when its text is something else', () => {
    expect(
      htmlToText(
        '<p><a href="https://x.example">the docs</a> and <a href="https://y.example">https://y.example</a></p>',
      ),
    ).toBe('the docs (https://x.example) and https://y.example');
    expect(htmlToText('see <a href="https://x.example/?a=1&amp;b=2"></a>')).toBe(
      'see https://x.example/?a=1&b=2',
    );
  });

  it('shows no address for an unsafe link', () => {
    expect(htmlToText('<a href="javascript:alert(1)">click</a>')).toBe('click');
  });

  it('does not repeat an email address or phone number after itself', () => {
    expect(
      htmlToText('<a href="mailto:ann@x.example">ann@x.example</a> <a href="tel:+15550100">+15550100</a>'),
    ).toBe('ann@x.example +15550100');
  });

  it('writes an image as its alt text (else its file name) and address', () => {
    expect(
      htmlToText('<img src="https://x.example/a.png" alt="shot"> <img src="https://x.example/b.png">'),
    ).toBe('shot (https://x.example/a.png) b.png (https://x.example/b.png)');
    expect(htmlToText('<img src="javascript:x" alt="bad"><img>')).toBe('[image: bad][image]');
  });

  it('keeps the text of unknown tags and drops scripts, styles and embedded documents', () => {
    expect(
      htmlToText(
        '<div>a</div><div>b<span>c</span></div><script>x("</p>")</script><style>p{}</style><svg><text>t</text></svg> d',
      ),
    ).toBe('a\nbc\nd');
  });

  it('stops growing the line prefix at MAX_TEXT_PREFIX', () => {
    const deep = '<blockquote>'.repeat(60) + 'x<br>y';
    const lines = htmlToText(deep).split('\n');
    expect(lines[1]).toBe('> '.repeat(MAX_TEXT_PREFIX / 2) + 'y');
  });

  it('stops once the text is longer than the limit', () => {
    const text = htmlToText('<p>a</p>'.repeat(1000), 10);
    expect(text.length).toBeGreaterThan(10);
    expect(text.length).toBeLessThan(20);
  });

  it('gives an empty string for empty HTML', () => {
    expect(htmlToText('')).toBe('');
  });
});

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

  it('escapes < > & and both quotes, so markup in text stays text, and removes control characters', () => {
    expect(textToHtml(`<b>bold</b> & "it's"\u0001`)).toBe(
      '<p>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;it&#39;s&quot;</p>',
    );
  });

  it('drops blank lines at the start and end', () => {
    expect(textToHtml('\n\n  a\n\n')).toBe('<p>  a</p>');
  });

  it('gives an empty string for empty or blank text', () => {
    expect(textToHtml('')).toBe('');
    expect(textToHtml(' \t ')).toBe('');
    expect(textToHtml(' \n\t\n ')).toBe('');
  });
});
