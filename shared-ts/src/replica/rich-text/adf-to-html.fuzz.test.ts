/**
 * `adfToHtml` writes HTML straight from the ADF; `adfToHtmlByTree` builds the HTML tree and
 * serialises it (the reference). On any ADF, well-formed or not, both give the same result.
 */
import fc from 'fast-check';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { hostileJson, PROTOTYPE_NAMES } from '../testing/hostile-json';
import { anyHtml } from '../testing/html-arbitraries';
import { adfToHtml, adfToHtmlByTree } from './adf-to-html';
import { htmlToAdf } from './html-to-adf';

const RUNS = { numRuns: fuzzRuns(200) };

const TEXTS = ['', 'a', 'x & y', '<b>', 'line\nbreak', 'cr\r\nlf', '\u0001', ' ', '"q"', "it's"];
const MARKS: unknown[] = [
  { type: 'strong' },
  { type: 'em' },
  { type: 'underline' },
  { type: 'strike' },
  { type: 'code' },
  { type: 'textColor', attrs: { color: '#f00' } },
  { type: 'link', attrs: { href: 'https://x.example/?a=1&b="2"' } },
  { type: 'link', attrs: { href: 'https://y.example/' } },
  { type: 'link', attrs: { href: 'javascript:alert(1)' } },
  { type: 'link' },
];
const BLOCK_TYPES = [
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'codeBlock',
  'table',
  'tableRow',
  'tableCell',
  'tableHeader',
  'panel',
  'expand',
  'mediaSingle',
  'media',
  'rule',
  'taskList',
  'taskItem',
  'decisionList',
  'unknownBlock',
  ...PROTOTYPE_NAMES,
];
const INLINE_TYPES = ['hardBreak', 'mention', 'emoji', 'status', 'date', 'inlineCard', 'placeholder'];
const ATTRS: unknown[] = [
  undefined,
  { level: 3 },
  { level: 9 },
  { order: 3 },
  { order: 1 },
  { colspan: 2, rowspan: 3 },
  { colspan: 1 },
  { panelType: 'info', title: 'T', text: 'said', url: 'https://z.example/a b' },
  { state: 'DONE', timestamp: '86400000', id: 'u1' },
];

/** ADF-shaped JSON mixing every node the writer handles, marks, attributes and degraded nodes. */
const adfTree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      type: fc.constant('text'),
      text: fc.constantFrom(...TEXTS),
      marks: fc.option(fc.array(fc.constantFrom(...MARKS), { maxLength: 3 }), { nil: undefined }),
    }),
    fc.record({
      type: fc.constantFrom(...INLINE_TYPES),
      attrs: fc.constantFrom(...ATTRS),
      marks: fc.option(fc.array(fc.constantFrom(...MARKS), { maxLength: 2 }), { nil: undefined }),
    }),
    fc.record({
      type: fc.constantFrom(...BLOCK_TYPES),
      attrs: fc.constantFrom(...ATTRS),
      content: fc.option(fc.array(tie('node'), { maxLength: 4 }), { nil: undefined }),
    }),
  ),
}));

const adfDoc = fc
  .array(adfTree.node, { maxLength: 5 })
  .map((content) => ({ version: 1, type: 'doc', content }));

/** A list nested `depth` levels: past MAX_HTML_DEPTH, the tree path is taken. */
const deepList = fc.integer({ min: 1, max: 80 }).map((depth) => {
  let node: unknown = {
    type: 'paragraph',
    content: [{ type: 'text', text: 'deep', marks: [{ type: 'em' }] }],
  };
  for (let level = 0; level < depth; level++) {
    node = { type: 'bulletList', content: [{ type: 'listItem', content: [node] }] };
  }
  return { version: 1, type: 'doc', content: [node] };
});

describe('adfToHtml writes what the tree path writes', () => {
  it('on ADF of every node type, with marks, attributes and broken structure', () => {
    fc.assert(
      fc.property(fc.oneof(adfDoc, deepList, hostileJson), (doc) => {
        expect(adfToHtml(doc)).toEqual(adfToHtmlByTree(doc));
      }),
      RUNS,
    );
  });

  it('on the ADF htmlToAdf writes for any HTML', () => {
    fc.assert(
      fc.property(anyHtml, (html) => {
        const doc = htmlToAdf(html);
        expect(adfToHtml(doc)).toEqual(adfToHtmlByTree(doc));
      }),
      RUNS,
    );
  });
});
