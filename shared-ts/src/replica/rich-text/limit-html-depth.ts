import { appendText, htmlElement, type HtmlNode } from './html-node';
import { INLINE_TAGS, MAX_HTML_DEPTH } from './html-subset';

/**
 * The tree with elements nested deeper than `MAX_HTML_DEPTH` unwrapped, by the rule
 * `parseHtml` follows: their text stays, a space before and after a block and for a line break. So HTML that
 * Tandem writes (from ADF, whose tables and lists take more HTML levels than ADF levels) is
 * already sanitised: sanitising it again changes nothing. Recursion is as deep as the tree.
 */
export function limitHtmlDepth(nodes: readonly HtmlNode[]): HtmlNode[] {
  const out: HtmlNode[] = [];
  limitInto(nodes, 0, out);
  return out;
}

function limitInto(nodes: readonly HtmlNode[], depth: number, out: HtmlNode[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      appendText(out, node.text);
    } else if (depth < MAX_HTML_DEPTH) {
      const children: HtmlNode[] = [];
      limitInto(node.children, depth + 1, children);
      out.push(htmlElement(node.tag, children, node.attrs));
    } else if (INLINE_TAGS.has(node.tag)) {
      if (node.tag === 'br') appendText(out, ' ');
      limitInto(node.children, depth, out);
    } else {
      appendText(out, ' ');
      limitInto(node.children, depth, out);
      appendText(out, ' ');
    }
  }
}
