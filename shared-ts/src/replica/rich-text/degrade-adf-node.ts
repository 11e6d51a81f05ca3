/**
 * What ADF nodes outside the replica's HTML subset become. Each keeps what a reader needs: its
 * text, its link, or a bracketed note saying what was there, so nothing vanishes silently.
 * docs/replica.md lists the same table for people.
 */
import { htmlElement, htmlText, type HtmlElement, type HtmlNode } from './html-node';
import { adfChildren, stringAttr, type AdfView } from './read-adf';
import { safeUrl } from './safe-url';

/** The converter's own rendering, handed in so degraded nodes can render what they contain. */
export interface AdfRenderer {
  /** Block HTML for block nodes (inline nodes among them are gathered into paragraphs). */
  blocks(nodes: readonly AdfView[]): HtmlNode[];
  /** Inline HTML, with marks, for inline nodes. */
  inline(nodes: readonly AdfView[]): HtmlNode[];
}

type Degrade = (node: AdfView, render: AdfRenderer) => HtmlNode[];

// Maps, not objects: types and panel kinds come from outside, and `constructor` or `__proto__`
// must not find the object's prototype.
const PANEL_LABELS: ReadonlyMap<string, string> = new Map([
  ['info', 'Info'],
  ['note', 'Note'],
  ['tip', 'Tip'],
  ['warning', 'Warning'],
  ['error', 'Error'],
  ['success', 'Success'],
]);

const INLINE: ReadonlyMap<string, Degrade> = new Map<string, Degrade>(
  Object.entries({
    mention: (node) => [htmlText(mentionText(node))],
    emoji: (node) => [htmlText(stringAttr(node, 'text') || stringAttr(node, 'shortName') || '[emoji]')],
    status: (node) => [htmlText(`[${stringAttr(node, 'text') || 'status'}]`)],
    date: (node) => [htmlText(dateText(stringAttr(node, 'timestamp')))],
    inlineCard: (node) => cardLink(node),
    mediaInline: (node) => mediaLink(node),
    // An editor placeholder is a hint shown in an empty document, not content.
    placeholder: () => [],
    inlineExtension: (node: AdfView) => [htmlText(extensionText(node))],
  }),
);

const BLOCKS: ReadonlyMap<string, Degrade> = new Map<string, Degrade>(
  Object.entries({
    rule: () => [paragraph([htmlText('---')])],
    panel: (node, render) => [htmlElement('blockquote', [...panelLabel(node), ...contentOf(node, render)])],
    expand: (node, render) => [...titleParagraph(node), ...contentOf(node, render)],
    nestedExpand: (node, render) => [...titleParagraph(node), ...contentOf(node, render)],
    media: (node) => [paragraph(mediaLink(node))],
    caption: (node, render) => [paragraph(render.inline(adfChildren(node)))],
    taskList: (node, render) => [htmlElement('ul', taskItems(node, render))],
    decisionList: (node, render) => [
      htmlElement(
        'ul',
        adfChildren(node).map((item) =>
          htmlElement('li', [htmlText('Decision: '), ...render.inline(adfChildren(item))]),
        ),
      ),
    ],
    blockCard: (node) => [paragraph(cardLink(node))],
    embedCard: (node) => [paragraph(cardLink(node))],
    extension: (node) => [paragraph([htmlText(extensionText(node))])],
    syncBlock: () => [paragraph([htmlText('[synced block]')])],
  }),
);

/**
 * HTML for a block node the subset has no tag for: a known ADF node by the table above; an
 * unknown one by its content, else its `url` or `text` attribute, else a note naming its type.
 * Containers such as mediaSingle, mediaGroup, layoutSection and bodiedExtension show their content.
 */
export function degradeBlock(node: AdfView, render: AdfRenderer): HtmlNode[] {
  const known = BLOCKS.get(node.type);
  if (known) return known(node, render);
  return node.content !== null ? contentOf(node, render) : [paragraph(leafText(node))];
}

/** HTML for an inline node other than text and hardBreak, by the same rules as `degradeBlock`. */
export function degradeInline(node: AdfView, render: AdfRenderer): HtmlNode[] {
  const known = INLINE.get(node.type);
  if (known) return known(node, render);
  // A block where inline content belongs (broken ADF): its text, kept apart from its neighbours.
  if (node.content !== null) return [htmlText(' '), ...render.inline(adfChildren(node)), htmlText(' ')];
  return leafText(node);
}

function contentOf(node: AdfView, render: AdfRenderer): HtmlNode[] {
  return render.blocks(adfChildren(node));
}

function paragraph(children: HtmlNode[]): HtmlElement {
  return htmlElement('p', children);
}

function leafText(node: AdfView): HtmlNode[] {
  const url = stringAttr(node, 'url');
  if (url) return link(url, url);
  const text = stringAttr(node, 'text');
  return [htmlText(text || `[unsupported content: ${node.type}]`)];
}

function link(url: string, label: string): HtmlNode[] {
  const href = safeUrl(url);
  return href === null ? [htmlText(label)] : [htmlElement('a', [htmlText(label)], { href })];
}

function mentionText(node: AdfView): string {
  const text = stringAttr(node, 'text');
  if (text) return text.startsWith('@') ? text : `@${text}`;
  return `@${stringAttr(node, 'id') || 'someone'}`;
}

/** ADF dates are milliseconds since the epoch, as a string; shown as the UTC calendar date. */
function dateText(timestamp: string | null): string {
  const date = new Date(Number(timestamp));
  if (timestamp === null || timestamp.trim() === '' || Number.isNaN(date.getTime()))
    return timestamp || '[date]';
  return date.toISOString().slice(0, 10);
}

function cardLink(node: AdfView): HtmlNode[] {
  const data = node.attrs.data;
  const dataUrl =
    typeof data === 'object' && data !== null && 'url' in data && typeof data.url === 'string'
      ? data.url
      : null;
  const url = stringAttr(node, 'url') || dataUrl;
  return url ? link(url, url) : [htmlText('[smart link]')];
}

/** Media files live in Jira's media store, out of reach: they are named. External images stay links. */
function mediaLink(node: AdfView): HtmlNode[] {
  const alt = stringAttr(node, 'alt');
  const url = stringAttr(node, 'type') === 'external' ? stringAttr(node, 'url') : null;
  if (url) return link(url, alt || url);
  return [htmlText(alt ? `[attachment: ${alt}]` : '[attachment]')];
}

function extensionText(node: AdfView): string {
  return `[extension: ${stringAttr(node, 'text') || stringAttr(node, 'extensionKey') || 'unknown'}]`;
}

function panelLabel(node: AdfView): HtmlNode[] {
  const label = PANEL_LABELS.get(stringAttr(node, 'panelType') ?? '');
  return label ? [paragraph([htmlElement('strong', [htmlText(label)])])] : [];
}

function titleParagraph(node: AdfView): HtmlNode[] {
  const title = stringAttr(node, 'title');
  return title ? [paragraph([htmlElement('strong', [htmlText(title)])])] : [];
}

/** Tasks become list items starting `[ ]` or `[x]`; a nested task list joins the item before it. */
function taskItems(list: AdfView, render: AdfRenderer): HtmlElement[] {
  const items: HtmlElement[] = [];
  for (const child of adfChildren(list)) {
    const box = htmlText(stringAttr(child, 'state') === 'DONE' ? '[x] ' : '[ ] ');
    if (child.type === 'taskList') {
      const nested = htmlElement('ul', taskItems(child, render));
      const last = items[items.length - 1];
      if (last) last.children.push(nested);
      else items.push(htmlElement('li', [nested]));
    } else if (child.type === 'taskItem') {
      items.push(htmlElement('li', [box, ...render.inline(adfChildren(child))]));
    } else {
      const [first, ...rest] = render.blocks(child.type === 'blockTaskItem' ? adfChildren(child) : [child]);
      const lead = first?.kind === 'element' && first.tag === 'p' ? first.children : first ? [first] : [];
      items.push(htmlElement('li', [box, ...lead, ...rest]));
    }
  }
  return items;
}
