import { htmlToText, textToHtml } from './plain-text';
import { adfToHtml } from './adf-to-html';
import { htmlToAdf } from './html-to-adf';
import type { RichTextError } from './rich-text-error';
import { sanitizeHtml } from './sanitize-html';

/** The rich-text formats Tandem converts between. */
export type RichTextFormat = 'adf' | 'html' | 'text';

/** Every format, in the order the CLI lists them. */
export const RICH_TEXT_FORMATS: readonly RichTextFormat[] = ['adf', 'html', 'text'];

/**
 * Converts rich text through the replica's HTML, exactly as a sync would: ADF is read as JSON
 * text and written as JSON indented by two spaces; HTML is written sanitised; converting a
 * format to itself shows what survives one trip. Fails only on ADF input that is not JSON
 * (`invalid-json`) or not shaped like ADF (`malformed-adf`), and on a format it does not know
 * (`format-unknown`).
 */
export function convertRichText(
  input: string,
  from: RichTextFormat,
  to: RichTextFormat,
): { ok: true; output: string } | { ok: false; error: RichTextError } {
  for (const format of [from, to]) {
    if (!RICH_TEXT_FORMATS.includes(format)) {
      const shown = typeof format === 'string' ? JSON.stringify(format.slice(0, 40)) : `a ${typeof format}`;
      const message = `${shown} is not a rich-text format; use ${RICH_TEXT_FORMATS.join(', ')}`;
      return { ok: false, error: { code: 'format-unknown', message, path: '' } };
    }
  }
  const html = toHtml(input, from);
  if (!html.ok) return html;
  switch (to) {
    case 'html':
      return { ok: true, output: html.html };
    case 'adf':
      return { ok: true, output: JSON.stringify(htmlToAdf(html.html), null, 2) };
    case 'text':
      return { ok: true, output: htmlToText(html.html) };
  }
}

function toHtml(
  input: string,
  from: RichTextFormat,
): { ok: true; html: string } | { ok: false; error: RichTextError } {
  switch (from) {
    case 'html':
      return { ok: true, html: sanitizeHtml(input) };
    case 'text':
      return { ok: true, html: textToHtml(input) };
    case 'adf': {
      if (input.trim() === '') {
        return {
          ok: false,
          error: {
            code: 'invalid-json',
            message: 'the input is empty; expected an ADF JSON document',
            path: '',
          },
        };
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(input);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: { code: 'invalid-json', message: `the input is not valid JSON: ${reason}`, path: '' },
        };
      }
      return adfToHtml(parsed);
    }
  }
}
