/**
 * Test support: fast-check generators of ADF documents as Jira returns them, including the
 * nodes the replica subset has no tag for (mentions, panels, media, status, cards, tasks...).
 * Every generated document records the readable strings it holds, so a test can check that
 * none of them vanishes on the way to HTML.
 */
import fc from 'fast-check';

/** A generated node, with the strings a reader must still find after conversion. */
export interface GeneratedAdf {
  node: Record<string, unknown>;
  strings: string[];
}

const word = fc.stringMatching(/^[a-z]{3,8}$/);
/** One line of words, some with characters HTML must escape. */
const sentence = fc
  .array(fc.oneof({ weight: 5, arbitrary: word }, fc.constantFrom('a<b', '&amp;', '"q"', "it's", 'x>y')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((words) => words.join(' '));

const mark = fc.constantFrom(
  { type: 'strong' },
  { type: 'em' },
  { type: 'underline' },
  { type: 'strike' },
  { type: 'code' },
  { type: 'link', attrs: { href: 'https://example.com/page' } },
  { type: 'link', attrs: { href: 'javascript:alert(1)' } },
  { type: 'textColor', attrs: { color: '#ff0000' } },
  { type: 'subsup', attrs: { type: 'sup' } },
);

const leaf = (node: Record<string, unknown>, strings: string[] = []): GeneratedAdf => ({ node, strings });

const inline: fc.Arbitrary<GeneratedAdf> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(sentence, fc.uniqueArray(mark, { maxLength: 3, selector: (m) => m.type }))
      .map(([text, marks]) =>
        leaf(marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text }, [text]),
      ),
  },
  fc.constant(leaf({ type: 'hardBreak' })),
  word.map((name) => leaf({ type: 'mention', attrs: { id: 'acc-1', text: `@${name}` } }, [`@${name}`])),
  word.map((name) => leaf({ type: 'emoji', attrs: { shortName: `:${name}:` } }, [`:${name}:`])),
  word.map((text) => leaf({ type: 'status', attrs: { text, color: 'blue' } }, [text])),
  word.map((path) =>
    leaf({ type: 'inlineCard', attrs: { url: `https://example.com/${path}` } }, [
      `https://example.com/${path}`,
    ]),
  ),
  fc.constant(leaf({ type: 'date', attrs: { timestamp: '1764201600000' } }, ['2025-11-27'])),
);

function merge(
  type: string,
  children: GeneratedAdf[],
  attrs?: Record<string, unknown>,
  strings: string[] = [],
): GeneratedAdf {
  const node: Record<string, unknown> = { type, content: children.map((child) => child.node) };
  if (attrs) node.attrs = attrs;
  return { node, strings: [...strings, ...children.flatMap((child) => child.strings)] };
}

const paragraph = fc.array(inline, { maxLength: 5 }).map((children) => merge('paragraph', children));
const paragraphs = fc.array(paragraph, { minLength: 1, maxLength: 3 });
const code = fc
  .tuple(sentence, fc.constantFrom(undefined, 'javascript', 'sql'))
  .map(([text, language]) =>
    merge('codeBlock', [leaf({ type: 'text', text }, [text])], language ? { language } : undefined),
  );

/** Blocks, nested a few levels through lists, quotes, panels, expands and tables. */
const { block } = fc.letrec<{ block: GeneratedAdf }>((tie) => {
  const blocks = fc.array(tie('block'), { minLength: 1, maxLength: 3 });
  const listItem = fc
    .array(tie('block'), { maxLength: 2 })
    .chain((rest) => paragraph.map((first) => merge('listItem', [first, ...rest])));
  const cell = fc
    .tuple(fc.constantFrom('tableCell', 'tableHeader'), blocks)
    .map(([type, content]) => merge(type, content));
  return {
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: paragraph },
      fc
        .tuple(fc.integer({ min: 1, max: 6 }), fc.array(inline, { maxLength: 3 }))
        .map(([level, children]) => merge('heading', children, { level })),
      code,
      fc.constant(leaf({ type: 'rule' })),
      fc.array(listItem, { minLength: 1, maxLength: 3 }).map((items) => merge('bulletList', items)),
      fc
        .array(listItem, { minLength: 1, maxLength: 3 })
        .map((items) => merge('orderedList', items, { order: 3 })),
      paragraphs.map((content) => merge('blockquote', content)),
      fc
        .tuple(fc.constantFrom('info', 'warning', 'success'), paragraphs)
        .map(([panelType, content]) => merge('panel', content, { panelType })),
      fc.tuple(word, blocks).map(([title, content]) => merge('expand', content, { title }, [title])),
      word.map((alt) =>
        merge(
          'mediaSingle',
          [leaf({ type: 'media', attrs: { type: 'file', id: 'f1', collection: '', alt } }, [alt])],
          {
            layout: 'center',
          },
        ),
      ),
      word.map((path) =>
        merge('mediaGroup', [
          leaf({ type: 'media', attrs: { type: 'external', url: `https://example.com/${path}.png` } }, [
            `https://example.com/${path}.png`,
          ]),
        ]),
      ),
      fc
        .array(fc.tuple(sentence, fc.constantFrom('TODO', 'DONE')), { minLength: 1, maxLength: 3 })
        .map((tasks) =>
          merge(
            'taskList',
            tasks.map(([text, state]) =>
              merge('taskItem', [leaf({ type: 'text', text }, [text])], { localId: 't', state }),
            ),
            { localId: 'l' },
          ),
        ),
      sentence.map((text) =>
        merge(
          'decisionList',
          [merge('decisionItem', [leaf({ type: 'text', text }, [text])], { localId: 'd', state: 'DECIDED' })],
          {
            localId: 'l',
          },
        ),
      ),
      word.map((path) =>
        leaf({ type: 'blockCard', attrs: { url: `https://example.com/${path}` } }, [
          `https://example.com/${path}`,
        ]),
      ),
      fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((rows) =>
        merge(
          'table',
          rows.map((cells) => merge('tableRow', cells)),
        ),
      ),
      word.map((text) => leaf({ type: 'futureWidget', attrs: { text } }, [text])),
    ),
  };
});

/** An ADF document of 0 to 5 blocks. */
export const adfDocument: fc.Arbitrary<GeneratedAdf> = fc.array(block, { maxLength: 5 }).map((blocks) => {
  const doc = merge('doc', blocks);
  return { node: { version: 1, ...doc.node }, strings: doc.strings };
});
