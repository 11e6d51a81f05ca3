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

/** Text with control characters removed, escaped for HTML text or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Compact HTML for a sanitised tree: lowercase tags, double-quoted attributes, `<br>` without a slash. */
export function serializeHtml(nodes: readonly HtmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += escapeHtml(node.text);
      continue;
    }
    let attrs = '';
    for (const [name, value] of Object.entries(node.attrs)) attrs += ` ${name}="${escapeHtml(value)}"`;
    out +=
      node.tag === 'br'
        ? `<br${attrs}>`
        : `<${node.tag}${attrs}>${serializeHtml(node.children)}</${node.tag}>`;
  }
  return out;
}
