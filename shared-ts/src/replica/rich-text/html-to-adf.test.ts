import fc from 'fast-check';
import { adfSchemaErrors } from '../testing/adf-schema';
import { anyHtml } from '../testing/html-arbitraries';
import { adfToHtml } from './adf-to-html';
import { htmlToAdf, MAX_LIST_NESTING } from './html-to-adf';
import { htmlToText as textOfHtml } from './plain-text';
import { MAX_ADF_DEPTH } from './read-adf';

/** The text of the HTML as it comes back from ADF (`tandem convert --from html --to adf`, then to text). */
const htmlToText = (html: string): string => {
  const back = adfToHtml(htmlToAdf(html));
  return back.ok ? textOfHtml(back.html) : `(${back.error.message})`;
};
const doc = (...content: unknown[]): unknown => ({ version: 1, type: 'doc', content });
const p = (...content: unknown[]): unknown => ({ type: 'paragraph', content });
const text = (value: string, ...marks: unknown[]): unknown =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };

/** HTML that real senders write or hostile ones try, each checked against Atlassian's ADF schema. */
const CORPUS = [
  '',
  'plain text',
  '<p>Hello <strong>bold <em>both</em></strong> <u>u</u> <s>s</s> <code>c</code> <a href="https://x.example">l</a></p>',
  '<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>',
  '<ul><li>a<ul><li>b<ol start="0"><li>c</li></ol></li></ul></li></ul>',
  '<ul><li><ul><li>starts with a list</li></ul></li></ul>',
  '<ul><li><pre>code first</pre></li><li><h2>heading in item</h2></li><li><blockquote>quote in item</blockquote></li></ul>',
  '<ul><li>a</li><ul><li>list directly inside a list</li></ul>stray text</ul>',
  '<ol></ol><ul> </ul><ul>only text</ul>',
  '<blockquote><h1>T</h1><p>q</p><blockquote>nested</blockquote><ul><li>x</li></ul><pre>y</pre><table><tr><td>t</td></tr></table></blockquote>',
  '<table><thead><tr><th>H1</th><th colspan="2">H2</th></tr></thead><tbody><tr><td rowspan="2">a</td><td>b</td></tr></tbody></table>',
  '<table><tr><td><table><tr><td>nested table</td></tr></table></td></tr></table>',
  '<table><tr><td><h1>h</h1><blockquote>q</blockquote><ul><li>l</li></ul><pre>p</pre></td></tr></table>',
  '<table>loose<td>cell</td><tr></tr><tr><td></td></tr></table>',
  '<table></table><table> </table>',
  '<tr><td>row outside a table</td></tr><li>item outside a list</li><td>cell</td>',
  '<pre><code>line 1\n  line 2 &lt;tag&gt;</code></pre><pre></pre>',
  '<p><strong><code>bold code</code></strong><a href="https://x.example"><code>linked code</code></a></p>',
  '<strong><p>bold paragraph</p><ul><li>bold item</li></ul></strong>',
  '<h1><ul><li>list in heading</li></ul>after</h1>',
  '<p>a<br>b<br><br></p><br>',
  '<p> </p><p></p>',
  '<p>spaces   and\n\tnewlines  </p>',
  '<img src="https://x.example/i.png"><img src="data:image/png;base64,AA">',
  '<script>alert(1)</script><iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">x</a>',
  '<div><div>deep <span>inline</span></div><section>block</section></div>',
  '<a href="https://x.example"><h1>heading in link</h1></a>',
  '<b>' + 'nested '.repeat(3) + '<i>'.repeat(150) + 'deep' + '</i>'.repeat(150) + '</b>',
  '<p>&nbsp;</p><p>&amp;&lt;&gt;&quot;&#39;</p>',
];

describe('htmlToAdf', () => {
  it.each(CORPUS)('writes ADF that Atlassian’s schema accepts for %j', (html) => {
    expect(adfSchemaErrors(htmlToAdf(html))).toEqual([]);
  });

  it('writes ADF that Atlassian’s schema accepts for any HTML at all', () => {
    fc.assert(
      fc.property(anyHtml, (html) => {
        expect(adfSchemaErrors(htmlToAdf(html))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('maps formatting tags to marks in a fixed order, b and i like strong and em', () => {
    expect(htmlToAdf('<p><i><b>x</b></i> <u><s>y</s></u></p>')).toEqual(
      doc(
        p(
          text('x', { type: 'strong' }, { type: 'em' }),
          text(' '),
          text('y', { type: 'underline' }, { type: 'strike' }),
        ),
      ),
    );
  });

  it('maps a link to a link mark on its text', () => {
    expect(htmlToAdf('<p><a href="https://x.example/a?b=1">go <b>now</b></a></p>')).toEqual(
      doc(
        p(
          text('go ', { type: 'link', attrs: { href: 'https://x.example/a?b=1' } }),
          text('now', { type: 'link', attrs: { href: 'https://x.example/a?b=1' } }, { type: 'strong' }),
        ),
      ),
    );
  });

  it('keeps only the link with inline code, because ADF allows no other mark with code', () => {
    expect(htmlToAdf('<p><a href="https://x.example"><b><code>c</code></b></a></p>')).toEqual(
      doc(p(text('c', { type: 'link', attrs: { href: 'https://x.example' } }, { type: 'code' }))),
    );
  });

  it('collapses white space as a browser does and trims it at line ends', () => {
    expect(htmlToAdf('<p>  a \n\t b <br>  c  </p>')).toEqual(
      doc(p(text('a b'), { type: 'hardBreak' }, text('c'))),
    );
  });

  it('joins neighbouring text with the same marks', () => {
    expect(htmlToAdf('<p><b>a</b><strong>b</strong>c</p>')).toEqual(
      doc(p(text('ab', { type: 'strong' }), text('c'))),
    );
  });

  it('wraps loose text in paragraphs', () => {
    expect(htmlToAdf('one<p>two</p>three')).toEqual(doc(p(text('one')), p(text('two')), p(text('three'))));
  });

  it('keeps an explicit empty paragraph but not white space between blocks', () => {
    expect(htmlToAdf('<p>a</p>\n  <p></p>\n<p>b</p>')).toEqual(
      doc(p(text('a')), { type: 'paragraph', content: [] }, p(text('b'))),
    );
  });

  it('maps headings to heading nodes with their level', () => {
    expect(htmlToAdf('<h3>Title</h3>')).toEqual(
      doc({ type: 'heading', attrs: { level: 3 }, content: [text('Title')] }),
    );
  });

  it('keeps a pre block verbatim as a code block, line breaks included', () => {
    expect(htmlToAdf('<pre><code>if (a &lt; b) {\n  go();<br>}</code></pre>')).toEqual(
      doc({ type: 'codeBlock', content: [text('if (a < b) {\n  go();\n}')] }),
    );
  });

  it('maps lists, keeping the start number of an ordered list', () => {
    expect(htmlToAdf('<ol start="4"><li>a</li></ol><ul><li>b</li></ul>')).toEqual(
      doc(
        {
          type: 'orderedList',
          attrs: { order: 4 },
          content: [{ type: 'listItem', content: [p(text('a'))] }],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('b'))] }] },
      ),
    );
  });

  it('attaches a list written directly inside a list to the item before it', () => {
    expect(htmlToAdf('<ul><li>a</li><ul><li>b</li></ul></ul>')).toEqual(
      doc({
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              p(text('a')),
              { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('b'))] }] },
            ],
          },
        ],
      }),
    );
  });

  it('starts a list item with an empty paragraph when it would start with a list', () => {
    expect(htmlToAdf('<ul><li><ul><li>x</li></ul></li></ul>')).toEqual(
      doc({
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [] },
              { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('x'))] }] },
            ],
          },
        ],
      }),
    );
  });

  it('turns a heading where ADF allows none (list item, quote) into a bold paragraph', () => {
    expect(htmlToAdf('<blockquote><h2>Note</h2></blockquote>')).toEqual(
      doc({ type: 'blockquote', content: [p(text('Note', { type: 'strong' }))] }),
    );
  });

  it('unwraps a quote inside a quote', () => {
    expect(htmlToAdf('<blockquote>a<blockquote>b</blockquote></blockquote>')).toEqual(
      doc({ type: 'blockquote', content: [p(text('a')), p(text('b'))] }),
    );
  });

  it('maps tables, header cells and spans', () => {
    expect(htmlToAdf('<table><tr><th>k</th><td colspan="2">v</td></tr></table>')).toEqual(
      doc({
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              { type: 'tableHeader', content: [p(text('k'))] },
              { type: 'tableCell', attrs: { colspan: 2 }, content: [p(text('v'))] },
            ],
          },
        ],
      }),
    );
  });

  it('flattens a table inside a table cell into paragraphs, one per cell', () => {
    expect(
      htmlToAdf('<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>'),
    ).toEqual(
      doc({
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('a')), p(text('b'))] }] },
        ],
      }),
    );
  });

  it('gives an empty cell an empty paragraph, as ADF requires', () => {
    expect(htmlToAdf('<table><tr><td></td></tr></table>')).toEqual(
      doc({
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [] }] }],
          },
        ],
      }),
    );
  });

  it('splits a paragraph around a block nested in it', () => {
    expect(htmlToAdf('<h1>a<ul><li>b</li></ul>c</h1>')).toEqual(
      doc(
        { type: 'heading', attrs: { level: 1 }, content: [text('a')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('b'))] }] },
        p(text('c')),
      ),
    );
  });

  it('carries formatting around blocks into the text inside them', () => {
    expect(htmlToAdf('<em><p>a</p><p>b</p></em>')).toEqual(
      doc(p(text('a', { type: 'em' })), p(text('b', { type: 'em' }))),
    );
  });

  it('drops hostile content before converting', () => {
    expect(
      htmlToAdf('<p onclick="x()">a<script>evil()</script><a href="javascript:alert(1)">b</a></p>'),
    ).toEqual(doc(p(text('ab'))));
  });

  it('gives an empty document for empty HTML', () => {
    expect(htmlToAdf('')).toEqual(doc());
  });

  describe('lists nested deeper than ADF can carry back', () => {
    const nested = (levels: number, tag = 'ul'): string =>
      `<${tag}><li>item 1</li><li>`.repeat(levels) + 'last' + `</li></${tag}>`.repeat(levels);

    it('keeps 50 nested lists as ADF its own reader takes back, stable after one pass (issue #8)', () => {
      const adf = htmlToAdf(nested(50));
      expect(adfSchemaErrors(adf)).toEqual([]);
      const html = adfToHtml(adf);
      expect(html.ok).toBe(true);
      const back = html.ok ? html.html : '';
      expect(htmlToAdf(back)).toEqual(adf);
      expect(adfDepth(adf)).toBeLessThan(MAX_ADF_DEPTH);
    });

    it(`nests ${MAX_LIST_NESTING} lists and writes the items of deeper ones as lines starting with their marker`, () => {
      const text = htmlToText(nested(MAX_LIST_NESTING + 2, 'ol'));
      expect(text.match(/1\. item 1$/gm)).toHaveLength(MAX_LIST_NESTING + 2);
      expect(text).toMatch(/^ *2\. last$/m);
      const deepest = bulletDepth(htmlToAdf(nested(MAX_LIST_NESTING + 2)));
      expect(deepest).toBe(MAX_LIST_NESTING);
    });

    it('keeps an empty item of a too-deep list as its marker', () => {
      const html = '<ul><li>'.repeat(MAX_LIST_NESTING) + '<ul><li></li><li><pre>code</pre></li></ul>';
      expect(htmlToText(html)).toMatch(/-\n *-\n *code$/);
    });
  });
});

/** How deep an ADF value nests (objects and arrays of content), without recursion. */
function adfDepth(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    deepest = Math.max(deepest, depth);
    const content = (node as { content?: unknown[] }).content ?? [];
    for (const child of content) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** How many bullet lists the deepest bullet list is in, itself included. */
function bulletDepth(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, lists] = entry;
    const inside = (node as { type?: string }).type === 'bulletList' ? lists + 1 : lists;
    deepest = Math.max(deepest, inside);
    for (const child of (node as { content?: unknown[] }).content ?? []) stack.push([child, inside]);
  }
  return deepest;
}
