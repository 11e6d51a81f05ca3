/**
 * Parses any HTML, however broken or hostile, into the sanitised tree of the subset. This is
 * the one place where untrusted HTML is read: `sanitizeHtml`, `htmlToAdf` and `htmlToText`
 * all start here.
 */
import { Parser } from 'htmlparser2';
import { appendText, htmlElement, htmlText, type HtmlElement, type HtmlNode } from './html-node';
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

/** An unknown block-level element while parsing; resolved away before the tree is returned. */
interface Boundary {
  readonly kind: 'boundary';
  readonly children: RawNode[];
}
type RawElement = Omit<HtmlElement, 'children'> & { readonly children: RawNode[] };
type RawNode = HtmlNode | RawElement | Boundary;

/** One open tag. `container` receives what is inside it; null means its content goes to the parent. */
interface Frame {
  readonly name: string;
  /** The subset element this frame opened, if it opened one. */
  readonly tag: SubsetTag | null;
  readonly container: RawNode[] | null;
  readonly drops: boolean;
  readonly isLink: boolean;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
const WHITE_SPACE_ONLY = /^[ \t\n\r\f]*$/;

/** The sanitised tree of `html`: subset tags and attributes only, safe links, no active content. */
export function parseHtml(html: string): HtmlNode[] {
  const root: RawNode[] = [];
  const frames: Frame[] = [];
  let dropping = 0;
  let links = 0;
  let depth = 0;

  const container = (): RawNode[] => {
    for (let index = frames.length - 1; index >= 0; index--) {
      const found = frames[index]?.container;
      if (found) return found;
    }
    return root;
  };

  const open = (name: string, attribs: Record<string, string>): Frame => {
    const plain = { name, tag: null, container: null, drops: false, isLink: false };
    if (dropping > 0 || DROPPED_TAGS.has(name)) return { ...plain, drops: true };
    if (name === 'img') {
      container().push(...imageAsLink(attribs, links > 0));
      return plain;
    }
    if (depth >= MAX_HTML_DEPTH) return plain;
    if (UNKNOWN_BLOCK_TAGS.has(name) || (isSubsetTag(name) && closesParent(name))) {
      const boundary: Boundary = { kind: 'boundary', children: [] };
      container().push(boundary);
      return { ...plain, container: boundary.children };
    }
    if (!isSubsetTag(name)) return plain;
    let attrs = subsetAttributes(name, attribs);
    if (name === 'a') {
      const href = safeUrl(attribs.href ?? '');
      // A link inside a link cannot be expressed in ADF (one link per character): the outer wins.
      if (href === null || links > 0) return plain;
      attrs = { href };
    }
    const element: RawElement = { kind: 'element', tag: name, attrs, children: [] };
    container().push(element);
    return { ...plain, tag: name, container: element.children, isLink: name === 'a' };
  };

  const closesParent = (tag: SubsetTag): boolean => {
    for (let index = frames.length - 1; index >= 0; index--) {
      const parent = frames[index]?.tag;
      if (parent) return CLOSES_PARENT[tag]?.has(parent) ?? false;
    }
    return false;
  };

  const count = (frame: Frame, delta: 1 | -1): void => {
    if (frame.drops) dropping += delta;
    if (frame.isLink) links += delta;
    if (frame.container) depth += delta;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const frame = open(name, attribs);
        frames.push(frame);
        count(frame, 1);
      },
      ontext(data) {
        if (dropping === 0) appendRawText(container(), data.replace(CONTROL_CHARACTERS, ''));
      },
      onclosetag(name) {
        // htmlparser2 may close a tag it never reported open (input cut inside a tag): ignore those.
        const index = frames.map((frame) => frame.name).lastIndexOf(name);
        while (index >= 0 && frames.length > index) {
          const frame = frames.pop();
          if (frame) count(frame, -1);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return resolve(root, false);
}

function subsetAttributes(tag: SubsetTag, attribs: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, pattern] of Object.entries(SUBSET_ATTRIBUTES[tag] ?? {})) {
    const value = attribs[name]?.trim();
    if (value !== undefined && pattern.test(value)) kept[name] = value;
  }
  return kept;
}

/** An image becomes a link to it, labelled with its alt text or file name; an unsafe one becomes text. */
function imageAsLink(attribs: Record<string, string>, insideLink: boolean): RawNode[] {
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

/** Replaces boundaries by their content, keeping the text around them apart. */
function resolve(nodes: readonly RawNode[], inline: boolean): HtmlNode[] {
  const out: HtmlNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'text') {
      appendText(out, node.text);
    } else if (node.kind === 'element') {
      const childInline = inline || INLINE_TAGS.has(node.tag) || TEXT_BLOCK_TAGS.has(node.tag);
      out.push(htmlElement(node.tag, resolve(node.children, childInline), node.attrs));
    } else if (inline) {
      appendText(out, ' ');
      for (const child of resolve(node.children, true)) {
        if (child.kind === 'text') appendText(out, child.text);
        else out.push(child);
      }
      appendText(out, ' ');
    } else {
      out.push(...wrapLooseText(resolve(node.children, false)));
    }
  }
  return out;
}

/** Wraps each run of inline content in a paragraph; runs of white space alone are dropped. */
function wrapLooseText(nodes: readonly HtmlNode[]): HtmlNode[] {
  const out: HtmlNode[] = [];
  let run: HtmlNode[] = [];
  const flush = (): void => {
    if (run.some((node) => node.kind === 'element' || !WHITE_SPACE_ONLY.test(node.text))) {
      out.push(htmlElement('p', run));
    }
    run = [];
  };
  for (const node of nodes) {
    if (node.kind === 'text' || INLINE_TAGS.has(node.tag)) {
      run.push(node);
    } else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}
