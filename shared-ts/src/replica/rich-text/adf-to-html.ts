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
import { escapeHtml, serializeHtml, serializeHtmlWithin } from './serialize-html';

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
    const root = readAdfDoc(doc);
    // Written straight from the ADF; a document that nests elements deeper than MAX_HTML_DEPTH
    // (rare, hostile) is built as a tree instead, whose depth limitHtmlDepth limits.
    const direct = writeDocument(root);
    if (direct !== null) return { ok: true, html: direct };
    const tree = blocks(adfChildren(root));
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

/**
 * `adfToHtml` by the reference path: the HTML tree built, then written. `adfToHtml` writes the
 * same HTML without the tree (and uses this path for documents nested past MAX_HTML_DEPTH); the
 * fuzz suite holds the two equal. Not for production callers.
 */
export function adfToHtmlByTree(
  doc: unknown,
): { ok: true; html: string } | { ok: false; error: RichTextError } {
  try {
    const tree = blocks(adfChildren(readAdfDoc(doc)));
    return { ok: true, html: serializeHtml(limitHtmlDepth(tree)) };
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

// ---- The direct writer: the same HTML as serialising the tree above, without building it ----

/**
 * HTML being written: its pieces, joined once at the end, and how many elements are open. The
 * tree functions above stay the reference (and serve the degraded nodes, whose HTML is small):
 * each function below writes what serialising its tree counterpart writes.
 */
interface HtmlOut {
  readonly parts: string[];
  depth: number;
}

/** Thrown when an element would sit deeper than MAX_HTML_DEPTH: `adfToHtml` then builds the tree. */
const TOO_DEEP = Object.freeze({ tooDeep: true });

/** A subset mark as written: its key (the tree path shares an element while keys match), its tags. */
interface WrittenMark {
  readonly key: string;
  readonly open: string;
  readonly close: string;
}

const PLAIN_MARKS: ReadonlyMap<string, WrittenMark> = new Map(
  MARK_ORDER.filter((tag) => tag !== 'a').map((tag) => [
    tag,
    { key: tag, open: `<${tag}>`, close: `</${tag}>` },
  ]),
);
const NO_WRITTEN_MARKS: readonly WrittenMark[] = Object.freeze([]);

/** The HTML of a document, or null when its elements nest deeper than MAX_HTML_DEPTH. */
function writeDocument(root: AdfView): string | null {
  const out: HtmlOut = { parts: [], depth: 0 };
  try {
    writeBlocks(adfChildren(root), out, false);
  } catch (error) {
    if (error === TOO_DEEP) return null;
    throw error;
  }
  return out.parts.join('');
}

function enter(out: HtmlOut): void {
  if (++out.depth > MAX_HTML_DEPTH) throw TOO_DEEP;
}

/** Nodes of the tree path (degraded nodes, broken lines), written at the current depth. */
function writeTree(nodes: readonly HtmlNode[], out: HtmlOut): void {
  if (nodes.length === 0) return;
  const html = serializeHtmlWithin(nodes, MAX_HTML_DEPTH - out.depth);
  if (html === null) throw TOO_DEEP;
  // A piece for any node the tree would hold (text of control characters only writes nothing
  // but still counts), so `writeParagraph` sees the content the tree path would.
  if (html !== '' || nodes.some((node) => node.kind === 'element' || node.text !== '')) out.parts.push(html);
}

/**
 * `blocks`, written. With `unwrapFirst` (list items and table cells), the first element written,
 * when it is a paragraph with content, loses its `<p>` tags (`withoutLeadingParagraph`).
 */
function writeBlocks(nodes: readonly AdfView[], out: HtmlOut, unwrapFirst: boolean): void {
  let unwrap = unwrapFirst;
  let runStart = -1;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as AdfView;
    if (INLINE_TYPES.has(node.type)) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) {
      writeParagraph(nodes, runStart, i, out, unwrap);
      unwrap = false;
    }
    runStart = -1;
    if (writeBlock(node, out, unwrap)) unwrap = false;
  }
  if (runStart >= 0) writeParagraph(nodes, runStart, nodes.length, out, unwrap);
}

/** `<p>` of the inline nodes `nodes[from..to)`; without its tags when `unwrap` and it has content. */
function writeParagraph(
  nodes: readonly AdfView[],
  from: number,
  to: number,
  out: HtmlOut,
  unwrap: boolean,
): void {
  const parts = out.parts;
  const at = parts.length;
  parts.push('<p>');
  enter(out);
  writeInline(nodes, from, to, out);
  out.depth--;
  if (unwrap && parts.length > at + 1) parts[at] = '';
  else parts.push('</p>');
}

/** One block node; true when it wrote an element (a table without rows and some degraded nodes write none). */
function writeBlock(node: AdfView, out: HtmlOut, unwrap: boolean): boolean {
  const parts = out.parts;
  switch (node.type) {
    case 'paragraph': {
      const children = adfChildren(node);
      writeParagraph(children, 0, children.length, out, unwrap);
      return true;
    }
    case 'heading': {
      const tag = headingTag(node.attrs.level);
      parts.push(`<${tag}>`);
      enter(out);
      const children = adfChildren(node);
      writeInline(children, 0, children.length, out);
      out.depth--;
      parts.push(`</${tag}>`);
      return true;
    }
    case 'bulletList':
      writeList(node, '<ul>', '</ul>', out);
      return true;
    case 'orderedList': {
      const start = startAttribute(node.attrs.order).start;
      writeList(node, start === undefined ? '<ol>' : `<ol start="${escapeHtml(start)}">`, '</ol>', out);
      return true;
    }
    case 'blockquote':
      parts.push('<blockquote>');
      enter(out);
      writeBlocks(adfChildren(node), out, false);
      out.depth--;
      parts.push('</blockquote>');
      return true;
    case 'codeBlock': {
      const children = adfChildren(node);
      let code = '';
      for (let i = 0; i < children.length; i++) code += (children[i] as AdfView).text ?? '';
      enter(out);
      enter(out);
      out.depth -= 2;
      parts.push(code === '' ? '<pre><code></code></pre>' : `<pre><code>${escapeHtml(code)}</code></pre>`);
      return true;
    }
    case 'table':
      return writeTable(node, out);
  }
  const html = degradeBlock(node, renderer);
  writeTree(unwrap ? withoutLeadingParagraph(html) : html, out);
  return html.length > 0;
}

function writeList(list: AdfView, open: string, close: string, out: HtmlOut): void {
  const parts = out.parts;
  parts.push(open);
  enter(out);
  const items = adfChildren(list);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as AdfView;
    parts.push('<li>');
    enter(out);
    writeBlocks(item.type === 'listItem' ? adfChildren(item) : [item], out, true);
    out.depth--;
    parts.push('</li>');
  }
  out.depth--;
  parts.push(close);
}

/** `table`, written: a first row of header cells goes in `<thead>`. */
function writeTable(node: AdfView, out: HtmlOut): boolean {
  const rows = adfChildren(node);
  if (rows.length === 0) return false;
  const parts = out.parts;
  const firstCells = rowCells(rows[0] as AdfView);
  let headed = firstCells.length > 0;
  for (let i = 0; i < firstCells.length && headed; i++)
    headed = (firstCells[i] as AdfView).type === 'tableHeader';
  parts.push(headed ? '<table><thead>' : '<table><tbody>');
  enter(out);
  enter(out);
  writeRow(firstCells, out);
  if (headed) {
    parts.push('</thead>');
    if (rows.length > 1) parts.push('<tbody>');
  }
  for (let r = 1; r < rows.length; r++) writeRow(rowCells(rows[r] as AdfView), out);
  out.depth -= 2;
  parts.push(headed && rows.length === 1 ? '</table>' : '</tbody></table>');
  return true;
}

function rowCells(row: AdfView): AdfView[] {
  return row.type === 'tableRow' ? adfChildren(row) : [row];
}

function writeRow(cellsOfRow: readonly AdfView[], out: HtmlOut): void {
  const parts = out.parts;
  parts.push('<tr>');
  enter(out);
  for (let i = 0; i < cellsOfRow.length; i++) {
    const cell = cellsOfRow[i] as AdfView;
    const isCell = cell.type === 'tableCell' || cell.type === 'tableHeader';
    const tag = cell.type === 'tableHeader' ? 'th' : 'td';
    let open = '<' + tag;
    if (isCell) {
      const attrs = spans(cell);
      for (const name in attrs) open += ' ' + name + '="' + escapeHtml(attrs[name] as string) + '"';
    }
    parts.push(open + '>');
    enter(out);
    writeBlocks(isCell ? adfChildren(cell) : [cell], out, true);
    out.depth--;
    parts.push(tag === 'th' ? '</th>' : '</td>');
  }
  out.depth--;
  parts.push('</tr>');
}

/** `inline` of `nodes[from..to)`, written: consecutive nodes sharing marks share their elements. */
function writeInline(nodes: readonly AdfView[], from: number, to: number, out: HtmlOut): void {
  const parts = out.parts;
  const open: WrittenMark[] = [];
  for (let n = from; n < to; n++) {
    const node = nodes[n] as AdfView;
    const marks = writtenMarks(node.marks);
    let kept = 0;
    while (
      kept < open.length &&
      kept < marks.length &&
      (open[kept] as WrittenMark).key === (marks[kept] as WrittenMark).key
    )
      kept++;
    while (open.length > kept) {
      parts.push((open.pop() as WrittenMark).close);
      out.depth--;
    }
    for (let m = kept; m < marks.length; m++) {
      const mark = marks[m] as WrittenMark;
      parts.push(mark.open);
      enter(out);
      open.push(mark);
    }
    const text = node.text;
    if (text !== null && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      if (text !== '') parts.push(escapeHtml(text));
      continue;
    }
    writeTree(inlineNode(node), out);
  }
  while (open.length > 0) {
    parts.push((open.pop() as WrittenMark).close);
    out.depth--;
  }
}

/** `htmlMarks`, as written tags. */
function writtenMarks(marks: readonly AdfMarkView[]): readonly WrittenMark[] {
  if (marks.length === 0) return NO_WRITTEN_MARKS;
  const found: Array<WrittenMark | undefined> = [];
  let count = 0;
  for (const mark of marks) {
    const order = MARK_INDEX.get(mark.type);
    if (order === undefined || found[order] !== undefined) continue;
    const tag = MARK_ORDER[order] as SubsetTag;
    if (tag === 'a') {
      const href = safeUrl(stringAttr(mark, 'href') ?? '');
      if (href === null) continue;
      found[order] = { key: `a ${href}`, open: `<a href="${escapeHtml(href)}">`, close: '</a>' };
    } else {
      found[order] = PLAIN_MARKS.get(tag) as WrittenMark;
    }
    count++;
  }
  const written: WrittenMark[] = [];
  for (let order = 0; order < MARK_ORDER.length && written.length < count; order++) {
    const mark = found[order];
    if (mark !== undefined) written.push(mark);
  }
  return written;
}
