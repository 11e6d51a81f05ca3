/**
 * `html.toText` and `text.toHtml` of the rules library. They are deliberately small and
 * specified character by character in docs/ir.md (the Apex port reproduces them); the
 * replica's own rich-text codecs are richer and are not what rules see.
 */

const NAMED_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);

/**
 * Builds the text: content is appended as it comes; white space and line breaks are only
 * requested, and written before the next content (so none lead, trail, or pile up).
 */
class TextBuilder {
  text = '';
  private breaks = 0;
  private space = false;

  content(chunk: string): void {
    if (this.text.length > 0) {
      if (this.breaks > 0) this.text += this.breaks === 1 ? '\n' : '\n\n';
      else if (this.space) this.text += ' ';
    }
    this.text += chunk;
    this.breaks = 0;
    this.space = false;
  }

  whiteSpace(): void {
    this.space = true;
  }

  lineBreak(): void {
    this.breaks++;
  }

  atLeast(breaks: number): void {
    if (this.breaks < breaks) this.breaks = breaks;
  }
}

/**
 * Where a run of ordinary text that goes on at `from` ends: at markup or an entity, at
 * white space other than one space between two ordinary characters, or at the end.
 */
function runEnd(html: string, from: number): number {
  const n = html.length;
  let i = from;
  for (; i < n; i++) {
    const c = html.charCodeAt(i);
    if (c === 32) {
      if (isBreakingAfterSpace(html.charCodeAt(i + 1))) return i;
    } else if (c === 60 || c === 38 || c === 9 || c === 10 || c === 13 || c === 12) {
      return i;
    }
  }
  return n;
}

/** After a space: the end of the input, more white space, markup or an entity end the run. */
function isBreakingAfterSpace(c: number): boolean {
  return c !== c || c === 32 || c === 60 || c === 38 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** Plain text of an HTML fragment: tags dropped, blocks as line breaks, basic entities decoded. */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  const n = html.length;
  // A `<` after the last `>` starts no markup; knowing it at once keeps `'<a'.repeat(n)` linear
  // (each `<` searched the rest of the input for a `>`: quadratic).
  const lastGt = html.lastIndexOf('>');
  let i = 0;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      out.whiteSpace();
      i++;
      continue;
    }
    if (c === 60 /* < */) {
      const next = markupEnd(html, i, lastGt);
      if (next >= 0) {
        applyTag(out, html, i);
        i = next;
        continue;
      }
    } else if (c === 38 /* & */) {
      const end = entityEnd(html, i);
      const decoded = end < 0 ? undefined : decodeEntity(html.slice(i + 1, end));
      if (decoded !== undefined) {
        out.content(decoded);
        i = end + 1;
        continue;
      }
    }
    // Ordinary text, starting with this character (which may be a `<` or `&` that starts nothing).
    const end = runEnd(html, i + 1);
    out.content(html.slice(i, end));
    i = end;
  }
  return out.text;
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
  const gt = html.indexOf('>', start);
  return gt < 0 ? -1 : gt + 1;
}

/** Applies the effect of the markup at `lt` (already known to be markup). */
function applyTag(out: TextBuilder, html: string, lt: number): void {
  const closing = html.charCodeAt(lt + 1) === 47;
  const start = closing ? lt + 2 : lt + 1;
  let end = start;
  while (end < html.length && isAsciiAlphanumeric(html.charCodeAt(end))) end++;
  switch (tagKind(html, start, end)) {
    case BR:
      return out.lineBreak();
    case PARAGRAPH:
      return out.atLeast(2);
    case LINE:
      return out.atLeast(1);
    case LIST_ITEM:
      out.atLeast(1);
      if (!closing) out.content('- ');
      return;
    case CELL:
      if (closing) out.whiteSpace();
      return;
  }
}

const OTHER = 0;
const BR = 1;
const PARAGRAPH = 2;
const LINE = 3;
const LIST_ITEM = 4;
const CELL = 5;

/**
 * What a tag name means, compared case-insensitively without building the name:
 * br; p, h1-h6, blockquote, pre, ul, ol, table (paragraph); div, tr, hr (line); li; td, th.
 */
function tagKind(html: string, start: number, end: number): number {
  const length = end - start;
  const a = html.charCodeAt(start) | 0x20;
  const b = length > 1 ? html.charCodeAt(start + 1) | 0x20 : 0;
  if (length === 1) return a === 112 /* p */ ? PARAGRAPH : OTHER;
  if (length === 2) {
    if (a === 104 /* h */ && b >= 0x31 && b <= 0x36 /* 1-6 (| 0x20 keeps digits) */) return PARAGRAPH;
    switch ((a << 8) | b) {
      case 0x6272 /* br */:
        return BR;
      case 0x756c /* ul */:
      case 0x6f6c /* ol */:
        return PARAGRAPH;
      case 0x7472 /* tr */:
      case 0x6872 /* hr */:
        return LINE;
      case 0x6c69 /* li */:
        return LIST_ITEM;
      case 0x7464 /* td */:
      case 0x7468 /* th */:
        return CELL;
      default:
        return OTHER;
    }
  }
  if (length === 3 || length === 5 || length === 10) {
    const name = html.slice(start, end).toLowerCase();
    if (name === 'pre' || name === 'table' || name === 'blockquote') return PARAGRAPH;
    if (name === 'div') return LINE;
  }
  return OTHER;
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
    while (i < html.length && html.charCodeAt(i) >= 97 && html.charCodeAt(i) <= 122) i++;
    if (i === nameStart) return -1;
  }
  return html.charCodeAt(i) === 59 /* ; */ ? i : -1;
}

/** The text of an entity body (`amp`, `#39`, `#x1F600`), or undefined when it is not one we decode. */
function decodeEntity(body: string): string | undefined {
  if (body.charCodeAt(0) !== 35) return NAMED_ENTITIES.get(body);
  const x = body.charCodeAt(1);
  const code = x === 120 || x === 88 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Characters that make `textToHtml` do more than wrap the text in `<p>`. */
const LINE_BREAK_OR_ESCAPED = /[\n\r&<>"]/;

/** HTML of plain text: `& < > "` escaped, paragraphs (separated by empty lines) in `<p>`, line breaks as `<br>`. */
export function textToHtml(text: string): string {
  // One line with nothing to escape (the common case) is one paragraph of the text as is.
  if (!LINE_BREAK_OR_ESCAPED.test(text)) return text.length === 0 ? '' : `<p>${text}</p>`;
  let html = '';
  let open = false;
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    if (i > lineStart) {
      html += open ? '<br>' : '<p>';
      html += escapeHtml(text.slice(lineStart, i));
      open = true;
    } else if (open) {
      html += '</p>';
      open = false;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  return open ? html + '</p>' : html;
}

function escapeHtml(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const entity =
      c === 38 ? '&amp;' : c === 60 ? '&lt;' : c === 62 ? '&gt;' : c === 34 ? '&quot;' : undefined;
    if (entity === undefined) continue;
    out += text.slice(from, i) + entity;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
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

function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c);
}
