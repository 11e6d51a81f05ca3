/**
 * The sanitised HTML tree: what `parseHtml` produces and `serializeHtml` writes. Only tags of
 * the subset appear in it, with only the attributes the subset allows.
 */
import type { SubsetTag } from './html-subset';

export interface HtmlElement {
  readonly kind: 'element';
  readonly tag: SubsetTag;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
}

export interface HtmlText {
  readonly kind: 'text';
  /** Decoded text (no entities). */
  readonly text: string;
}

export type HtmlNode = HtmlElement | HtmlText;

/** The attributes of an element without any (shared: attributes are never modified). */
export const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** An element node. */
export function htmlElement(
  tag: SubsetTag,
  children: HtmlNode[] = [],
  attrs: Readonly<Record<string, string>> = NO_ATTRIBUTES,
): HtmlElement {
  return { kind: 'element', tag, attrs, children };
}

/** A text node. */
export function htmlText(text: string): HtmlText {
  return { kind: 'text', text };
}

/** Appends text to a list of nodes, joining it to a text node already at the end. */
export function appendText(nodes: HtmlNode[], text: string): void {
  if (text === '') return;
  const last = nodes[nodes.length - 1];
  if (last?.kind === 'text') nodes[nodes.length - 1] = htmlText(last.text + text);
  else nodes.push(htmlText(text));
}
