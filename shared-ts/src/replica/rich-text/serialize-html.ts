import type { HtmlNode } from './html-node';

// C0 controls other than tab, line feed, form feed and carriage return have no place in text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Any character `escapeHtml` changes: most text has none, and one test is cheaper than two replaces. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPING = /[\u0000-\u0008\u000b\u000e-\u001f\u007f&<>"']/;

/** Text with control characters removed, escaped for HTML text or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text.replace(CONTROL_CHARACTERS, '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Compact HTML for a sanitised tree: lowercase tags, double-quoted attributes, `<br>` without a slash. */
export function serializeHtml(nodes: readonly HtmlNode[]): string {
  return writeNodes(nodes, '');
}

/** `out` followed by the HTML of `nodes` (one string appended to, rather than one per element). */
function writeNodes(nodes: readonly HtmlNode[], out: string): string {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as HtmlNode;
    if (node.kind === 'text') {
      out += escapeHtml(node.text);
      continue;
    }
    out += '<' + node.tag;
    const attrs = node.attrs;
    for (const name in attrs) out += ' ' + name + '="' + escapeHtml(attrs[name] as string) + '"';
    out += '>';
    if (node.tag !== 'br') out = writeNodes(node.children, out) + '</' + node.tag + '>';
  }
  return out;
}
