/**
 * The HTML subset Tandem carries in replicas (descriptions, comment bodies), in one place so
 * the sanitiser, the converters and docs/replica.md agree. Everything else is either dropped
 * with its content (`DROPPED_TAGS`) or unwrapped, keeping its text.
 */

/** Tags a sanitised document may contain. */
export type SubsetTag =
  | 'p'
  | 'br'
  | 'strong'
  | 'b'
  | 'em'
  | 'i'
  | 'u'
  | 's'
  | 'code'
  | 'pre'
  | 'a'
  | 'ul'
  | 'ol'
  | 'li'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'blockquote'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td';

const SUBSET_TAGS: ReadonlySet<string> = new Set<SubsetTag>([
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'code',
  'pre',
  'a',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

/** True for a tag of the subset. */
export function isSubsetTag(tag: string): tag is SubsetTag {
  return SUBSET_TAGS.has(tag);
}

/** Tags that format text inside a line (they never start a new block). */
export const INLINE_TAGS: ReadonlySet<SubsetTag> = new Set<SubsetTag>([
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'code',
  'a',
]);

/** Tags whose content is a line of text (inline content only, in well-formed input). */
export const TEXT_BLOCK_TAGS: ReadonlySet<SubsetTag> = new Set<SubsetTag>([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
]);

/** Removed together with everything inside them: active content, metadata, embedded documents. */
export const DROPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'svg',
  'math',
]);

/**
 * Tags outside the subset that a browser shows as blocks. They are unwrapped like any unknown
 * tag, but keep a paragraph (or, inside a line, a space) between their text and the text around
 * them, so `<div>a</div><div>b</div>` never becomes `ab`.
 */
export const UNKNOWN_BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'legend',
  'main',
  'menu',
  'nav',
  'section',
  'summary',
  'tfoot',
]);

/** Attributes kept per tag; a value failing its check is dropped. Every other attribute goes. */
export const SUBSET_ATTRIBUTES: Readonly<Partial<Record<SubsetTag, Readonly<Record<string, RegExp>>>>> = {
  ol: { start: /^\d{1,9}$/ },
  th: { colspan: /^[1-9]\d{0,2}$/, rowspan: /^[1-9]\d{0,2}$/ },
  td: { colspan: /^[1-9]\d{0,2}$/, rowspan: /^[1-9]\d{0,2}$/ },
};

const P: ReadonlySet<SubsetTag> = new Set<SubsetTag>(['p']);

/**
 * Parents that a tag's start closes in HTML (`<p>` inside `<p>` ends the first one). Such a
 * pair can only reach the sanitised tree through unwrapped tags in between (`<p><span><p>`);
 * the inner element is then treated like an unknown block, so the sanitised HTML reads back
 * as the same tree.
 */
export const CLOSES_PARENT: Readonly<Partial<Record<SubsetTag, ReadonlySet<SubsetTag>>>> = {
  p: P,
  h1: P,
  h2: P,
  h3: P,
  h4: P,
  h5: P,
  h6: P,
  blockquote: P,
  ol: P,
  ul: P,
  pre: P,
  table: P,
  li: new Set<SubsetTag>(['li']),
  tr: new Set<SubsetTag>(['tr', 'th', 'td']),
  th: new Set<SubsetTag>(['th']),
  td: new Set<SubsetTag>(['thead', 'th', 'td']),
  tbody: new Set<SubsetTag>(['thead', 'tbody']),
};

/** Nesting depth beyond which further elements are unwrapped (their text is kept). */
export const MAX_HTML_DEPTH = 100;
