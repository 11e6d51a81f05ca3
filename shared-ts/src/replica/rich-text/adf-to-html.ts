/**
 * ADF -> HTML of the replica subset. Nodes with a tag in the subset map to it; every other node
 * is degraded to readable text or a link (see degrade-adf-node.ts). Only the structure the
 * converter relies on is checked; a document that breaks it gives an error value naming the path.
 */
import { htmlElement, htmlText, appendText, type HtmlElement, type HtmlNode } from './html-node';
import { MAX_HTML_DEPTH, type SubsetTag } from './html-subset';
import { degradeBlock, degradeInline, type AdfRenderer } from './degrade-adf-node';
import {
  adfChildren,
  MalformedAdf,
  readAdfDoc,
  stringAttr,
  type AdfMarkView,
  type AdfView,
} from './read-adf';
import type { RichTextError } from './rich-text-error';
import { safeUrl } from './safe-url';
import { limitHtmlDepth } from './limit-html-depth';
import { serializeHtml, serializeHtmlWithin } from './serialize-html';

/** Inline ADF node types; among blocks they are gathered into a paragraph. */
const INLINE_TYPES: ReadonlySet<string> = new Set([
  'text',
  'hardBreak',
  'mention',
  'emoji',
  'status',
  'date',
  'inlineCard',
  'mediaInline',
  'placeholder',
  'inlineExtension',
]);

const HEADING_TAGS: readonly SubsetTag[] = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Marks in the order they nest, outermost first, so a link around mixed formatting stays one `<a>`. */
const MARK_TAGS: ReadonlyMap<string, SubsetTag> = new Map<string, SubsetTag>([
  ['link', 'a'],
  ['strong', 'strong'],
  ['em', 'em'],
  ['underline', 'u'],
  ['strike', 's'],
  ['code', 'code'],
]);
const MARK_ORDER: readonly SubsetTag[] = [...MARK_TAGS.values()];
const NO_MARKS: readonly { key: string; element: HtmlElement }[] = Object.freeze([]);
/** Each mark type's place in `MARK_ORDER`. */
const MARK_INDEX: ReadonlyMap<string, number> = new Map(
  [...MARK_TAGS.keys()].map((type, index) => [type, index]),
);

const renderer: AdfRenderer = { blocks, inline };

// A Map, not an object: node types come from outside, and `toString` or `__proto__` must not find
// the object's prototype.
const BLOCKS: ReadonlyMap<string, (node: AdfView) => HtmlNode[]> = new Map(
  Object.entries({
    paragraph: (node: AdfView) => [htmlElement('p', inline(adfChildren(node)))],
    heading: (node: AdfView) => [htmlElement(headingTag(node.attrs.level), inline(adfChildren(node)))],
    bulletList: (node: AdfView) => [htmlElement('ul', listItems(node))],
    orderedList: (node: AdfView) => [htmlElement('ol', listItems(node), startAttribute(node.attrs.order))],
    blockquote: (node: AdfView) => [htmlElement('blockquote', blocks(adfChildren(node)))],
    // The language of a code block has no place in the subset; the code itself is kept exactly.
    codeBlock: (node: AdfView) => {
      const code = adfChildren(node)
        .map((child) => child.text ?? '')
        .join('');
      return [htmlElement('pre', [htmlElement('code', code === '' ? [] : [htmlText(code)])])];
    },
    table: (node: AdfView) => table(node),
  }),
);

/**
 * HTML of the replica subset for an ADF document (parsed JSON), or a `malformed-adf` error naming
 * the path when it is not shaped like ADF (not an object, root not `doc`, `content` not an
 * array, a node without a type, a text node without text). Unknown node types are not errors.
 */
export function adfToHtml(doc: unknown): { ok: true; html: string } | { ok: false; error: RichTextError } {
  try {
    const tree = blocks(adfChildren(readAdfDoc(doc)));
    // A tree no deeper than MAX_HTML_DEPTH is written as it is: limitHtmlDepth would copy it
    // unchanged but for joining adjacent text, which writes the same HTML.
    const html = serializeHtmlWithin(tree, MAX_HTML_DEPTH) ?? serializeHtml(limitHtmlDepth(tree));
    return { ok: true, html };
  } catch (error) {
    if (error instanceof MalformedAdf) {
      return { ok: false, error: { code: 'malformed-adf', message: error.message, path: error.path } };
    }
    throw error;
  }
}

function blocks(nodes: readonly AdfView[]): HtmlNode[] {
  const out: HtmlNode[] = [];
  /** Where the run of inline nodes not yet written starts; -1 when there is none. */
  let runStart = -1;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as AdfView;
    if (INLINE_TYPES.has(node.type)) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) out.push(htmlElement('p', inline(nodes.slice(runStart, i))));
    runStart = -1;
    const render = BLOCKS.get(node.type);
    const html = render ? render(node) : degradeBlock(node, renderer);
    for (let k = 0; k < html.length; k++) out.push(html[k] as HtmlNode);
  }
  if (runStart >= 0) out.push(htmlElement('p', inline(runStart === 0 ? nodes : nodes.slice(runStart))));
  return out;
}

/** Inline HTML; consecutive nodes sharing marks share the elements for them. */
function inline(nodes: readonly AdfView[]): HtmlNode[] {
  const root: HtmlNode[] = [];
  const open: { key: string; element: HtmlElement }[] = [];
  for (const node of nodes) {
    const marks = htmlMarks(node.marks);
    let kept = 0;
    while (kept < open.length && kept < marks.length && open[kept]?.key === marks[kept]?.key) kept++;
    if (open.length > kept) open.length = kept;
    for (let m = kept; m < marks.length; m++) {
      const mark = marks[m] as { key: string; element: HtmlElement };
      (open[open.length - 1]?.element.children ?? root).push(mark.element);
      open.push(mark);
    }
    const target = open[open.length - 1]?.element.children ?? root;
    const text = node.text;
    if (text !== null && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      // Text on one line (the common case) needs no array of its own.
      appendText(target, text);
      continue;
    }
    for (const child of inlineNode(node)) {
      if (child.kind === 'text') appendText(target, child.text);
      else target.push(child);
    }
  }
  return root;
}

function inlineNode(node: AdfView): HtmlNode[] {
  if (node.type === 'hardBreak') return [htmlElement('br')];
  const text = node.text;
  if (text === null) return degradeInline(node, renderer);
  if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text === '' ? [] : [htmlText(text)];
  // Line feeds inside ADF text are line breaks to a reader; HTML would fold them into spaces.
  const out: HtmlNode[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0) out.push(htmlElement('br'));
    if (line !== '') out.push(htmlText(line));
  });
  return out;
}

/** The subset's elements for a node's marks, outermost first; other marks (colour, sub/sup...) are dropped. */
function htmlMarks(marks: readonly AdfMarkView[]): readonly { key: string; element: HtmlElement }[] {
  if (marks.length === 0) return NO_MARKS;
  // One slot per subset mark, in MARK_ORDER; the first mark of each kind wins.
  const found: Array<{ key: string; element: HtmlElement } | undefined> = [];
  let count = 0;
  for (const mark of marks) {
    const order = MARK_INDEX.get(mark.type);
    if (order === undefined || found[order] !== undefined) continue;
    const tag = MARK_ORDER[order] as SubsetTag;
    if (tag === 'a') {
      const href = safeUrl(stringAttr(mark, 'href') ?? '');
      if (href === null) continue;
      found[order] = { key: `a ${href}`, element: htmlElement('a', [], { href }) };
    } else {
      found[order] = { key: tag, element: htmlElement(tag) };
    }
    count++;
  }
  const out: { key: string; element: HtmlElement }[] = [];
  for (let order = 0; order < MARK_ORDER.length && out.length < count; order++) {
    const mark = found[order];
    if (mark !== undefined) out.push(mark);
  }
  return out;
}

function headingTag(level: unknown): SubsetTag {
  const index = typeof level === 'number' && Number.isFinite(level) ? Math.round(level) - 1 : 0;
  return HEADING_TAGS[Math.min(5, Math.max(0, index))] ?? 'h1';
}

function startAttribute(order: unknown): Record<string, string> {
  return typeof order === 'number' && Number.isInteger(order) && order >= 0 && order !== 1
    ? { start: String(order) }
    : {};
}

function listItems(list: AdfView): HtmlNode[] {
  return adfChildren(list).map((item) =>
    htmlElement('li', withoutLeadingParagraph(blocks(item.type === 'listItem' ? adfChildren(item) : [item]))),
  );
}

/**
 * A list item or table cell writes its first paragraph without `<p>` (`<li>text</li>`), as
 * people and editors write them. An empty first paragraph keeps its tags: it is a line that matters.
 */
function withoutLeadingParagraph(nodes: HtmlNode[]): HtmlNode[] {
  const first = nodes[0];
  if (!(first?.kind === 'element' && first.tag === 'p' && first.children.length > 0)) return nodes;
  if (nodes.length === 1) return first.children;
  const out = first.children.slice();
  for (let i = 1; i < nodes.length; i++) out.push(nodes[i] as HtmlNode);
  return out;
}

/** A table; a first row of header cells goes in `<thead>`. */
function table(node: AdfView): HtmlNode[] {
  const rows = adfChildren(node).map((row) => htmlElement('tr', cells(row)));
  const first = rows[0];
  if (first === undefined) return [];
  const rest = rows.slice(1);
  const headed =
    first.children.length > 0 && first.children.every((cell) => cell.kind === 'element' && cell.tag === 'th');
  const sections = headed
    ? [htmlElement('thead', [first]), ...(rest.length > 0 ? [htmlElement('tbody', rest)] : [])]
    : [htmlElement('tbody', rows)];
  return [htmlElement('table', sections)];
}

function cells(row: AdfView): HtmlNode[] {
  return (row.type === 'tableRow' ? adfChildren(row) : [row]).map((cell) => {
    const isCell = cell.type === 'tableCell' || cell.type === 'tableHeader';
    const content = withoutLeadingParagraph(blocks(isCell ? adfChildren(cell) : [cell]));
    return htmlElement(cell.type === 'tableHeader' ? 'th' : 'td', content, isCell ? spans(cell) : {});
  });
}

function spans(cell: AdfView): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const name of ['colspan', 'rowspan']) {
    const span = cell.attrs[name];
    if (typeof span === 'number' && Number.isInteger(span) && span > 1 && span < 1000)
      attrs[name] = String(span);
  }
  return attrs;
}
