import { NO_ATTRIBUTES, type HtmlNode } from './html-node';

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
  return serializeHtmlWithin(nodes, Infinity) as string;
}

/**
 * `serializeHtml`, or null when an element is nested `depth` or more levels below the top
 * (the caller then limits the tree's depth first): one walk instead of a check and a write.
 */
export function serializeHtmlWithin(nodes: readonly HtmlNode[], depth: number): string | null {
  const writer: Writer = { parts: [], current: '' };
  if (!writeNodes(nodes, writer, depth)) return null;
  if (writer.parts.length === 0) return writer.current;
  writer.parts.push(writer.current);
  return writer.parts.join('');
}

/** Code units appended to one string before it is flattened and set aside for the final join. */
const CHUNK = 4096;

/**
 * The HTML written so far: chunks set aside, and the one being appended to. V8 keeps a string
 * built by `+=` as a tree of its pieces until it is read; reading a chunk's first character
 * makes it one flat string, so a long output is never one tree of a million pieces (which made
 * a 1 MiB document take ten times as long as a 512 KiB one).
 */
interface Writer {
  readonly parts: string[];
  current: string;
}

/** Writes the HTML of `nodes`; false (and stops) when an element sits `depth` levels down. Recursion is as deep as the tree. */
function writeNodes(nodes: readonly HtmlNode[], writer: Writer, depth: number): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as HtmlNode;
    if (node.kind === 'text') {
      writer.current += escapeHtml(node.text);
    } else {
      if (depth <= 0) return false;
      const tag = node.tag;
      const attrs = node.attrs;
      if (attrs === NO_ATTRIBUTES) {
        writer.current += openTag(tag);
      } else {
        let open = '<' + tag;
        for (const name in attrs) open += ' ' + name + '="' + escapeHtml(attrs[name] as string) + '"';
        writer.current += open + '>';
      }
      if (tag !== 'br') {
        if (!writeNodes(node.children, writer, depth - 1)) return false;
        writer.current += closeTag(tag);
      }
    }
    if (writer.current.length >= CHUNK) {
      const chunk = writer.current;
      _flatRead ^= chunk.charCodeAt(0);
      writer.parts.push(chunk);
      writer.current = '';
    }
  }
  return true;
}

/** `<tag>` and `</tag>` of each tag written, made once: the tree holds a few tags many times. */
const OPEN_TAGS = new Map<string, string>();
const CLOSE_TAGS = new Map<string, string>();

function openTag(tag: string): string {
  let text = OPEN_TAGS.get(tag);
  if (text === undefined) OPEN_TAGS.set(tag, (text = `<${tag}>`));
  return text;
}

function closeTag(tag: string): string {
  let text = CLOSE_TAGS.get(tag);
  if (text === undefined) CLOSE_TAGS.set(tag, (text = `</${tag}>`));
  return text;
}

/** Where the character read to flatten a chunk goes, so the read is not optimised away. */
let _flatRead = 0;
