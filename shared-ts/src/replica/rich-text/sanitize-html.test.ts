import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { anyHtml } from '../testing/html-arbitraries';
import { MAX_HTML_DEPTH } from './html-subset';
import { sanitizeHtml } from './sanitize-html';

/** Every tag and attribute in `html`, as a browser-like parser sees them. */
function tagsIn(html: string): { tag: string; attributes: Record<string, string> }[] {
  const found: { tag: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (tag, attributes) => found.push({ tag, attributes }) });
  parser.write(html);
  parser.end();
  return found;
}

describe('sanitizeHtml', () => {
  it('keeps every tag of the subset', () => {
    const html =
      '<h2>T</h2><p>a<br><strong>b</strong><b>c</b><em>d</em><i>e</i><u>f</u><s>g</s><code>h</code></p>' +
      '<pre>x</pre><ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote>' +
      '<table><thead><tr><th>k</th></tr></thead><tbody><tr><td>v</td></tr></tbody></table>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('keeps href on links, start on ordered lists and spans on cells, and no other attribute', () => {
    expect(
      sanitizeHtml(
        '<a href="https://example.com" title="t" class="c">x</a><ol start="3" type="a"><li>y</li></ol>' +
          '<table><tr><td colspan="2" rowspan="3" width="9">z</td></tr></table>',
      ),
    ).toBe(
      '<a href="https://example.com">x</a><ol start="3"><li>y</li></ol>' +
        '<table><tr><td colspan="2" rowspan="3">z</td></tr></table>',
    );
  });

  it.each(['script', 'style', 'iframe', 'object', 'noscript', 'template', 'svg', 'title'])(
    'removes <%s> together with everything inside it',
    (tag) => {
      expect(sanitizeHtml(`<p>before<${tag}><b>inside</b>alert(1)</${tag}>after</p>`)).toBe(
        '<p>beforeafter</p>',
      );
    },
  );

  it('removes event handlers and style attributes', () => {
    expect(sanitizeHtml('<p onclick="steal()" style="color:red" onmouseover="x()">hi</p>')).toBe('<p>hi</p>');
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    '&#106;avascript:alert(1)',
    'java&Tab;script:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
  ])('unwraps a link to %s, keeping its text', (href) => {
    expect(sanitizeHtml(`<a href="${href}">click</a>`)).toBe('click');
  });

  it('unwraps a link without an address', () => {
    expect(sanitizeHtml('<a name="top">Top</a>')).toBe('Top');
  });

  it('unwraps unknown inline tags, keeping their text', () => {
    expect(sanitizeHtml('<p><span class="x">one</span> <font color="red">two</font> <sup>3</sup></p>')).toBe(
      '<p>one two 3</p>',
    );
  });

  it('turns unknown block tags into paragraphs so their text never runs together', () => {
    expect(sanitizeHtml('<div>one</div><div>two</div><section><p>three</p>four</section>')).toBe(
      '<p>one</p><p>two</p><p>three</p><p>four</p>',
    );
  });

  it('separates an unknown block inside a line with spaces', () => {
    expect(sanitizeHtml('<h1>one<div>two</div>three</h1>')).toBe('<h1>one two three</h1>');
  });

  it('turns an image into a link labelled with its alt text, or its file name', () => {
    expect(sanitizeHtml('<img src="https://example.com/a/chart.png" alt="Sales chart">')).toBe(
      '<a href="https://example.com/a/chart.png">Sales chart</a>',
    );
    expect(sanitizeHtml('<img src="https://example.com/a/chart.png?v=2">')).toBe(
      '<a href="https://example.com/a/chart.png?v=2">chart.png</a>',
    );
  });

  it('turns an image it cannot link to (data: or javascript:) into bracketed text', () => {
    expect(sanitizeHtml('<img src="data:image/png;base64,AAAA" alt="screenshot">')).toBe(
      '[image: screenshot]',
    );
    expect(sanitizeHtml('<img src="javascript:alert(1)" onerror="alert(2)">')).toBe('[image]');
  });

  it('turns an image inside a link into the link text, as links cannot nest', () => {
    expect(
      sanitizeHtml('<a href="https://example.com"><img src="https://example.com/logo.png" alt="Logo"></a>'),
    ).toBe('<a href="https://example.com">Logo</a>');
  });

  it('keeps the outer link when links are nested', () => {
    expect(sanitizeHtml('<a href="https://a.example">x<a href="https://b.example">y</a></a>')).toBe(
      '<a href="https://a.example">xy</a>',
    );
  });

  it('escapes < > & and both quotes in text and attributes', () => {
    expect(
      sanitizeHtml(
        '<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 "q" \'s\'</p><a href="https://x.example/?a=1&amp;b=&quot;2&quot;">l</a>',
      ),
    ).toBe(
      '<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;q&quot; &#39;s&#39;</p><a href="https://x.example/?a=1&amp;b=&quot;2&quot;">l</a>',
    );
  });

  it('drops comments, doctypes, CDATA and processing instructions', () => {
    expect(sanitizeHtml('<!DOCTYPE html><!-- secret --><p>a</p><![CDATA[b]]><?xml x?>')).toBe('<p>a</p>');
  });

  it('removes control characters from text', () => {
    expect(sanitizeHtml('<p>a\u0000b\u0007c</p>')).toBe('<p>abc</p>');
  });

  it('writes a paragraph that unwrapped tags left inside a paragraph apart from it', () => {
    expect(sanitizeHtml('<p>a<span><p>b</p></span>c</p>')).toBe('<p>a b c</p>');
    expect(sanitizeHtml('<ul><li>a<span><li>b</li></span></li></ul>')).toBe('<ul><li>a<p>b</p></li></ul>');
  });

  it('closes what broken HTML leaves open', () => {
    expect(sanitizeHtml('<p>a<b>b<i>c')).toBe('<p>a<b>b<i>c</i></b></p>');
  });

  it('survives nesting thousands of levels deep and keeps the text', () => {
    const deep = '<b>'.repeat(5000) + 'deep' + '</b>'.repeat(5000);
    expect(sanitizeHtml(deep)).toContain('deep');
  });

  it('unwraps elements nested more than 100 deep, keeping the text of blocks apart', () => {
    const html = '<blockquote>'.repeat(MAX_HTML_DEPTH) + '<p>a</p><div>b</div>c<br>d<b>e</b>';
    const inner = sanitizeHtml(html).replace(/<\/?blockquote>/g, '');
    expect(inner).toBe(' a  b c de');
    expect(sanitizeHtml(html).match(/<blockquote>/g)).toHaveLength(MAX_HTML_DEPTH);
  });

  it('reads 40,000 unclosed <b> and 43,690 unclosed <x> (issue #8: 42 s and 56 s) as text, once each', () => {
    expect(sanitizeHtml('<b>'.repeat(40000) + 'x')).toBe(
      '<b>'.repeat(MAX_HTML_DEPTH) + 'x' + '</b>'.repeat(MAX_HTML_DEPTH),
    );
    expect(sanitizeHtml('<x>'.repeat(43690) + 'y')).toBe('y');
  });

  it('gives an empty string for empty input', () => {
    expect(sanitizeHtml('')).toBe('');
  });

  it('never lets through a tag outside the subset, an attribute it does not allow, or an unsafe link', () => {
    const allowed: Record<string, string[]> = {
      a: ['href'],
      ol: ['start'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    };
    const subset = new Set(
      'p br strong b em i u s code pre a ul ol li h1 h2 h3 h4 h5 h6 blockquote table thead tbody tr th td'.split(
        ' ',
      ),
    );
    fc.assert(
      fc.property(anyHtml, (html) => {
        for (const { tag, attributes } of tagsIn(sanitizeHtml(html))) {
          expect(subset.has(tag)).toBe(true);
          for (const name of Object.keys(attributes)) expect(allowed[tag] ?? []).toContain(name);
          expect(attributes.href ?? '').not.toMatch(/^\s*(javascript|data|vbscript):/i);
        }
      }),
      { numRuns: 200 },
    );
  });
});
