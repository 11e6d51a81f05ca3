/**
 * The inputs of the language-neutral rich-text vectors in `shared-ts/conformance/rich-text/`,
 * one set per function, each naming the rule of docs/ir.md ("Rich text") or docs/replica.md
 * (the HTML subset) it covers. `rich-text-vectors.test.ts` computes the expected outputs,
 * fails when the committed files differ, and rewrites them with `UPDATE_RICH_TEXT_VECTORS=1`.
 */

/** One vector's name and input. */
export type RichTextCase = readonly [name: string, input: string];

/** One file of vectors: the function it covers and its cases. */
export interface RichTextVectorSet {
  readonly file: string;
  readonly fn: 'htmlToText' | 'textToHtml' | 'sanitizeHtml' | 'htmlToAdf';
  readonly description: string;
  readonly cases: readonly RichTextCase[];
}

const STACK_TRACE =
  '<p>Export fails:</p><pre>java.lang.IllegalStateException: closed\n    at a.Export.run(Export.java:73)\n\n    at a.Main.main(Main.java:9)\n</pre><p>Since Monday.</p>';

export const RICH_TEXT_VECTOR_SETS: readonly RichTextVectorSet[] = [
  {
    file: 'html-to-text.json',
    fn: 'htmlToText',
    description:
      'html.toText of the rules = htmlToText of the replica = tandem convert --to text, as docs/ir.md "Rich text" specifies it.',
    cases: [
      ['empty input', ''],
      ['paragraphs are apart by one empty line', '<p>Hello <b>world</b></p><p>Bye</p>'],
      ['headings are paragraphs', '<h1>Title</h1><h6>Small</h6>text'],
      ['br is a line break, more than two collapse to one empty line', 'a<br>b<br/><br><br>c'],
      ['div, hr and the other line blocks break a line', '<div>a</div><section>b</section>c<hr>d'],
      ['white space collapses', '  a \n\t\f b  <p>  c  </p>'],
      ['pre keeps spaces, tabs and every line break', '<pre>  x\n\ty\n\n\n  z</pre>'],
      ['a stack trace in a code block stays multi-line', STACK_TRACE],
      ['CR LF and CR in pre are one line break each', '<pre>a\r\nb\rc</pre>'],
      ['bullet list', '<ul><li>One</li><li>Two</li></ul>'],
      ['ordered list numbers', '<ol><li>One</li><li>Two</li></ol>'],
      ['ordered list start', '<ol start="7"><li>a</li><li>b</li></ol>'],
      [
        'ordered list start 0 or invalid starts at 1',
        '<ol start="0"><li>a</li></ol><ol start="x"><li>b</li></ol>',
      ],
      [
        'nested lists indent by the marker width',
        '<ol><li>One<ul><li>a<ol><li>i</li></ol></li></ul></li><li>Two</li></ol>',
      ],
      ['paragraphs in an item are lines, the first on the marker line', '<ul><li><p>a</p><p>b</p></li></ul>'],
      ['an empty item is its marker', '<ul><li></li><li>x</li></ul>'],
      ['a missing close tag of an item is implied by the next item', '<ol><li>a<li>b</ol>after'],
      ['li outside a list is a bullet', '<li>x</li>'],
      ['a list is apart from paragraphs by an empty line', '<p>before</p><ul><li>x</li></ul><p>after</p>'],
      ['quotes start each line with a bracket', '<blockquote><p>a</p><p>b</p></blockquote><p>c</p>'],
      ['nested quotes', '<blockquote>a<blockquote>b</blockquote></blockquote>'],
      ['the line prefix stops growing at 40', '<blockquote>'.repeat(25) + 'x<br>y'],
      [
        'table rows are lines, cells joined by a bar',
        '<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>b</td></tr></table>',
      ],
      [
        'blocks and breaks in a cell are spaces',
        '<table><tr><td><p>a</p><p>b</p>c<br>d</td><td>e</td></tr></table>',
      ],
      ['empty cells keep their bar', '<table><tr><td></td><td>x</td><td></td><td>y</td></tr></table>'],
      ['a link is followed by its address', '<a href="https://x.example/a?b=1&amp;c=2">the docs</a>.'],
      [
        'a link whose text is its address is not repeated',
        '<a href="https://x.example">https://x.example</a>',
      ],
      [
        'mailto and tel links are not repeated',
        '<a href="mailto:ann@x.example">ann@x.example</a> <a href="tel:+15550100">+15550100</a>',
      ],
      ['an empty link is its address', 'see <a href=https://x.example></a>'],
      [
        'an unsafe link keeps only its text',
        '<a href="javascript:alert(1)">click</a> <a href=" java\tscript:x">y</a>',
      ],
      [
        'a link inside a link ends the first',
        '<a href="https://a.example">a<a href="https://b.example">b</a></a>',
      ],
      [
        'attribute names are case-insensitive and the first counts',
        '<a HREF=\'https://a.example\' href="https://b.example">x</a>',
      ],
      ['an image is its alt text and address', '<img alt="shot" src="https://x.example/s.png">'],
      ['an image without alt is its file name', '<img src="https://x.example/dir/s.png?v=2">'],
      ['an unsafe image is a placeholder', '<img src="data:image/png;base64,AA" alt="x"><img>'],
      ['basic entities are decoded once', '&lt;tag&gt; &amp; &quot;q&quot; &apos;s&#39; &amp;lt;'],
      [
        'common named entities are decoded, others stay',
        '&copy;&nbsp;&hellip;&mdash;&euro; &AMP; &amp &unknown;',
      ],
      ['numeric entities', '&#65;&#x42;&#X43;&#0;&#xD800;&#1114112;&#1;x'],
      ['a decoded space is content', 'a&#32;&#32;b'],
      [
        'scripts and styles are skipped with their text',
        'a<script>if (a < b) x("</p>")</SCRIPT>b<style>p{}</style>c',
      ],
      [
        'embedded documents are dropped, counted',
        '<svg><g><text>t</text></g></svg>a<svg/>b<math><mi>x</mi></math>c',
      ],
      [
        'comments and declarations have no effect',
        '<!DOCTYPE html>a<!-- <p>x</p> -->b<?xml x?>c<!-- unclosed',
      ],
      ['a < that starts no markup is text', 'a < b <3 <> </ x'],
      ['a < with no > later is text', '<p>a</p><b'],
      ['unknown tags keep their text', '<span>a</span><custom-tag>b</custom-tag><x y="1">c</x>'],
      ['control characters are removed', 'a\u0001b\u007fc'],
    ],
  },
  {
    file: 'text-to-html.json',
    fn: 'textToHtml',
    description:
      'text.toHtml of the rules = textToHtml of the replica, as docs/ir.md "Rich text" specifies it.',
    cases: [
      ['empty text', ''],
      ['one line', 'Hello'],
      ['lines and paragraphs', 'Hello\nworld\n\nBye'],
      ['CR LF and CR', 'a\r\nb\r\rc'],
      ['lines of spaces and tabs separate paragraphs', 'a\n \t\nb\n\n\n\nc'],
      ['blank lines at the ends go, spaces in a line stay', '\n\n  a  \n\n'],
      ['blank text', ' \t '],
      ['special characters are escaped', `a < b & "c" > 'd'`],
      ['markup stays text', '<b>bold</b> &amp;'],
      ['control characters are removed', 'a\u0001b\u007f'],
    ],
  },
  {
    file: 'sanitize-html.json',
    fn: 'sanitizeHtml',
    description:
      'sanitizeHtml: any HTML to the canonical subset of docs/replica.md ("Rich text: the HTML subset").',
    cases: [
      [
        'the subset passes unchanged',
        '<p>a <strong>b</strong> <em>c</em> <u>d</u> <s>e</s> <code>f</code></p>',
      ],
      ['tags are lower-cased and attributes dropped', '<P CLASS="x" onclick="y()">a</P>'],
      [
        'script, style and iframe go with their content',
        '<p>a</p><script>x()</script><style>p{}</style><iframe src="x"></iframe>',
      ],
      ['unknown inline tags are unwrapped', '<p><span style="color:red">a</span><font>b</font></p>'],
      ['unknown block tags keep their text apart', '<div>a</div><div>b</div>'],
      ['safe links keep their address only', '<a href="https://x.example" target="_blank" title="t">x</a>'],
      ['unsafe links keep their text', '<a href="javascript:alert(1)">x</a><a href="data:text/html,x">y</a>'],
      ['images become links', '<img src="https://x.example/a.png" alt="A"><img src="javascript:x">'],
      [
        'lists, quotes, headings, code',
        '<h2>t</h2><ol start="3"><li>a</li></ol><blockquote><p>q</p></blockquote><pre>x\n  y</pre>',
      ],
      ['tables keep colspan and rowspan', '<table><tr><td colspan="2" width="9">a</td></tr></table>'],
      [
        'escapes in text and attributes',
        '<p>&lt;&amp;&quot;\'</p><a href="https://x.example/?a=1&amp;b=&quot;">x</a>',
      ],
      ['control characters are removed', '<p>a\u0001b</p>'],
      ['a p inside a p is closed first', '<p>a<p>b</p>'],
    ],
  },
  {
    file: 'html-to-adf.json',
    fn: 'htmlToAdf',
    description: 'htmlToAdf: HTML to an ADF document (docs/replica.md "HTML to ADF").',
    cases: [
      ['paragraph with marks', '<p>a <strong>b</strong> <a href="https://x.example">c</a></p>'],
      ['heading, list, code block', '<h1>t</h1><ul><li>a</li></ul><pre>x\ny</pre>'],
      ['table', '<table><tr><th>k</th></tr><tr><td>v</td></tr></table>'],
      ['text outside a block becomes a paragraph', 'a<br>b'],
    ],
  },
];
