/**
 * Parses any HTML, however broken or hostile, into the sanitised tree of the subset. This is
 * the one place where untrusted HTML is read: `sanitizeHtml`, `htmlToAdf` and `htmlToText`
 * all start here. Time is linear in the input: `scanHtml` reports each element once, every
 * lookup below is on the top of a stack, and the tree is at most `MAX_HTML_DEPTH` deep.
 */
import {
  appendText,
  htmlElement,
  htmlText,
  NO_ATTRIBUTES,
  type HtmlElement,
  type HtmlNode,
} from './html-node';
import {
  CLOSES_PARENT,
  DROPPED_TAGS,
  INLINE_TAGS,
  MAX_HTML_DEPTH,
  SUBSET_ATTRIBUTES,
  TEXT_BLOCK_TAGS,
  UNKNOWN_BLOCK_TAGS,
  isSubsetTag,
  type SubsetTag,
} from './html-subset';
import { safeUrl } from './safe-url';
import { scanHtml, type HtmlAttributes } from './scan-html';

/** An unknown block-level element while parsing; resolved away before the tree is returned. */
interface Boundary {
  readonly kind: 'boundary';
  readonly children: RawNode[];
}
type RawElement = Omit<HtmlElement, 'children'> & { readonly children: RawNode[] };
type RawNode = HtmlNode | RawElement | Boundary;

/** One open element and what opening it changed, so closing it can undo exactly that. */
interface Frame {
  /** The subset element this frame opened, if it opened one. */
  readonly tag: SubsetTag | null;
  /** Whether it opened a container (an element or a boundary) that now receives content. */
  readonly contains: boolean;
  readonly drops: boolean;
  readonly isLink: boolean;
  /** A block too deep to nest: a space keeps its text apart from what follows. */
  readonly separates: boolean;
}

const PLAIN: Frame = { tag: null, contains: false, drops: false, isLink: false, separates: false };
const SEPARATES: Frame = { ...PLAIN, separates: true };
const DROPS: Frame = { ...PLAIN, drops: true };

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
const WHITE_SPACE_ONLY = /^[ \t\n\r\f]*$/;

/** Whether `text` has a character `CONTROL_CHARACTERS` removes: a loop, cheaper than the regex on most text. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 ? c !== 9 && c !== 10 && c !== 12 && c !== 13 : c === 127) return true;
  }
  return false;
}

// The subset's tables as maps: a lookup by a name that is not there costs less than on an object.
const CLOSED_PARENTS: ReadonlyMap<string, ReadonlySet<SubsetTag>> = new Map(Object.entries(CLOSES_PARENT));
/** Each tag's allowed attributes as `[name, pattern]` pairs, made once (not per element). */
const ALLOWED_ATTRIBUTES: ReadonlyMap<string, ReadonlyArray<readonly [string, RegExp]>> = new Map(
  Object.entries(SUBSET_ATTRIBUTES).map(([tag, allowed]) => [tag, Object.entries(allowed ?? {})]),
);

/** The sanitised tree of `html`: subset tags and attributes only, safe links, no active content. */
export function parseHtml(html: string): HtmlNode[] {
  const root: RawNode[] = [];
  const frames: Frame[] = [];
  /** The open containers, innermost last; `root` at the bottom. */
  const containers: RawNode[][] = [root];
  /** The subset elements open, innermost last. */
  const tags: SubsetTag[] = [];
  /** Text read since the last tag, appended to until the next tag comes. */
  let pending = '';
  let dropping = 0;
  let links = 0;
  /** Whether a boundary was opened: without one, the raw tree is already the resolved tree. */
  let boundaries = false;

  const container = (): RawNode[] => containers[containers.length - 1] as RawNode[];

  const flushText = (): void => {
    if (pending === '') return;
    appendRawText(
      container(),
      hasControlCharacter(pending) ? pending.replace(CONTROL_CHARACTERS, '') : pending,
    );
    pending = '';
  };

  const contain = (node: RawElement | Boundary, tag: SubsetTag | null, isLink: boolean): Frame => {
    if (node.kind === 'boundary') boundaries = true;
    container().push(node);
    containers.push(node.children);
    if (tag !== null) tags.push(tag);
    return { tag, contains: true, drops: false, isLink, separates: false };
  };

  const open = (name: string, attribs: HtmlAttributes): Frame => {
    if (dropping > 0 || DROPPED_TAGS.has(name)) return DROPS;
    if (name === 'img') {
      // Text goes through appendRawText, so no two text nodes are ever adjacent in the raw tree.
      for (const node of imageAsLink(attribs, links > 0)) {
        if (node.kind === 'text') appendRawText(container(), node.text);
        else container().push(node);
      }
      return PLAIN;
    }
    if (containers.length > MAX_HTML_DEPTH) {
      // Too deep to nest further: the element goes, its text stays, a block's or a line's apart.
      if (name === 'br' || isBlockTag(name)) appendRawText(container(), ' ');
      return isBlockTag(name) ? SEPARATES : PLAIN;
    }
    if (UNKNOWN_BLOCK_TAGS.has(name) || (isSubsetTag(name) && closesParent(name))) {
      return contain({ kind: 'boundary', children: [] }, null, false);
    }
    if (!isSubsetTag(name)) return PLAIN;
    let attrs = subsetAttributes(name, attribs);
    if (name === 'a') {
      const href = safeUrl(attribs.href ?? '');
      // A link inside a link cannot be expressed in ADF (one link per character): the outer wins.
      if (href === null || links > 0) return PLAIN;
      attrs = { href };
    }
    return contain({ kind: 'element', tag: name, attrs, children: [] }, name, name === 'a');
  };

  const closesParent = (tag: SubsetTag): boolean => {
    const parent = tags[tags.length - 1];
    return parent !== undefined && (CLOSED_PARENTS.get(tag)?.has(parent) ?? false);
  };

  scanHtml(html, {
    open(name, attribs) {
      flushText();
      const frame = open(name, attribs);
      frames.push(frame);
      if (frame.drops) dropping++;
      if (frame.isLink) links++;
    },
    close() {
      flushText();
      const frame = frames.pop();
      if (frame === undefined) return;
      if (frame.drops) dropping--;
      if (frame.isLink) links--;
      if (frame.contains) containers.pop();
      if (frame.tag !== null) tags.pop();
      if (frame.separates) appendRawText(container(), ' ');
    },
    text(data) {
      if (dropping === 0) pending += data;
    },
  });
  flushText();
  // Without boundaries, resolving would copy the tree node for node: raw elements have the
  // shape of `HtmlElement`, and text is already joined (appendRawText) and never empty.
  if (!boundaries) return root as HtmlNode[];
  const out: HtmlNode[] = [];
  resolveInto(root, false, out);
  return out;
}

/** A tag a browser shows as a block: subset tags other than inline ones, and the unknown block tags. */
export function isBlockTag(name: string): boolean {
  return UNKNOWN_BLOCK_TAGS.has(name) || (isSubsetTag(name) && !INLINE_TAGS.has(name));
}

function subsetAttributes(tag: SubsetTag, attribs: HtmlAttributes): Readonly<Record<string, string>> {
  const allowed = ALLOWED_ATTRIBUTES.get(tag);
  if (allowed === undefined) return NO_ATTRIBUTES;
  const kept: Record<string, string> = {};
  for (let i = 0; i < allowed.length; i++) {
    const [name, pattern] = allowed[i] as readonly [string, RegExp];
    const value = attribs[name]?.trim();
    if (value !== undefined && pattern.test(value)) kept[name] = value;
  }
  return kept;
}

/** An image becomes a link to it, labelled with its alt text or file name; an unsafe one becomes text. */
function imageAsLink(attribs: HtmlAttributes, insideLink: boolean): RawNode[] {
  const alt = (attribs.alt ?? '').trim();
  const src = safeUrl(attribs.src ?? '');
  if (src === null) return [htmlText(alt ? `[image: ${alt}]` : '[image]')];
  const label = alt || fileName(src) || src;
  return insideLink
    ? [htmlText(label)]
    : [{ kind: 'element', tag: 'a', attrs: { href: src }, children: [htmlText(label)] }];
}

function fileName(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return path.slice(path.lastIndexOf('/') + 1);
}

function appendRawText(nodes: RawNode[], text: string): void {
  const last = nodes[nodes.length - 1];
  if (last?.kind === 'text') nodes[nodes.length - 1] = htmlText(last.text + text);
  else if (text !== '') nodes.push(htmlText(text));
}

/**
 * Writes `nodes` to `out` with boundaries replaced by their content: inside a line, by that
 * content between spaces; among blocks, by that content with each run of inline content
 * wrapped in a paragraph. Each node is written once (recursion is as deep as the tree: at most
 * `MAX_HTML_DEPTH`).
 */
function resolveInto(nodes: readonly RawNode[], inline: boolean, out: HtmlNode[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      appendText(out, node.text);
    } else if (node.kind === 'element') {
      out.push(resolveElement(node, inline));
    } else if (inline) {
      appendText(out, ' ');
      resolveInto(node.children, true, out);
      appendText(out, ' ');
    } else {
      resolveBoundary(node, out);
    }
  }
}

function resolveElement(node: RawElement, inline: boolean): HtmlElement {
  const children: HtmlNode[] = [];
  resolveInto(node.children, inline || INLINE_TAGS.has(node.tag) || TEXT_BLOCK_TAGS.has(node.tag), children);
  return htmlElement(node.tag, children, node.attrs);
}

/** A boundary among blocks: each run of inline content becomes a paragraph; runs of white space alone go. */
function resolveBoundary(boundary: Boundary, out: HtmlNode[]): void {
  let run: HtmlNode[] = [];
  const flush = (): void => {
    if (run.some((node) => node.kind === 'element' || !WHITE_SPACE_ONLY.test(node.text))) {
      out.push(htmlElement('p', run));
    }
    run = [];
  };
  for (const node of boundary.children) {
    if (node.kind === 'text') {
      appendText(run, node.text);
    } else if (node.kind === 'boundary') {
      flush();
      resolveBoundary(node, out);
    } else {
      const element = resolveElement(node, false);
      if (INLINE_TAGS.has(element.tag)) {
        run.push(element);
      } else {
        flush();
        out.push(element);
      }
    }
  }
  flush();
}
