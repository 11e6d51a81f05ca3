/** Test support: fast-check generators of HTML, from tidy to hostile to plain broken. */
import fc from 'fast-check';

const TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'code',
  'pre',
  'a',
  'ul',
  'ol',
  'li',
  'h1',
  'h3',
  'h6',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'div',
  'span',
  'section',
  'font',
  'img',
  'script',
  'style',
  'iframe',
  'hr',
  'sup',
  'tfoot',
  'caption',
  'svg',
];

const ATTRIBUTES = fc.constantFrom(
  '',
  '',
  ' href="https://example.com/x?a=1&amp;b=2"',
  ' href="mailto:ann@example.com"',
  ' href="javascript:alert(1)"',
  ' href="JaVa&#x09;script:alert(1)"',
  ' href=""',
  ' onclick="alert(1)"',
  ' style="color:red"',
  ' colspan="2"',
  ' rowspan="3"',
  ' start="4"',
  ' src="https://example.com/i.png" alt="pic"',
  ' src="data:image/png;base64,AAAA"',
);

/** A word of letters and digits. */
export const word = fc.stringMatching(/^[a-zA-Z0-9]{1,8}$/);

const textPiece = fc.oneof(
  { weight: 4, arbitrary: word },
  fc.constantFrom(
    ' ',
    '  ',
    '\n',
    '\t',
    '\r\n',
    '&amp;',
    '&lt;',
    '&gt;',
    '&quot;',
    '&#39;',
    "'",
    '"',
    '&nbsp;',
  ),
  fc.constantFrom('<', '>', '&', 'é', '😀', '\u0000', '&#0;', '&bogus;', '\u00a0'),
);

const element = (children: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...TAGS), ATTRIBUTES, children)
    .map(([tag, attributes, inner]) => `<${tag}${attributes}>${inner}</${tag}>`);

/** Well-formed HTML built from the subset, common unknown tags, hostile tags and attributes. */
export const htmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, textPiece, element(tie('nodes'))),
  nodes: fc.array(tie('node'), { maxLength: 4 }).map((parts) => parts.join('')),
})).nodes;

/** A stream of tags, text and broken fragments in any order: unbalanced, truncated, misnested. */
export const htmlSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: textPiece },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...TAGS), ATTRIBUTES)
          .map(([tag, attributes]) => `<${tag}${attributes}>`),
      },
      { weight: 2, arbitrary: fc.constantFrom(...TAGS).map((tag) => `</${tag}>`) },
      fc.constantFrom(
        '<!-- c -->',
        '<',
        '</',
        '<a href="',
        '<!DOCTYPE html>',
        '<![CDATA[x<y]]>',
        '<p',
        '/>',
        '<br/>',
      ),
    ),
    { maxLength: 30 },
  )
  .map((tokens) => tokens.join(''));

/** Any of the above. */
export const anyHtml: fc.Arbitrary<string> = fc.oneof(htmlTree, htmlSoup);

/** Plain text: words (some looking like markup or entities) separated by spaces, tabs and line breaks. */
export const plainText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: word },
      fc.constantFrom('<b>', '&amp;', '"quoted"', "it's", 'a<b', 'x>y', '&', 'é', '-', '1.', '>'),
      fc.constantFrom(' ', ' ', '  ', '\n', '\n\n', '\n \n', '\t', '\r\n'),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));
