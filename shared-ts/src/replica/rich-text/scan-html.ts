/**
 * Reads any HTML as a stream of open, close and text events, as htmlparser2's `Parser` reports
 * them, in time linear in the input. htmlparser2's `Tokenizer` (linear) finds tags, text and
 * entities; the open elements are kept here, on a stack with a count per name, so a close tag
 * for an element that is not open costs O(1) and each element is popped once. The library's
 * own `Parser` keeps its stack with `unshift` and searches it on every close tag, which is
 * quadratic on deep unclosed input (`'<x>'.repeat(43690)`: 56 s).
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** Attributes of a start tag: names in lower case, the first of repeated names wins; no prototype. */
export type HtmlAttributes = Readonly<Record<string, string>>;

/** What `scanHtml` reports, in document order. */
export interface HtmlScanHandler {
  /** An element starts. */
  open(name: string, attributes: HtmlAttributes): void;
  /**
   * The element opened last and not yet closed ends: by its close tag, implied by a later tag
   * (`<li>` after `<li>`), at once (void elements such as `br`), or at the end of the input.
   * Every `open` gets exactly one `close`.
   */
  close(name: string): void;
  /** Decoded text (entities resolved); comments, CDATA, doctypes and instructions are skipped. */
  text(data: string): void;
}

const P = new Set(['p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);

/** Open elements that a start tag closes first, as htmlparser2's Parser has them. */
const OPEN_IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['p', P],
  ['h1', P],
  ['h2', P],
  ['h3', P],
  ['h4', P],
  ['h5', P],
  ['h6', P],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['address', P],
  ['article', P],
  ['aside', P],
  ['blockquote', P],
  ['details', P],
  ['div', P],
  ['dl', P],
  ['fieldset', P],
  ['figcaption', P],
  ['figure', P],
  ['footer', P],
  ['form', P],
  ['header', P],
  ['hr', P],
  ['main', P],
  ['nav', P],
  ['ol', P],
  ['pre', P],
  ['section', P],
  ['table', P],
  ['ul', P],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
]);

/** Elements that never have content: they close as soon as they open. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Inside these, `<x/>` closes itself, as in XML. */
const FOREIGN_ELEMENTS: ReadonlySet<string> = new Set(['math', 'svg']);
/** Inside foreign content, these return to HTML rules. */
const HTML_INTEGRATION_ELEMENTS: ReadonlySet<string> = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

/** What starting an element does, by name: one lookup instead of four. */
interface TagRule {
  readonly impliesClose: ReadonlySet<string> | undefined;
  readonly isVoid: boolean;
  /** Whether `<x/>` closes itself inside it; undefined: as in its parent. */
  readonly foreign: boolean | undefined;
}

const TAG_RULES: ReadonlyMap<string, TagRule> = (() => {
  const rules = new Map<string, TagRule>();
  const names = new Set([
    ...OPEN_IMPLIES_CLOSE.keys(),
    ...VOID_ELEMENTS,
    ...FOREIGN_ELEMENTS,
    ...HTML_INTEGRATION_ELEMENTS,
  ]);
  for (const name of names) {
    rules.set(name, {
      impliesClose: OPEN_IMPLIES_CLOSE.get(name),
      isVoid: VOID_ELEMENTS.has(name),
      foreign: FOREIGN_ELEMENTS.has(name) ? true : HTML_INTEGRATION_ELEMENTS.has(name) ? false : undefined,
    });
  }
  return rules;
})();

/** Reports the elements and text of `html` to `handler`; never throws on any input. */
export function scanHtml(html: string, handler: HtmlScanHandler): void {
  const names: string[] = [];
  /** Whether `<x/>` closes itself inside each open element. */
  const foreign: boolean[] = [];
  const openCount = new Map<string, number>();
  let tagName = '';
  let attributes: Record<string, string> = NO_ATTRIBUTES;
  let attributeName = '';
  let attributeValue = '';

  const slice = (start: number, end: number): string => html.slice(start, end);

  const pop = (): void => {
    const name = names.pop();
    foreign.pop();
    if (name === undefined) return;
    openCount.set(name, (openCount.get(name) ?? 1) - 1);
    handler.close(name);
  };

  /** Starts an element; returns whether it stays open (void elements close at once). */
  const start = (name: string, attrs: HtmlAttributes): boolean => {
    const rule = TAG_RULES.get(name);
    const implied = rule?.impliesClose;
    if (implied) {
      while (names.length > 0 && implied.has(names[names.length - 1] as string)) pop();
    }
    handler.open(name, attrs);
    if (rule?.isVoid === true) {
      handler.close(name);
      return false;
    }
    const inForeign = foreign[foreign.length - 1] ?? false;
    names.push(name);
    foreign.push(rule?.foreign ?? inForeign);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    return true;
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(startIndex, endIndex) {
      tagName = slice(startIndex, endIndex).toLowerCase();
      // Most tags have no attributes: they share one empty object (handlers never modify it).
      attributes = NO_ATTRIBUTES;
    },
    onattribname(startIndex, endIndex) {
      attributeName = slice(startIndex, endIndex).toLowerCase();
    },
    onattribdata(startIndex, endIndex) {
      attributeValue += slice(startIndex, endIndex);
    },
    onattribentity(codePoint) {
      attributeValue += fromCodePoint(codePoint);
    },
    onattribend() {
      if (attributes === NO_ATTRIBUTES) attributes = newAttributes();
      if (!Object.prototype.hasOwnProperty.call(attributes, attributeName)) {
        attributes[attributeName] = attributeValue;
      }
      attributeValue = '';
    },
    onopentagend() {
      start(tagName, attributes);
    },
    onselfclosingtag() {
      const selfClosing = foreign[foreign.length - 1] ?? false;
      if (start(tagName, attributes) && selfClosing) pop();
    },
    onclosetag(startIndex, endIndex) {
      const name = slice(startIndex, endIndex).toLowerCase();
      if (VOID_ELEMENTS.has(name)) {
        // `</br>` is a line break to browsers; other void close tags mean nothing.
        if (name === 'br') start('br', NO_ATTRIBUTES);
      } else if ((openCount.get(name) ?? 0) > 0) {
        while (names.length > 0 && names[names.length - 1] !== name) pop();
        pop();
      } else if (name === 'p') {
        // `</p>` without a `<p>` is an empty paragraph to browsers.
        if (start('p', NO_ATTRIBUTES)) pop();
      }
    },
    ontext(startIndex, endIndex) {
      handler.text(slice(startIndex, endIndex));
    },
    ontextentity(codePoint) {
      handler.text(fromCodePoint(codePoint));
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {
      while (names.length > 0) pop();
    },
  };

  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
}

/** The attributes of a tag without any; frozen, so it is never filled by mistake. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

function newAttributes(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** The character of a code point from an entity; U+FFFD for anything that is not one. */
function fromCodePoint(codePoint: number): string {
  return Number.isInteger(codePoint) && codePoint >= 0 && codePoint <= 0x10ffff
    ? String.fromCodePoint(codePoint)
    : '\ufffd';
}
