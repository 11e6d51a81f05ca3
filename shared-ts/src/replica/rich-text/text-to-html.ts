import { htmlElement, htmlText, type HtmlNode } from './html-node';
import { serializeHtml } from './serialize-html';

/**
 * HTML of the replica subset for plain text: each run of lines between blank lines becomes a
 * `<p>`, a line feed inside it a `<br>`, and `& < > " '` are escaped. No markup in the text is
 * interpreted; `<b>` stays the four characters it is.
 */
export function textToHtml(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  const nodes: HtmlNode[] = [];
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n');
    while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
    while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
    if (lines.length === 0) continue;
    nodes.push(
      htmlElement(
        'p',
        lines.flatMap((line, index): HtmlNode[] =>
          index === 0 ? [htmlText(line)] : [htmlElement('br'), htmlText(line)],
        ),
      ),
    );
  }
  return serializeHtml(nodes);
}
