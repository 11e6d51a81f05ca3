import { parseHtml } from './parse-html';
import { serializeHtml } from './serialize-html';

/**
 * Safe HTML of the replica subset for any input: script, style, iframe and other active or
 * embedded content removed with everything inside; event handlers and every attribute outside
 * the subset removed; links kept only for http(s), mailto, tel and relative URLs; images turned
 * into links; unknown tags unwrapped, keeping their text (block-level ones keep their text apart).
 * Output is compact, well-formed HTML with `& < > " '` escaped in text and attributes.
 */
export function sanitizeHtml(html: string): string {
  return serializeHtml(parseHtml(html));
}
