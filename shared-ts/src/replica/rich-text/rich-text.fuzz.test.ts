/**
 * Every rich-text entry point that reads outside input, fed hostile input: HTML of any shape
 * (including nesting far past the depth caps and tags named like JavaScript object members),
 * and any JSON as ADF. Each returns a result or a coded failure, never throws, and its output
 * is stable: converting it again gives the same output (docs/replica.md).
 */
import fc from 'fast-check';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { anyJson, hostileJson, PROTOTYPE_NAMES } from '../testing/hostile-json';
import { anyHtml, plainText } from '../testing/html-arbitraries';
import { deepAdfText } from '../testing/rich-text-growth';
import { adfToHtml } from './adf-to-html';
import { convertRichText, RICH_TEXT_FORMATS } from './convert-rich-text';
import { htmlToAdf } from './html-to-adf';
import { htmlToText, textToHtml } from './plain-text';
import { sanitizeHtml } from './sanitize-html';

const RUNS = { numRuns: fuzzRuns(100) };

const OPENINGS = [
  '<b>',
  '<i>',
  '<ul><li>',
  '<ol start="3"><li>',
  '<li>',
  '<table><tr><td>',
  '<td>',
  '<blockquote>',
  '<p>',
  '<div>',
  '<x>',
  '<a href="https://x.example/">',
  '<pre>',
  '<svg>',
  '</b>',
  '</ul>',
  '</li>',
  'text ',
  '&amp;',
  ...PROTOTYPE_NAMES.map((name) => `<${name} ${name}="${name}">`),
];

/** A few tags repeated up to hundreds of times, unclosed: past the HTML and list depth caps. */
const deepHtml: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom(...OPENINGS), { minLength: 1, maxLength: 4 }),
    fc.integer({ min: 1, max: 300 }),
  )
  .map(([unit, times]) => unit.join('').repeat(times) + 'end');

const hostileHtml = fc.oneof(anyHtml, deepHtml);

/** HTML -> ADF -> HTML, the normal form of HTML in replicas. */
function normalise(html: string): string {
  const result = adfToHtml(htmlToAdf(html));
  if (!result.ok) throw new Error(`htmlToAdf wrote ADF adfToHtml refuses: ${result.error.message}`);
  return result.html;
}

/** ADF-shaped JSON with prototype names as types, panel kinds, marks and attributes, nested deep. */
const adfLike: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom(...PROTOTYPE_NAMES, 'panel', 'bulletList', 'listItem', 'table', 'tableRow', 'blockquote'),
    fc.constantFrom(...PROTOTYPE_NAMES, 'info'),
    fc.integer({ min: 1, max: 400 }),
  )
  .map(([type, name, depth]) => {
    let node: unknown = {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'leaf', marks: [{ type: name, attrs: { [name]: name } }] },
        { type: name },
      ],
    };
    for (let level = 0; level < depth; level++) {
      node = {
        type: level % 2 === 0 ? type : name,
        attrs: { panelType: name, level: name },
        content: [node],
      };
    }
    return { version: 1, type: 'doc', content: [node] };
  });

describe('rich text on hostile input', () => {
  it('sanitizeHtml never throws and sanitising its output changes nothing', () => {
    fc.assert(
      fc.property(hostileHtml, (html) => {
        const once = sanitizeHtml(html);
        expect(sanitizeHtml(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('htmlToAdf writes ADF that adfToHtml reads back, and HTML -> ADF -> HTML is stable after one pass', () => {
    fc.assert(
      fc.property(hostileHtml, (html) => {
        const once = normalise(html);
        expect(normalise(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('htmlToText never throws, starts and ends with no line break, and stays within a multiple of its input', () => {
    fc.assert(
      fc.property(fc.oneof(hostileHtml, fc.string()), (html) => {
        const text = htmlToText(html);
        expect(text).not.toMatch(/^\n|\n$/);
        // A line is at most 40 units of prefix (MAX_TEXT_PREFIX) and a break for each input character.
        expect(text.length).toBeLessThanOrEqual(45 * html.length);
      }),
      RUNS,
    );
  });

  it('adfToHtml gives sanitised HTML or a malformed-adf error for any JSON, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(hostileJson, adfLike), (adf) => {
        const result = adfToHtml(adf);
        if (!result.ok) {
          expect(result.error.code).toBe('malformed-adf');
          return;
        }
        expect(sanitizeHtml(result.html)).toBe(result.html);
        const again = normalise(result.html);
        expect(normalise(again)).toBe(again);
      }),
      RUNS,
    );
  });

  it('convertRichText gives output or a coded error for any input and formats, stable when converted again', () => {
    // JSON text nested deep is built as text: JSON.stringify itself would overflow the stack.
    const deepJsonText = fc.integer({ min: 1, max: 6000 }).map((depth) => deepAdfText(depth * 32));
    const input = fc.oneof(
      hostileHtml,
      plainText,
      fc.string(),
      anyJson.map((json) => JSON.stringify(json)),
      adfLike.map((json) => JSON.stringify(json)),
      deepJsonText,
    );
    const format = fc.constantFrom(...RICH_TEXT_FORMATS);
    fc.assert(
      fc.property(input, format, format, (text, from, to) => {
        const result = convertRichText(text, from, to);
        if (!result.ok) {
          expect(['invalid-json', 'malformed-adf']).toContain(result.error.code);
          expect(from).toBe('adf');
          return;
        }
        if (to === 'text') return;
        const again = convertRichText(result.output, to, to);
        expect(again).toEqual({ ok: true, output: result.output });
      }),
      RUNS,
    );
  });

  it('textToHtml writes sanitised HTML for any text', () => {
    fc.assert(
      fc.property(fc.oneof(plainText, fc.string()), (text) => {
        const html = textToHtml(text);
        expect(sanitizeHtml(html)).toBe(html);
      }),
      RUNS,
    );
  });

  it('textToHtml never throws', () => {
    fc.assert(
      fc.property(fc.oneof(hostileHtml, fc.string()), (text) => {
        expect(typeof textToHtml(text)).toBe('string');
      }),
      RUNS,
    );
  });
});
