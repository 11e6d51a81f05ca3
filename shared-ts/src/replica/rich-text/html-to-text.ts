import { adfDocToText } from './adf-to-text';
import { htmlToAdf } from './html-to-adf';

/**
 * Plain text for any HTML, as a person would read it: blocks on their own lines (paragraphs
 * separated by a blank line), `<br>` as a line break, white space collapsed as a browser does,
 * list items as `- ` / `1. `, quotes as `> `, table cells joined with ` | `, and links followed
 * by their address in brackets when their text differs from it. Hostile content is never text.
 */
export function htmlToText(html: string): string {
  return adfDocToText(htmlToAdf(html));
}
