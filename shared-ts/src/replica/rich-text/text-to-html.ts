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
    // Blank lines at either end go; found by index, as removing them one by one is quadratic.
    let first = 0;
    let last = lines.length - 1;
    while (first <= last && (lines[first] ?? '').trim() === '') first++;
    while (last >= first && (lines[last] ?? '').trim() === '') last--;
    if (first > last) continue;
    const children: HtmlNode[] = [htmlText(lines[first] ?? '')];
    for (let index = first + 1; index <= last; index++) {
      children.push(htmlElement('br'), htmlText(lines[index] ?? ''));
    }
    nodes.push(htmlElement('p', children));
  }
  return serializeHtml(nodes);
}
