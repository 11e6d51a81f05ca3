/**
 * Properties that hold across the converters together: what one produces, the others read back
 * without loss beyond the first normalising pass.
 */
import fc from 'fast-check';
import { adfDocument } from '../testing/adf-arbitraries';
import { adfSchemaErrors } from '../testing/adf-schema';
import { anyHtml, plainText } from '../testing/html-arbitraries';
import { adfToHtml } from './adf-to-html';
import { htmlToAdf } from './html-to-adf';
import { htmlToText } from './plain-text';
import { sanitizeHtml } from './sanitize-html';
import { textToHtml } from './plain-text';

const RUNS = { numRuns: 200 };

function html(adf: unknown): string {
  const result = adfToHtml(adf);
  if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
  return result.html;
}

/** HTML -> ADF -> HTML: the normal form of HTML in replicas. */
const normalise = (source: string): string => html(htmlToAdf(source));
const words = (text: string): string[] => text.split(/[ \t\n\r\f]+/).filter((word) => word !== '');
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('round trips', () => {
  it('HTML -> ADF -> HTML is stable after one pass', () => {
    fc.assert(
      fc.property(anyHtml, (source) => {
        const once = normalise(source);
        expect(normalise(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('the ADF of normalised HTML is the ADF of the original', () => {
    fc.assert(
      fc.property(anyHtml, (source) => {
        expect(htmlToAdf(normalise(source))).toEqual(htmlToAdf(source));
      }),
      RUNS,
    );
  });

  it('sanitised HTML reads back as itself, so sanitising twice changes nothing', () => {
    fc.assert(
      fc.property(anyHtml, (source) => {
        const once = sanitizeHtml(source);
        expect(sanitizeHtml(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('sanitising before converting changes nothing in the ADF', () => {
    fc.assert(
      fc.property(anyHtml, (source) => {
        expect(htmlToAdf(sanitizeHtml(source))).toEqual(htmlToAdf(source));
      }),
      RUNS,
    );
  });

  it('plain text keeps its words through text -> HTML -> text', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        expect(words(htmlToText(textToHtml(text)))).toEqual(words(text));
      }),
      RUNS,
    );
  });

  it('plain text keeps its words through text -> HTML -> ADF -> HTML -> text', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        expect(words(htmlToText(html(htmlToAdf(textToHtml(text)))))).toEqual(words(text));
      }),
      RUNS,
    );
  });

  it('tidy plain text (single spaces, blank lines between paragraphs) comes back exactly', () => {
    const tidy = 'First paragraph, with <angle> & "quotes".\nSecond line.\n\nSecond paragraph: it\'s done.';
    expect(htmlToText(textToHtml(tidy))).toBe(tidy);
    expect(htmlToText(html(htmlToAdf(textToHtml(tidy))))).toBe(tidy);
  });

  it('no readable text of an ADF document vanishes on its way to HTML and text', () => {
    fc.assert(
      fc.property(adfDocument, ({ node, strings }) => {
        const text = collapse(htmlToText(html(node)));
        for (const expected of strings) expect(text).toContain(collapse(expected));
      }),
      RUNS,
    );
  });

  it('ADF from Jira, through HTML and back, is ADF that Atlassian’s schema accepts', () => {
    fc.assert(
      fc.property(adfDocument, ({ node }) => {
        expect(adfSchemaErrors(htmlToAdf(html(node)))).toEqual([]);
      }),
      RUNS,
    );
  });
});
