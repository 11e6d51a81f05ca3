import { PROTOTYPE_NAMES } from '../testing/hostile-json';
import { adfToHtml } from './adf-to-html';
import { MAX_ADF_DEPTH } from './read-adf';
import { sanitizeHtml } from './sanitize-html';
import { escapeHtml } from './serialize-html';

const doc = (...content: unknown[]): unknown => ({ version: 1, type: 'doc', content });
const p = (...content: unknown[]): unknown => ({ type: 'paragraph', content });
const text = (value: string, ...marks: unknown[]): unknown => ({ type: 'text', text: value, marks });

/** The HTML for a document, failing the test with the error if there is one. */
function html(adf: unknown): string {
  const result = adfToHtml(adf);
  if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
  return result.html;
}

describe('adfToHtml', () => {
  describe('nodes of the subset', () => {
    it('writes paragraphs, headings, line breaks and marks', () => {
      expect(
        html(
          doc(
            { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
            p(
              text('a', { type: 'strong' }, { type: 'em' }),
              { type: 'hardBreak' },
              text('b', { type: 'underline' }, { type: 'strike' }),
              text('c', { type: 'code' }),
            ),
          ),
        ),
      ).toBe('<h2>Title</h2><p><strong><em>a</em></strong><br><u><s>b</s></u><code>c</code></p>');
    });

    it('nests marks in a fixed order so a link over mixed formatting stays one link', () => {
      const link = { type: 'link', attrs: { href: 'https://x.example' } };
      expect(html(doc(p(text('a', link), text('b', { type: 'strong' }, link))))).toBe(
        '<p><a href="https://x.example">a<strong>b</strong></a></p>',
      );
    });

    it('escapes < > & and quotes in text and link addresses', () => {
      const link = { type: 'link', attrs: { href: 'https://x.example/?a=1&b="2"' } };
      expect(html(doc(p(text(`1 < 2 & "3" > 'x'`, link))))).toBe(
        '<p><a href="https://x.example/?a=1&amp;b=&quot;2&quot;">1 &lt; 2 &amp; &quot;3&quot; &gt; &#39;x&#39;</a></p>',
      );
    });

    it('keeps the text of a link to an unsafe address, without the link', () => {
      expect(html(doc(p(text('click', { type: 'link', attrs: { href: 'javascript:alert(1)' } }))))).toBe(
        '<p>click</p>',
      );
    });

    it('drops marks the subset has no tag for (colour, sub/superscript), keeping the text', () => {
      expect(
        html(
          doc(
            p(
              text('red', { type: 'textColor', attrs: { color: '#ff0000' } }),
              text('2', { type: 'subsup', attrs: { type: 'sup' } }),
            ),
          ),
        ),
      ).toBe('<p>red2</p>');
    });

    it('writes line feeds inside text as line breaks', () => {
      expect(html(doc(p({ type: 'text', text: 'a\nb' })))).toBe('<p>a<br>b</p>');
    });

    it('writes lists, an ordered list’s start, and list items without their first <p>', () => {
      expect(
        html(
          doc({
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [
                  p(text('a')),
                  {
                    type: 'orderedList',
                    attrs: { order: 3 },
                    content: [{ type: 'listItem', content: [p(text('b')), p(text('c'))] }],
                  },
                ],
              },
            ],
          }),
        ),
      ).toBe('<ul><li>a<ol start="3"><li>b<p>c</p></li></ol></li></ul>');
    });

    it('keeps an empty first paragraph of a list item, as it is a line of its own', () => {
      expect(
        html(
          doc({
            type: 'bulletList',
            content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [] }] }],
          }),
        ),
      ).toBe('<ul><li><p></p></li></ul>');
    });

    it('writes a quote and a code block, dropping the code block’s language but not its code', () => {
      expect(
        html(
          doc(
            { type: 'blockquote', content: [p(text('q'))] },
            {
              type: 'codeBlock',
              attrs: { language: 'javascript' },
              content: [{ type: 'text', text: 'if (a < b)\n  go();' }],
            },
          ),
        ),
      ).toBe('<blockquote><p>q</p></blockquote><pre><code>if (a &lt; b)\n  go();</code></pre>');
    });

    it('writes a table, its header row in <thead>, and cell spans', () => {
      expect(
        html(
          doc({
            type: 'table',
            attrs: { layout: 'default' },
            content: [
              {
                type: 'tableRow',
                content: [
                  { type: 'tableHeader', content: [p(text('k'))] },
                  { type: 'tableHeader', content: [p(text('v'))] },
                ],
              },
              {
                type: 'tableRow',
                content: [
                  { type: 'tableCell', attrs: { colspan: 2, colwidth: [100] }, content: [p(text('x'))] },
                ],
              },
            ],
          }),
        ),
      ).toBe(
        '<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td colspan="2">x</td></tr></tbody></table>',
      );
    });

    it('gives an empty string for an empty document', () => {
      expect(html(doc())).toBe('');
    });
  });

  describe('nodes outside the subset degrade to readable text or links', () => {
    it.each([
      ['mention', p({ type: 'mention', attrs: { id: '5b10a', text: '@Ann Lee' } }), '<p>@Ann Lee</p>'],
      ['mention without text', p({ type: 'mention', attrs: { id: '5b10a' } }), '<p>@5b10a</p>'],
      ['emoji', p({ type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } }), '<p>😄</p>'],
      ['emoji without text', p({ type: 'emoji', attrs: { shortName: ':party:' } }), '<p>:party:</p>'],
      [
        'status',
        p({ type: 'status', attrs: { text: 'IN PROGRESS', color: 'blue' } }),
        '<p>[IN PROGRESS]</p>',
      ],
      ['date', p({ type: 'date', attrs: { timestamp: '1764201600000' } }), '<p>2025-11-27</p>'],
      [
        'inlineCard',
        p({ type: 'inlineCard', attrs: { url: 'https://x.example/browse/A-1' } }),
        '<p><a href="https://x.example/browse/A-1">https://x.example/browse/A-1</a></p>',
      ],
      [
        'blockCard',
        { type: 'blockCard', attrs: { url: 'https://x.example/page' } },
        '<p><a href="https://x.example/page">https://x.example/page</a></p>',
      ],
      [
        'embedCard',
        { type: 'embedCard', attrs: { url: 'https://x.example/v', layout: 'center' } },
        '<p><a href="https://x.example/v">https://x.example/v</a></p>',
      ],
      [
        'panel',
        { type: 'panel', attrs: { panelType: 'warning' }, content: [p(text('Careful'))] },
        '<blockquote><p><strong>Warning</strong></p><p>Careful</p></blockquote>',
      ],
      [
        'expand',
        { type: 'expand', attrs: { title: 'Details' }, content: [p(text('hidden'))] },
        '<p><strong>Details</strong></p><p>hidden</p>',
      ],
      ['rule', { type: 'rule' }, '<p>---</p>'],
      [
        'mediaSingle with a Jira file',
        {
          type: 'mediaSingle',
          attrs: { layout: 'center' },
          content: [
            { type: 'media', attrs: { type: 'file', id: 'abc', collection: '', alt: 'screenshot.png' } },
          ],
        },
        '<p>[attachment: screenshot.png]</p>',
      ],
      [
        'mediaSingle with a caption',
        {
          type: 'mediaSingle',
          attrs: { layout: 'center' },
          content: [
            { type: 'media', attrs: { type: 'file', id: 'abc', collection: '' } },
            { type: 'caption', content: [text('Figure 1')] },
          ],
        },
        '<p>[attachment]</p><p>Figure 1</p>',
      ],
      [
        'mediaGroup with an external image',
        {
          type: 'mediaGroup',
          content: [{ type: 'media', attrs: { type: 'external', url: 'https://x.example/i.png' } }],
        },
        '<p><a href="https://x.example/i.png">https://x.example/i.png</a></p>',
      ],
      [
        'mediaInline',
        p({ type: 'mediaInline', attrs: { id: 'f', collection: '', alt: 'doc.pdf' } }),
        '<p>[attachment: doc.pdf]</p>',
      ],
      [
        'taskList',
        {
          type: 'taskList',
          attrs: { localId: 'l' },
          content: [
            { type: 'taskItem', attrs: { localId: 'a', state: 'DONE' }, content: [text('ship')] },
            {
              type: 'taskList',
              attrs: { localId: 'm' },
              content: [
                { type: 'taskItem', attrs: { localId: 'b', state: 'TODO' }, content: [text('test')] },
              ],
            },
          ],
        },
        '<ul><li>[x] ship<ul><li>[ ] test</li></ul></li></ul>',
      ],
      [
        'decisionList',
        {
          type: 'decisionList',
          attrs: { localId: 'l' },
          content: [
            { type: 'decisionItem', attrs: { localId: 'd', state: 'DECIDED' }, content: [text('Use ADF')] },
          ],
        },
        '<ul><li>Decision: Use ADF</li></ul>',
      ],
      [
        'extension',
        { type: 'extension', attrs: { extensionKey: 'jira-chart', extensionType: 'com.atlassian' } },
        '<p>[extension: jira-chart]</p>',
      ],
      [
        'bodiedExtension',
        {
          type: 'bodiedExtension',
          attrs: { extensionKey: 'k', extensionType: 't' },
          content: [p(text('body'))],
        },
        '<p>body</p>',
      ],
      [
        'layoutSection',
        {
          type: 'layoutSection',
          content: [
            { type: 'layoutColumn', attrs: { width: 50 }, content: [p(text('left'))] },
            { type: 'layoutColumn', attrs: { width: 50 }, content: [p(text('right'))] },
          ],
        },
        '<p>left</p><p>right</p>',
      ],
      [
        'an unknown future node with text',
        { type: 'hologram', attrs: { text: 'beam me up' } },
        '<p>beam me up</p>',
      ],
      [
        'an unknown future node with content',
        { type: 'hologram', content: [p(text('inside'))] },
        '<p>inside</p>',
      ],
      [
        'an unknown future node with nothing readable',
        { type: 'hologram' },
        '<p>[unsupported content: hologram]</p>',
      ],
    ])('%s', (_name, node, expected) => {
      expect(html(doc(node))).toBe(expected);
    });

    it('keeps the marks of a degraded inline node', () => {
      expect(
        html(doc(p({ type: 'mention', attrs: { id: 'x', text: '@Ann' }, marks: [{ type: 'strong' }] }))),
      ).toBe('<p><strong>@Ann</strong></p>');
    });

    it('drops an editor placeholder, which is a hint and not content', () => {
      expect(html(doc(p(text('a'), { type: 'placeholder', attrs: { text: 'Type here' } })))).toBe('<p>a</p>');
    });

    it('gathers inline nodes found among blocks into a paragraph', () => {
      expect(html(doc(text('loose'), { type: 'hardBreak' }, text('text')))).toBe('<p>loose<br>text</p>');
    });
  });

  describe('malformed ADF gives an error naming the path, never an exception', () => {
    it.each([
      ['not an object', 'hello', ''],
      ['null', null, ''],
      ['an array', [], ''],
      ['a root that is not a doc', { type: 'paragraph', content: [] }, '/type'],
      ['an unknown version', { version: 2, type: 'doc', content: [] }, '/version'],
      ['a doc without content', { version: 1, type: 'doc' }, '/content'],
      ['a node that is not an object', doc(p(), 42), '/content/1'],
      ['a node without a type', doc(p({ text: 'x' })), '/content/0/content/0/type'],
      ['content that is not an array', doc({ type: 'paragraph', content: 'x' }), '/content/0/content'],
      ['a text node without text', doc(p({ type: 'text' })), '/content/0/content/0/text'],
      [
        'marks that are not an array',
        doc(p({ type: 'text', text: 'x', marks: {} })),
        '/content/0/content/0/marks',
      ],
      [
        'a mark without a type',
        doc(p({ type: 'text', text: 'x', marks: [{}] })),
        '/content/0/content/0/marks/0',
      ],
      [
        'attrs that are not an object',
        doc({ type: 'heading', attrs: 'big', content: [] }),
        '/content/0/attrs',
      ],
    ])('%s', (_name, adf, path) => {
      const result = adfToHtml(adf);
      expect(result).toEqual({
        ok: false,
        error: { code: 'malformed-adf', path, message: expect.any(String) },
      });
    });

    it('says what it found and what it expected', () => {
      expect(adfToHtml({ type: 'paragraph', content: [] })).toEqual({
        ok: false,
        error: {
          code: 'malformed-adf',
          path: '/type',
          message: 'the root of an ADF document must have type "doc", found "paragraph"',
        },
      });
    });
  });

  describe('limits', () => {
    it('reads content nested deeper than 100 levels as its text instead of exhausting the stack', () => {
      let node: unknown = p(text('deep'), { type: 'mention', attrs: { text: '@Ann' } });
      for (let level = 0; level < 5000; level++) node = { type: 'blockquote', content: [node] };
      const result = html(doc(node));
      expect(result).toMatch(/deep +@Ann/);
      // The quotes at levels 1 to 100 stay quotes; the text inside the last one is a plain line.
      expect(result.match(/<blockquote>/g)).toHaveLength(MAX_ADF_DEPTH);
      expect(sanitizeHtml(result)).toBe(result);
    });

    it('keeps its own HTML within the sanitiser’s depth, so sanitising it changes nothing', () => {
      // A table in a table takes four HTML levels (table, tbody, tr, td) for one ADF level.
      let node: unknown = p(text('deep', { type: 'strong' }));
      for (let level = 0; level < 60; level++) node = { type: 'table', content: [node] };
      const once = html(doc(node));
      expect(once).toContain('deep');
      expect(sanitizeHtml(once)).toBe(once);
    });

    it('does not break on node types, panel kinds and marks named like JavaScript object members', () => {
      for (const name of PROTOTYPE_NAMES) {
        const adf = doc(
          { type: name, content: [p(text('block'))] },
          { type: name },
          p(text('x', { type: name }), { type: name, attrs: { text: 'inline' } }),
          { type: 'panel', attrs: { panelType: name }, content: [p(text('panel'))] },
          { type: 'heading', attrs: { level: name }, content: [text('h')] },
        );
        expect(html(adf)).toBe(
          `<p>block</p><p>[unsupported content: ${escapeHtml(name)}]</p><p>xinline</p>` +
            '<blockquote><p>panel</p></blockquote><h1>h</h1>',
        );
      }
    });
  });
});
