/**
 * The one HTML -> text and text -> HTML conversion of Tandem: the rules library's `html.toText`
 * and `text.toHtml`, the replica's `htmlToText` / `textToHtml` and `tandem convert --to text`
 * all run this code. It is one left-to-right pass with no parser underneath, specified rule by
 * rule in docs/ir.md (section "Rich text") so the Apex port reproduces it; the vectors in
 * `conformance/rich-text/` pin it.
 */
import { safeUrl } from './safe-url';

/**
 * Line prefixes (list indentation, `> ` of quotes) grow only while they stay at most this many
 * code units, so a deep nesting cannot multiply the output.
 */
export const MAX_TEXT_PREFIX = 40;

/** Lists, list items and quotes tracked at once; deeper ones still break lines but nest no further. */
export const MAX_TEXT_NESTING = 100;

/** Named entities that are decoded; any other name stays as written. */
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['copy', '\u00a9'],
  ['reg', '\u00ae'],
  ['trade', '\u2122'],
  ['hellip', '\u2026'],
  ['mdash', '\u2014'],
  ['ndash', '\u2013'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['laquo', '\u00ab'],
  ['raquo', '\u00bb'],
  ['bull', '\u2022'],
  ['middot', '\u00b7'],
  ['deg', '\u00b0'],
  ['euro', '\u20ac'],
  ['pound', '\u00a3'],
  ['yen', '\u00a5'],
  ['cent', '\u00a2'],
  ['sect', '\u00a7'],
  ['times', '\u00d7'],
  ['divide', '\u00f7'],
  ['plusmn', '\u00b1'],
]);

/** What a tag does; see `TAG_KINDS`. */
const enum Kind {
  Br = 1,
  Paragraph,
  Line,
  Pre,
  List,
  OrderedList,
  Item,
  Quote,
  Table,
  Row,
  Cell,
  Link,
  Image,
  /** Content skipped up to the matching close tag (raw text in HTML). */
  SkipRaw,
  /** Content dropped up to the matching close tag (markup in HTML, counted). */
  Drop,
}

/** Tag names (lower case) with an effect; every other tag has none (its text stays). */
const TAG_KINDS: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ['br', Kind.Br],
  ['p', Kind.Paragraph],
  ['h1', Kind.Paragraph],
  ['h2', Kind.Paragraph],
  ['h3', Kind.Paragraph],
  ['h4', Kind.Paragraph],
  ['h5', Kind.Paragraph],
  ['h6', Kind.Paragraph],
  ...[
    'div',
    'hr',
    'dd',
    'dt',
    'dl',
    'address',
    'article',
    'aside',
    'section',
    'header',
    'footer',
    'nav',
    'main',
    'figure',
    'figcaption',
    'details',
    'summary',
    'fieldset',
    'form',
    'center',
    'caption',
    'legend',
    'dialog',
    'menu',
    'hgroup',
  ].map((name): [string, Kind] => [name, Kind.Line]),
  ['pre', Kind.Pre],
  ['ul', Kind.List],
  ['ol', Kind.OrderedList],
  ['li', Kind.Item],
  ['blockquote', Kind.Quote],
  ['table', Kind.Table],
  ['tr', Kind.Row],
  ['td', Kind.Cell],
  ['th', Kind.Cell],
  ['a', Kind.Link],
  ['img', Kind.Image],
  ...['script', 'style', 'title', 'textarea', 'iframe', 'noscript', 'noembed', 'noframes', 'xmp'].map(
    (name): [string, Kind] => [name, Kind.SkipRaw],
  ),
  ...['head', 'svg', 'math', 'object', 'applet', 'template', 'frameset'].map((name): [string, Kind] => [
    name,
    Kind.Drop,
  ]),
]);

/** The longest name in `TAG_KINDS`: longer names are not looked up. */
const LONGEST_TAG = 10;

/**
 * `TAG_KINDS` by first letter and length, so a lower-case name is found by comparing in place
 * (slicing each name to look it up in the map costs more than the rest of the pass).
 */
const TAG_BUCKETS: ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [string, Kind]>>> = (() => {
  const buckets: Array<Array<Array<readonly [string, Kind]>>> = [];
  for (let letter = 0; letter < 26; letter++) {
    buckets.push(Array.from({ length: LONGEST_TAG + 1 }, () => []));
  }
  for (const [name, kind] of TAG_KINDS) buckets[name.charCodeAt(0) - 97]?.[name.length]?.push([name, kind]);
  return buckets;
})();

/** The kind of the lower-case tag name `html[start..end)` (1 to `LONGEST_TAG` letters and digits). */
function lowerCaseTagKind(html: string, start: number, end: number): Kind | undefined {
  const bucket = TAG_BUCKETS[html.charCodeAt(start) - 97]?.[end - start];
  if (bucket === undefined) return undefined;
  for (let k = 0; k < bucket.length; k++) {
    const entry = bucket[k] as readonly [string, Kind];
    if (sameFrom1(html, start, entry[0])) return entry[1];
  }
  return undefined;
}

/**
 * Whether `text` at `at` goes on with `name` after its first character (which the caller has
 * matched, as the length): a loop, cheaper than `startsWith` on names this short.
 */
function sameFrom1(text: string, at: number, name: string): boolean {
  for (let k = 1; k < name.length; k++) if (text.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** An open list, list item or quote. */
interface Frame {
  readonly kind: Kind.List | Kind.Item | Kind.Quote;
  /** The next number of an ordered list; 0 for a bullet list. */
  next: number;
  /** The prefix's length before this frame added its part. */
  readonly prefixBefore: number;
}

/** Code units of output appended to one string before it is set aside for the final join. */
const CHUNK = 4096;

/** Where `flat` puts the character it reads, so the read is not optimised away. */
let _flatRead = 0;

/**
 * `text`, flattened: V8 keeps a string built by `+=` as a tree of its pieces until it is read,
 * and reading a character makes it one flat string. A chunk set aside then holds its
 * characters, not hundreds of small pieces that every young-generation collection copies
 * (which made a 1 MiB input take 8x the time of a 512 KiB one).
 */
function flat(text: string): string {
  _flatRead ^= text.charCodeAt(0);
  return text;
}

/**
 * Builds the text. Content is appended as it comes; white space and line breaks are only
 * requested, and written before the next content (so none lead, trail, or pile up), each new
 * line starting with the prefix of the lists and quotes it is in.
 */
class TextBuilder {
  /**
   * The text written so far: full chunks of at least `CHUNK` code units, joined once at the end
   * (one growing string is slower than linear past a few MiB), and the chunk being appended to
   * (appending to a short string costs less than pushing and joining every piece).
   */
  private readonly parts: string[] = [];
  private current = '';
  private length = 0;
  /** The text of the open link so far, or null when no link is open. */
  linkText: string | null = null;
  prefix = '';
  /** The prefix the last line was written with. */
  private linePrefix = '';
  /** Line breaks requested by block boundaries (0-2): the largest request counts. */
  private block = 0;
  /** Line breaks requested one by one (`<br>`, a line feed in `pre`). */
  private lines = 0;
  /** Whether `lines` came from `pre` (written as they are, not capped at 2). */
  private exact = false;
  private space = false;
  private endsWithSpace = true;
  private afterMarker = false;

  constructor(private readonly limit: number) {}

  /** Whether the text is longer than the limit (the caller stops). */
  full = false;

  /** Appends `chunk`, after the breaks or the space requested; `spaced: false` ignores a requested space. */
  content(chunk: string, spaced = true): void {
    let lead = '';
    if (this.length === 0) {
      lead = this.prefix;
      this.linePrefix = this.prefix;
    } else if (this.block === 0 && this.lines === 0) {
      // No line break requested (the common case): at most a space.
      if (this.space && spaced && !this.endsWithSpace) {
        lead = ' ';
        if (this.linkText !== null) this.linkText += ' ';
      }
    } else {
      const lines = this.exact || this.lines < 2 ? this.lines : 2;
      const breaks = this.block > lines ? this.block : lines;
      if (breaks === 1) {
        lead = this.prefix === '' ? '\n' : '\n' + this.prefix;
        this.linePrefix = this.prefix;
      } else if (breaks === 2 && this.prefix === '' && this.linePrefix === '') {
        lead = '\n\n';
      } else {
        const blank = trimEndSpaces(commonStart(this.linePrefix, this.prefix));
        lead = '\n';
        for (let k = 1; k < breaks; k++) lead += blank + '\n';
        lead += this.prefix;
        this.linePrefix = this.prefix;
      }
    }
    if (lead !== '') this.current += lead;
    this.current += chunk;
    if (this.current.length >= CHUNK) {
      this.parts.push(flat(this.current));
      this.current = '';
    }
    this.length += lead.length + chunk.length;
    if (this.length > this.limit) this.full = true;
    if (this.linkText !== null) this.linkText += chunk;
    this.block = 0;
    this.afterMarker = false;
    this.lines = 0;
    this.exact = false;
    this.space = false;
    this.endsWithSpace = chunk.charCodeAt(chunk.length - 1) === 32;
  }

  /** The text written. */
  text(): string {
    if (this.parts.length === 0) return this.current;
    this.parts.push(this.current);
    return this.parts.join('');
  }

  whiteSpace(): void {
    this.space = true;
  }

  lineBreak(exact: boolean): void {
    this.lines++;
    this.exact = exact;
  }

  /** Requests `breaks` line breaks before the next content; ignored right after a list marker unless `force`. */
  atLeast(breaks: number, force = false): void {
    if (this.afterMarker && !force) return;
    if (this.block < breaks) this.block = breaks;
  }

  /** Writes a list item's marker; until the next content, block boundaries add no line break. */
  marker(marker: string): void {
    this.content(marker, false);
    this.whiteSpace();
    this.afterMarker = true;
  }
}

/** The longest common start of two prefixes. */
function commonStart(a: string, b: string): string {
  let k = 0;
  while (k < a.length && k < b.length && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return a.slice(0, k);
}

/** `prefix` without the spaces it ends with (the prefix of an empty line). */
function trimEndSpaces(prefix: string): string {
  let end = prefix.length;
  while (end > 0 && prefix.charCodeAt(end - 1) === 32) end--;
  return end === prefix.length ? prefix : prefix.slice(0, end);
}

/**
 * Plain text of any HTML, as a person reads it: paragraphs and blocks on their own lines
 * (paragraphs apart by an empty line), `<br>` a line break, white space collapsed except in
 * `<pre>` (kept exactly, so a stack trace stays multi-line), list items as `- ` or their
 * number (`3. `) with nested ones indented, quotes as `> `, one line per table row with cells
 * joined by ` | `, a link followed by its address in brackets when its text differs from it,
 * entities decoded; scripts, styles and the like dropped. Time is linear in the input; the
 * text stops growing once it is longer than `limit` (the caller's output limit).
 */
export function htmlToText(html: string, limit = Infinity): string {
  return new HtmlToText(html, limit).run();
}

/**
 * One conversion: the state `htmlToText` keeps while it reads, as fields and methods rather than
 * closures (creating seven closures and a context per call cost more than short inputs take).
 */
class HtmlToText {
  private readonly out: TextBuilder;
  private readonly frames: Frame[] = [];
  private lists = 0;
  private items = 0;
  private quotes = 0;
  private pre = 0;
  private drop = 0;
  private inCell = false;
  private cellsInRow = 0;
  private link: string | null = null;

  constructor(
    private readonly html: string,
    limit: number,
  ) {
    this.out = new TextBuilder(limit);
  }

  run(): string {
    const html = this.html;
    const out = this.out;
    const n = html.length;
    // A `<` after the last `>` starts no markup; knowing it at once keeps `'<a'.repeat(n)` linear.
    const lastGt = html.lastIndexOf('>');
    let i = 0;
    while (i < n && !out.full) {
      const c = html.charCodeAt(i);
      if (c === 60 /* < */) {
        const next = markupEnd(html, i, lastGt);
        if (next >= 0) {
          const closing = html.charCodeAt(i + 1) === 47;
          const nameStart = closing ? i + 2 : i + 1;
          let nameEnd = nameStart;
          let upper = false;
          for (; nameEnd < n; nameEnd++) {
            const d = html.charCodeAt(nameEnd);
            if (d >= 65 && d <= 90) upper = true;
            else if (!((d >= 97 && d <= 122) || (d >= 48 && d <= 57))) break;
          }
          let kind: Kind | undefined;
          if (nameEnd - nameStart <= LONGEST_TAG && nameEnd > nameStart) {
            kind = upper
              ? TAG_KINDS.get(html.slice(nameStart, nameEnd).toLowerCase())
              : lowerCaseTagKind(html, nameStart, nameEnd);
          }
          i = next;
          if (kind === undefined) continue;
          if (kind === Kind.SkipRaw) {
            if (!closing && this.drop === 0) i = closeTagStart(html, i, nameStart, nameEnd);
          } else if (kind === Kind.Drop) {
            if (closing) this.drop = Math.max(0, this.drop - 1);
            else if (html.charCodeAt(next - 2) !== 47 /* / */) this.drop++;
          } else if (this.drop === 0) {
            this.applyTag(kind, closing, nameEnd, next - 1);
          }
          continue;
        }
      }
      if (this.drop > 0) {
        i++;
        continue;
      }
      if (c === 38 /* & */) {
        const end = entityEnd(html, i);
        const decoded = end < 0 ? undefined : decodeEntityAt(html, i + 1, end);
        if (decoded !== undefined) {
          if (decoded !== '') out.content(decoded);
          i = end + 1;
          continue;
        }
      } else if (c < 32 || c === 127) {
        if (this.pre > 0 && (c === 10 || c === 13)) {
          if (this.inCell) out.whiteSpace();
          else out.lineBreak(true);
          if (c === 13 && html.charCodeAt(i + 1) === 10) i++;
        } else if (this.pre > 0 && c === 9) {
          out.content('\t');
        } else if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
          out.whiteSpace();
        }
        i++;
        continue;
      } else if (c === 32 && this.pre === 0) {
        out.whiteSpace();
        i++;
        continue;
      }
      // Ordinary text, starting with this character (which may be a `<` or `&` that starts nothing).
      const end = this.pre > 0 ? preRunEnd(html, i + 1) : runEnd(html, i + 1);
      out.content(html.slice(i, end));
      i = end;
    }
    this.endLink();
    return out.text();
  }

  private blockBreak(breaks: number): void {
    if (this.inCell) this.out.whiteSpace();
    else this.out.atLeast(breaks === 2 && this.lists + this.items > 0 ? 1 : breaks);
  }

  private count(kind: Frame['kind'], by: number): void {
    if (kind === Kind.List) this.lists += by;
    else if (kind === Kind.Item) this.items += by;
    else this.quotes += by;
  }

  private push(kind: Frame['kind'], next: number, part: string): void {
    const frames = this.frames;
    if (frames.length >= MAX_TEXT_NESTING) return;
    const out = this.out;
    frames.push({ kind, next, prefixBefore: out.prefix.length });
    this.count(kind, 1);
    if (part !== '' && out.prefix.length + part.length <= MAX_TEXT_PREFIX) out.prefix += part;
  }

  /** Closes frames down to and including the innermost of `kind`, if one is open. */
  private popTo(kind: Frame['kind']): void {
    const openOfKind = kind === Kind.List ? this.lists : kind === Kind.Item ? this.items : this.quotes;
    if (openOfKind === 0) return;
    const out = this.out;
    for (;;) {
      const frame = this.frames.pop() as Frame;
      this.count(frame.kind, -1);
      if (frame.prefixBefore !== out.prefix.length) out.prefix = out.prefix.slice(0, frame.prefixBefore);
      if (frame.kind === kind) return;
    }
  }

  private endLink(): void {
    const link = this.link;
    if (link === null) return;
    const out = this.out;
    const text = trimSpaces(out.linkText ?? '');
    out.linkText = null;
    if (text === '') out.content(link);
    else if (text !== link && `mailto:${text}` !== link && `tel:${text}` !== link) {
      out.whiteSpace();
      out.content(`(${link})`);
    }
    this.link = null;
  }

  private applyTag(kind: Kind, closing: boolean, tagStart: number, tagEnd: number): void {
    const out = this.out;
    const html = this.html;
    switch (kind) {
      case Kind.Br:
        if (this.inCell) out.whiteSpace();
        else out.lineBreak(false);
        return;
      case Kind.Paragraph:
        return this.blockBreak(2);
      case Kind.Line:
        return this.blockBreak(1);
      case Kind.Pre:
        if (closing) this.pre = Math.max(0, this.pre - 1);
        else this.pre++;
        return this.blockBreak(2);
      case Kind.List:
      case Kind.OrderedList:
        if (closing) {
          this.popTo(Kind.List);
          return this.blockBreak(2);
        }
        this.blockBreak(2);
        return this.push(Kind.List, kind === Kind.OrderedList ? listStart(html, tagStart, tagEnd) : 0, '');
      case Kind.Item: {
        if (closing) {
          this.popTo(Kind.Item);
          return this.blockBreak(1);
        }
        const frames = this.frames;
        if (frames[frames.length - 1]?.kind === Kind.Item) this.popTo(Kind.Item);
        if (this.inCell) out.whiteSpace();
        else out.atLeast(1, true);
        const list = frames[frames.length - 1];
        let marker = '-';
        if (list?.kind === Kind.List && list.next > 0) marker = numberMarker(list.next++);
        out.marker(marker);
        return this.push(Kind.Item, 0, marker.length === 1 ? '  ' : ' '.repeat(marker.length + 1));
      }
      case Kind.Quote:
        if (closing) this.popTo(Kind.Quote);
        this.blockBreak(2);
        if (!closing) this.push(Kind.Quote, 0, '> ');
        return;
      case Kind.Table:
        this.inCell = false;
        return this.blockBreak(2);
      case Kind.Row:
        this.inCell = false;
        this.cellsInRow = 0;
        return this.blockBreak(1);
      case Kind.Cell:
        if (closing) {
          this.inCell = false;
          return;
        }
        if (this.cellsInRow > 0) {
          out.content(' |', false);
          out.whiteSpace();
        }
        this.cellsInRow++;
        this.inCell = true;
        return;
      case Kind.Link: {
        this.endLink();
        if (closing) return;
        const href = safeUrl(attribute(html, tagStart, tagEnd, 'href') ?? '');
        if (href !== null) {
          this.link = href;
          out.linkText = '';
        }
        return;
      }
      case Kind.Image: {
        if (closing) return;
        const alt = (attribute(html, tagStart, tagEnd, 'alt') ?? '').trim();
        const src = safeUrl(attribute(html, tagStart, tagEnd, 'src') ?? '');
        if (src === null) return out.content(alt === '' ? '[image]' : `[image: ${alt}]`);
        const label = alt || fileName(src) || src;
        out.content(label);
        if (this.link === null && label !== src) {
          out.whiteSpace();
          out.content(`(${src})`);
        }
        return;
      }
    }
  }
}

/** Markers of the first ordered-list numbers, made once. */
const NUMBER_MARKERS: readonly string[] = Array.from({ length: 100 }, (_, k) => `${k}.`);

/** The marker of item `number` of an ordered list (`3.`). */
function numberMarker(number: number): string {
  return number < NUMBER_MARKERS.length ? (NUMBER_MARKERS[number] as string) : `${number}.`;
}

/**
 * Where a run of ordinary text that goes on at `from` ends: at markup or an entity, at a
 * control character or white space other than one space between two ordinary characters, or at the end.
 */
function runEnd(html: string, from: number): number {
  const n = html.length;
  let i = from;
  for (; i < n; i++) {
    const c = html.charCodeAt(i);
    // Most text is letters, above every character that ends a run but DEL.
    if (c > 60) {
      if (c === 127) return i;
      continue;
    }
    if (c === 32) {
      const d = html.charCodeAt(i + 1);
      if (d !== d || d === 32 || d === 60 || d === 38 || d < 32 || d === 127) return i;
    } else if (c === 60 || c === 38 || c < 32 || c === 127) {
      return i;
    }
  }
  return n;
}

/** In `pre`, where a run of text ends: at markup, an entity or a control character (tabs and line feeds included). */
function preRunEnd(html: string, from: number): number {
  const n = html.length;
  let i = from;
  for (; i < n; i++) {
    const c = html.charCodeAt(i);
    if (c > 60 ? c === 127 : c === 60 || c === 38 || c < 32) return i;
  }
  return n;
}

/**
 * Where markup starting at `lt` ends (the index after it), or -1 when the `<` is text.
 * Markup is a comment `<!-- ... -->` (to the end of the input if unclosed), or `<`, `</`
 * followed by an ASCII letter, or `<!` / `<?`, up to the next `>` (which must exist).
 */
function markupEnd(html: string, lt: number, lastGt: number): number {
  if (html.charCodeAt(lt + 1) === 33 /* ! */ && html.startsWith('<!--', lt)) {
    const close = html.indexOf('-->', lt + 4);
    return close < 0 ? html.length : close + 3;
  }
  const first = html.charCodeAt(lt + 1);
  const start = first === 47 /* / */ ? lt + 2 : lt + 1;
  const c = html.charCodeAt(start);
  const opens = isAsciiLetter(c) || (start === lt + 1 && (c === 33 /* ! */ || c === 63)); /* ? */
  if (!opens || start > lastGt) return -1;
  // Tags are mostly short: a loop finds their end sooner than `indexOf` is called.
  const n = html.length;
  const near = start + 32 < n ? start + 32 : n;
  for (let i = start; i < near; i++) if (html.charCodeAt(i) === 62 /* > */) return i + 1;
  const gt = html.indexOf('>', near);
  return gt < 0 ? -1 : gt + 1;
}

/**
 * Where the close tag of a raw-text element (`script`...) whose name is at `nameStart..nameEnd`
 * starts, searching from `from`: the next `</` followed by the name (any case); the end if none.
 */
function closeTagStart(html: string, from: number, nameStart: number, nameEnd: number): number {
  const length = nameEnd - nameStart;
  let at = html.indexOf('</', from);
  while (at >= 0) {
    let k = 0;
    while (k < length && (html.charCodeAt(at + 2 + k) | 0x20) === (html.charCodeAt(nameStart + k) | 0x20))
      k++;
    if (k === length) return at;
    at = html.indexOf('</', at + 2);
  }
  return html.length;
}

/**
 * The value of attribute `name` (lower case) in the tag text `html[from..to)` after the tag's
 * name, or undefined. Attributes are `name`, `name=value`, `name="value"` or `name='value'`;
 * names compare case-insensitively, the first of a repeated name counts, entities in the value
 * are decoded.
 */
function attribute(html: string, from: number, to: number, name: string): string | undefined {
  let i = from;
  while (i < to) {
    const c = html.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 47) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && !isAttributeNameEnd(html.charCodeAt(i))) i++;
    const found = i - nameStart === name.length && html.slice(nameStart, i).toLowerCase() === name;
    while (i < to && isSpace(html.charCodeAt(i))) i++;
    if (html.charCodeAt(i) !== 61 /* = */ || i >= to) {
      if (found) return '';
      continue;
    }
    i++;
    while (i < to && isSpace(html.charCodeAt(i))) i++;
    const quote = html.charCodeAt(i);
    let valueStart = i;
    let valueEnd: number;
    if (quote === 34 || quote === 39) {
      valueStart = i + 1;
      valueEnd = valueStart;
      while (valueEnd < to && html.charCodeAt(valueEnd) !== quote) valueEnd++;
      i = valueEnd + 1;
    } else {
      while (i < to && !isSpace(html.charCodeAt(i))) i++;
      valueEnd = i;
    }
    if (found) return decodeEntities(html.slice(valueStart, valueEnd));
  }
  return undefined;
}

/** `text` without the U+0020 spaces at its ends. */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(start, end);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isAttributeNameEnd(c: number): boolean {
  return isSpace(c) || c === 61 /* = */ || c === 47; /* / */
}

/** The start of an ordered list: its `start` attribute when it is 1 to 9 digits (not 0), else 1. */
function listStart(html: string, from: number, to: number): number {
  const start = (attribute(html, from, to, 'start') ?? '').trim();
  if (!/^\d{1,9}$/.test(start)) return 1;
  const value = Number(start);
  return value === 0 ? 1 : value;
}

function fileName(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `text` with the entities `htmlToText` decodes decoded, in one pass. */
function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const end = entityEnd(text, amp);
    const decoded = end < 0 ? undefined : decodeEntityAt(text, amp + 1, end);
    if (decoded !== undefined) {
      out += text.slice(from, amp) + decoded;
      from = end + 1;
    }
    amp = text.indexOf('&', amp + 1);
  }
  return out + text.slice(from);
}

/** The index of the `;` closing an entity that starts at `amp`, or -1. */
function entityEnd(html: string, amp: number): number {
  let i = amp + 1;
  if (html.charCodeAt(i) === 35 /* # */) {
    i++;
    const hex = html.charCodeAt(i) === 120 || html.charCodeAt(i) === 88; /* x X */
    if (hex) i++;
    const digitsStart = i;
    while (i < html.length && (hex ? isHexDigit(html.charCodeAt(i)) : isDigit(html.charCodeAt(i)))) i++;
    const digits = i - digitsStart;
    if (digits === 0 || digits > (hex ? 6 : 7)) return -1;
  } else {
    const nameStart = i;
    while (i < html.length && i - nameStart <= 6 && html.charCodeAt(i) >= 97 && html.charCodeAt(i) <= 122)
      i++;
    if (i === nameStart) return -1;
  }
  return html.charCodeAt(i) === 59 /* ; */ ? i : -1;
}

/** `NAMED_ENTITIES` by first letter and length, compared in place (no slice per entity). */
const ENTITY_BUCKETS: ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [string, string]>>> = (() => {
  const buckets: Array<Array<Array<readonly [string, string]>>> = [];
  for (let letter = 0; letter < 26; letter++) buckets.push(Array.from({ length: 8 }, () => []));
  for (const [name, text] of NAMED_ENTITIES)
    buckets[name.charCodeAt(0) - 97]?.[name.length]?.push([name, text]);
  return buckets;
})();

/**
 * The text of the entity body `text[from..to)` (`amp`, `#39`, `#x1F600`, as `entityEnd` found
 * it), or undefined when it is not one we decode. A numeric entity of a control character other
 * than tab, line feed, form feed and carriage return is `''`.
 */
function decodeEntityAt(text: string, from: number, to: number): string | undefined {
  if (text.charCodeAt(from) !== 35 /* # */) {
    const bucket = ENTITY_BUCKETS[text.charCodeAt(from) - 97]?.[to - from];
    if (bucket === undefined) return undefined;
    for (let k = 0; k < bucket.length; k++) {
      const entry = bucket[k] as readonly [string, string];
      if (sameFrom1(text, from, entry[0])) return entry[1];
    }
    return undefined;
  }
  const x = text.charCodeAt(from + 1);
  let code = 0;
  if (x === 120 || x === 88) {
    // At most 6 hex digits (entityEnd), so the value is exact.
    for (let i = from + 2; i < to; i++) {
      const d = text.charCodeAt(i);
      code = code * 16 + (d <= 57 ? d - 48 : (d | 0x20) - 87);
    }
  } else {
    // At most 7 decimal digits.
    for (let i = from + 1; i < to; i++) code = code * 10 + (text.charCodeAt(i) - 48);
  }
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  if (isControl(code)) return '';
  return String.fromCodePoint(code);
}

/** U+0001-U+0008, U+000B, U+000E-U+001F, U+007F: removed from text. */
function isControl(code: number): boolean {
  return (code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 127;
}

/** Characters that make `textToHtml` do more than wrap the text in `<p>`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_ONE_PLAIN_LINE = /[\u0000-\u0008\u000a-\u000b\u000d-\u001f\u007f&<>"']/;
/** Text that makes no paragraph. */
const BLANK = /^[ \t]*$/;

/**
 * HTML of plain text: lines split at CR LF, CR or LF; each maximal run of lines that are not
 * blank (a blank line has only spaces and tabs) becomes a `<p>` with its lines joined by `<br>`;
 * `& < > " '` are escaped and control characters removed. No markup in the text is
 * interpreted; `<b>` stays the three characters it is.
 */
export function textToHtml(text: string): string {
  // One line with nothing to escape (the common case) is one paragraph of the text as is.
  if (!NOT_ONE_PLAIN_LINE.test(text)) return BLANK.test(text) ? '' : `<p>${text}</p>`;
  // Pieces joined once: appending a piece per line to one string is slower than linear at 1 MiB.
  const parts: string[] = [];
  let open = false;
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    if (!isBlankLine(text, lineStart, i)) {
      parts.push(open ? '<br>' : '<p>', escapeHtml(text, lineStart, i));
      open = true;
    } else if (open) {
      parts.push('</p>');
      open = false;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  if (open) parts.push('</p>');
  return parts.join('');
}

function isBlankLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** `text[from..to)` escaped for HTML text, control characters removed. */
function escapeHtml(text: string, from: number, to: number): string {
  let out = '';
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let entity: string | undefined;
    if (c === 38) entity = '&amp;';
    else if (c === 60) entity = '&lt;';
    else if (c === 62) entity = '&gt;';
    else if (c === 34) entity = '&quot;';
    else if (c === 39) entity = '&#39;';
    else if (isControl(c)) entity = '';
    if (entity === undefined) continue;
    out += text.slice(start, i) + entity;
    start = i + 1;
  }
  return start === from ? text.slice(from, to) : out + text.slice(start, to);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
