/**
 * HTML -> ADF. Reads any HTML through the sanitiser, then builds a document that Atlassian's
 * schema accepts, whatever the nesting of the input: content a node may not hold in ADF is
 * moved or unwrapped, never dropped (a heading inside a list item becomes a bold paragraph, a
 * table inside a table cell becomes its cells' paragraphs). Lists nest at most
 * `MAX_LIST_NESTING` deep, so the document stays within what `adfToHtml` reads as structure
 * (`MAX_ADF_DEPTH`) and converting it back and forth is stable.
 */
import type { AdfDoc, AdfNode } from './adf';
import type { HtmlElement, HtmlNode } from './html-node';
import { inlineContent, type InlineMarks, type InlinePiece } from './inline-content';
import { parseHtml } from './parse-html';

/** Which ADF node the blocks being built will sit in; each allows different children. */
type Context = 'doc' | 'blockquote' | 'listItem' | 'tableCell';

const ALLOWS: Readonly<Record<Context, { heading: boolean; blockquote: boolean; table: boolean }>> = {
  doc: { heading: true, blockquote: true, table: true },
  blockquote: { heading: false, blockquote: false, table: false },
  listItem: { heading: false, blockquote: false, table: false },
  tableCell: { heading: true, blockquote: true, table: false },
};

/** Blocks being built for one container, and the paragraph (or heading) currently open in it. */
interface Sink {
  readonly context: Context;
  /** How many lists the container is in. */
  readonly lists: number;
  readonly blocks: AdfNode[];
  run: { head: AdfNode; pieces: InlinePiece[] } | null;
  /** The marker (`- `, `3. `) of a list item too deep to be a list item, for the next line to start with. */
  marker: string | null;
}

/**
 * Lists nest at most this deep in the ADF `htmlToAdf` writes. Deeper lists (possible in HTML up
 * to `MAX_HTML_DEPTH`) become paragraphs starting with their marker (`- `, `3. `) in the deepest
 * item, so the text stays and the document (at most about 70 levels) stays within `MAX_ADF_DEPTH`.
 */
export const MAX_LIST_NESTING = 32;

const HEADING_LEVELS: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const WHITE_SPACE_ONLY = /^[ \t\n\r\f]*$/;

/**
 * An ADF document (version 1) for any HTML, valid against Atlassian's published ADF schema.
 * Text, links and the formatting of the replica subset are kept; everything else is sanitised
 * away first. Converting the result back with `adfToHtml` and again with `htmlToAdf` gives the
 * same document.
 */
export function htmlToAdf(html: string): AdfDoc {
  const sink = newSink('doc', 0);
  walk(parseHtml(html), sink, {});
  return { version: 1, type: 'doc', content: close(sink) };
}

function newSink(context: Context, lists: number): Sink {
  return { context, lists, blocks: [], run: null, marker: null };
}

function walk(nodes: readonly HtmlNode[], sink: Sink, marks: InlineMarks): void {
  for (const node of nodes) visit(node, sink, marks);
}

function visit(node: HtmlNode, sink: Sink, marks: InlineMarks): void {
  if (node.kind === 'text') {
    addPiece(sink, { kind: 'text', text: node.text, marks });
    return;
  }
  const { children } = node;
  const allows = ALLOWS[sink.context];
  switch (node.tag) {
    case 'br':
      return addPiece(sink, { kind: 'break' });
    case 'strong':
    case 'b':
      return walk(children, sink, { ...marks, strong: true });
    case 'em':
    case 'i':
      return walk(children, sink, { ...marks, em: true });
    case 'u':
      return walk(children, sink, { ...marks, underline: true });
    case 's':
      return walk(children, sink, { ...marks, strike: true });
    case 'code':
      return walk(children, sink, { ...marks, code: true });
    case 'a':
      return walk(
        children,
        sink,
        node.attrs.href === undefined ? marks : { ...marks, link: node.attrs.href },
      );
    case 'p':
      return textBlock(children, sink, marks, { type: 'paragraph' });
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return allows.heading
        ? textBlock(children, sink, marks, { type: 'heading', attrs: { level: HEADING_LEVELS[node.tag] } })
        : textBlock(children, sink, { ...marks, strong: true }, { type: 'paragraph' });
    case 'pre':
      return addBlock(sink, codeBlock(preformattedText(children)));
    case 'ul':
    case 'ol':
      return sink.lists < MAX_LIST_NESTING
        ? addBlock(sink, list(node, sink, marks))
        : markedItems(node, sink, marks);
    case 'blockquote':
      return allows.blockquote
        ? addBlock(sink, blockquote(children, sink, marks))
        : boundary(children, sink, marks);
    case 'table':
      return allows.table ? addBlock(sink, table(children, sink, marks)) : boundary(children, sink, marks);
    default:
      // li, tr, th, td, thead, tbody outside their parents, or a table or quote where ADF has none.
      return boundary(children, sink, marks);
  }
}

function addPiece(sink: Sink, piece: InlinePiece): void {
  sink.run ??= startRun(sink, { type: 'paragraph' });
  sink.run.pieces.push(piece);
}

/** A new paragraph or heading, starting with the marker of a too-deep list item if one waits. */
function startRun(sink: Sink, head: AdfNode): { head: AdfNode; pieces: InlinePiece[] } {
  const pieces: InlinePiece[] = sink.marker === null ? [] : [{ kind: 'text', text: sink.marker, marks: {} }];
  sink.marker = null;
  return { head, pieces };
}

function addBlock(sink: Sink, block: AdfNode | null): void {
  flush(sink);
  flushMarker(sink);
  if (block) sink.blocks.push(block);
}

/** A marker no line took (the item was empty or starts with a block) is a paragraph of its own. */
function flushMarker(sink: Sink): void {
  if (sink.marker === null) return;
  addPiece(sink, { kind: 'text', text: '', marks: {} });
  flush(sink);
}

/** Ends the open paragraph or heading; one holding only white space is dropped. */
function flush(sink: Sink): void {
  if (sink.run === null) return;
  const content = inlineContent(sink.run.pieces);
  if (content.length > 0) sink.blocks.push(withContent(sink.run.head, content));
  sink.run = null;
}

/** A paragraph or heading head (`type`, maybe `attrs`) with its content; cheaper than a spread. */
function withContent(head: AdfNode, content: AdfNode[]): AdfNode {
  return head.attrs === undefined
    ? { type: head.type, content }
    : { type: head.type, attrs: head.attrs, content };
}

function close(sink: Sink): AdfNode[] {
  flush(sink);
  return sink.blocks;
}

/** Content that starts and ends a line but has no node of its own. */
function boundary(children: readonly HtmlNode[], sink: Sink, marks: InlineMarks): void {
  flush(sink);
  walk(children, sink, marks);
  flush(sink);
}

/**
 * A paragraph or heading. A block inside it (possible in broken HTML) splits it; an explicit
 * empty one is kept, because it is a blank line the author made.
 */
function textBlock(children: readonly HtmlNode[], sink: Sink, marks: InlineMarks, head: AdfNode): void {
  flush(sink);
  const before = sink.blocks.length;
  sink.run = startRun(sink, head);
  walk(children, sink, marks);
  flush(sink);
  if (sink.blocks.length === before) sink.blocks.push(withContent(head, []));
}

function emptyParagraph(): AdfNode {
  return { type: 'paragraph', content: [] };
}

function codeBlock(text: string): AdfNode {
  return { type: 'codeBlock', content: text === '' ? [] : [{ type: 'text', text }] };
}

/** The text of a `<pre>` exactly as written, line breaks included; formatting inside is dropped. */
function preformattedText(nodes: readonly HtmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.kind === 'text') text += node.text;
    else text += node.tag === 'br' ? '\n' : preformattedText(node.children);
  }
  return text;
}

function blockquote(children: readonly HtmlNode[], outer: Sink, marks: InlineMarks): AdfNode | null {
  const inner = newSink('blockquote', outer.lists);
  walk(children, inner, marks);
  const content = close(inner);
  return content.length > 0 ? { type: 'blockquote', content } : null;
}

/**
 * A bullet or ordered list. Content that is not in an `<li>` (a nested list written directly
 * inside `<ul>`, stray text) joins the item before it.
 */
function list(node: HtmlElement, outer: Sink, marks: InlineMarks): AdfNode | null {
  const items: Sink[] = [];
  const newItem = (): Sink => newSink('listItem', outer.lists + 1);
  for (const child of node.children) {
    if (child.kind === 'element' && child.tag === 'li') {
      const item = newItem();
      walk(child.children, item, marks);
      flush(item);
      items.push(item);
    } else if (!(items.length === 0 && isWhiteSpace(child))) {
      const item = items[items.length - 1] ?? newItem();
      if (items.length === 0) items.push(item);
      visit(child, item, marks);
    }
  }
  if (items.length === 0) return null;
  const content = items.map((item) => ({ type: 'listItem', content: listItemContent(item) }));
  if (node.tag === 'ul') return { type: 'bulletList', content };
  const start = listStart(node);
  return start === 1
    ? { type: 'orderedList', content }
    : { type: 'orderedList', attrs: { order: start }, content };
}

function listStart(node: HtmlElement): number {
  return Number(node.attrs.start ?? '1');
}

/**
 * A list nested deeper than `MAX_LIST_NESTING`: each item's lines join the container, the first
 * starting with the item's marker (`- `, or its number for an ordered list); content written
 * directly in the list joins the item before it, as in `list`.
 */
function markedItems(node: HtmlElement, sink: Sink, marks: InlineMarks): void {
  let number = listStart(node);
  for (const child of node.children) {
    if (child.kind === 'element' && child.tag === 'li') {
      flush(sink);
      flushMarker(sink);
      sink.marker = node.tag === 'ol' ? `${number++}. ` : '- ';
      walk(child.children, sink, marks);
      flush(sink);
      flushMarker(sink);
    } else {
      visit(child, sink, marks);
    }
  }
}

/** ADF wants a list item to start with a paragraph or a code block. */
function listItemContent(item: Sink): AdfNode[] {
  const blocks = close(item);
  const first = blocks[0];
  if (first === undefined || (first.type !== 'paragraph' && first.type !== 'codeBlock')) {
    blocks.unshift(emptyParagraph());
  }
  return blocks;
}

interface CellDraft {
  readonly type: 'tableHeader' | 'tableCell';
  readonly attrs: Record<string, number>;
  readonly sink: Sink;
}

/** A table from rows in `<thead>`/`<tbody>` or directly inside; stray cells and content form rows. */
function table(children: readonly HtmlNode[], outer: Sink, marks: InlineMarks): AdfNode | null {
  const rows: CellDraft[][] = [];
  let strayRow: CellDraft[] | null = null;
  const collect = (nodes: readonly HtmlNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'element' && (node.tag === 'thead' || node.tag === 'tbody')) {
        collect(node.children);
      } else if (node.kind === 'element' && node.tag === 'tr') {
        const cells: CellDraft[] = [];
        for (const child of node.children) {
          if (!(cells.length === 0 && isWhiteSpace(child))) addToRow(cells, child, outer, marks);
        }
        rows.push(cells);
        strayRow = null;
      } else if (!(strayRow === null && isWhiteSpace(node))) {
        if (strayRow === null) {
          strayRow = [];
          rows.push(strayRow);
        }
        addToRow(strayRow, node, outer, marks);
      }
    }
  };
  collect(children);
  const content = rows
    .filter((cells) => cells.length > 0)
    .map((cells) => ({ type: 'tableRow', content: cells.map(cellNode) }));
  return content.length > 0 ? { type: 'table', content } : null;
}

/** A `<td>`/`<th>` starts a cell; anything else joins the row's last cell. */
function addToRow(cells: CellDraft[], node: HtmlNode, outer: Sink, marks: InlineMarks): void {
  if (node.kind === 'element' && (node.tag === 'td' || node.tag === 'th')) {
    const attrs: Record<string, number> = {};
    const { colspan, rowspan } = node.attrs;
    if (colspan !== undefined && Number(colspan) > 1) attrs.colspan = Number(colspan);
    if (rowspan !== undefined && Number(rowspan) > 1) attrs.rowspan = Number(rowspan);
    const cell: CellDraft = {
      type: node.tag === 'th' ? 'tableHeader' : 'tableCell',
      attrs,
      sink: newSink('tableCell', outer.lists),
    };
    walk(node.children, cell.sink, marks);
    flush(cell.sink);
    cells.push(cell);
    return;
  }
  let cell = cells[cells.length - 1];
  if (cell === undefined) {
    cell = { type: 'tableCell', attrs: {}, sink: newSink('tableCell', outer.lists) };
    cells.push(cell);
  }
  visit(node, cell.sink, marks);
}

function cellNode(cell: CellDraft): AdfNode {
  const blocks = close(cell.sink);
  const content = blocks.length > 0 ? blocks : [emptyParagraph()];
  return Object.keys(cell.attrs).length > 0
    ? { type: cell.type, attrs: cell.attrs, content }
    : { type: cell.type, content };
}

function isWhiteSpace(node: HtmlNode): boolean {
  return node.kind === 'text' && WHITE_SPACE_ONLY.test(node.text);
}
