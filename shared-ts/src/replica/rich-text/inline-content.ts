/**
 * Turns the inline pieces of one paragraph (text with its marks, line breaks) into ADF inline
 * nodes the way a browser lays out HTML: runs of white space collapse to one space, spaces at
 * the start and end of a line disappear, and adjacent text with the same marks is one node.
 */
import type { AdfMark, AdfNode } from './adf';

/** The marks in effect on a piece of text, as read from the enclosing HTML elements. */
export interface InlineMarks {
  readonly link?: string;
  readonly strong?: true;
  readonly em?: true;
  readonly underline?: true;
  readonly strike?: true;
  readonly code?: true;
}

export type InlinePiece = { kind: 'text'; text: string; marks: InlineMarks } | { kind: 'break' };

const HTML_WHITE_SPACE = /[ \t\n\r\f]+/g;

/** ADF inline nodes for the pieces; an empty array when they hold nothing but white space. */
export function inlineContent(pieces: readonly InlinePiece[]): AdfNode[] {
  const collapsed: InlinePiece[] = [];
  let afterSpace = true; // the start of a line counts as "after a space"
  for (const piece of pieces) {
    if (piece.kind === 'break') {
      collapsed.push(piece);
      afterSpace = true;
      continue;
    }
    let text = collapseWhiteSpace(piece.text);
    if (afterSpace && text.charCodeAt(0) === 32) text = text.slice(1);
    if (text === '') continue;
    collapsed.push(text === piece.text ? piece : { kind: 'text', text, marks: piece.marks });
    afterSpace = text.charCodeAt(text.length - 1) === 32;
  }
  trimLineEnds(collapsed);

  const nodes: AdfNode[] = [];
  /** The marks of the last text node written, while it may still be extended; null after a break. */
  let previous: InlineMarks | null = null;
  for (const piece of collapsed) {
    if (piece.kind === 'break') {
      nodes.push({ type: 'hardBreak' });
      previous = null;
      continue;
    }
    if (piece.text === '') continue;
    const last = nodes[nodes.length - 1];
    if (previous !== null && sameAdfMarks(previous, piece.marks) && last?.text !== undefined) {
      last.text += piece.text;
    } else {
      const marks = adfMarks(piece.marks);
      nodes.push(
        marks.length > 0 ? { type: 'text', text: piece.text, marks } : { type: 'text', text: piece.text },
      );
    }
    previous = piece.marks;
  }
  return nodes;
}

/**
 * `text` with each run of HTML white space as one space; `text` itself when it has none to
 * change (most text: single spaces between words), which a scan finds without building a copy.
 */
function collapseWhiteSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32) continue;
    if (c === 32 ? isHtmlSpace(text.charCodeAt(i + 1)) : isHtmlSpace(c)) {
      return text.replace(HTML_WHITE_SPACE, ' ');
    }
  }
  return text;
}

function isHtmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** Whether two sets of marks give the same ADF marks (`adfMarks`), compared without building them. */
function sameAdfMarks(a: InlineMarks, b: InlineMarks): boolean {
  if (a === b) return true;
  if (a.link !== b.link || (a.code === true) !== (b.code === true)) return false;
  if (a.code === true) return true;
  return (
    (a.strong === true) === (b.strong === true) &&
    (a.em === true) === (b.em === true) &&
    (a.underline === true) === (b.underline === true) &&
    (a.strike === true) === (b.strike === true)
  );
}

/** Removes the space before each line break and at the end, across piece boundaries. */
function trimLineEnds(pieces: InlinePiece[]): void {
  let atLineEnd = true;
  for (let index = pieces.length - 1; index >= 0; index--) {
    const piece = pieces[index];
    if (piece === undefined) continue;
    if (piece.kind === 'break') {
      atLineEnd = true;
      continue;
    }
    if (atLineEnd && piece.text.charCodeAt(piece.text.length - 1) === 32) {
      const text = piece.text.slice(0, -1);
      pieces[index] = { kind: 'text', text, marks: piece.marks };
      if (text !== '') atLineEnd = false;
    } else if (piece.text !== '') {
      atLineEnd = false;
    }
  }
}

/**
 * ADF marks in a fixed order (link, strong, em, underline, strike, code). ADF allows the code mark
 * only together with a link, so code text loses its other formatting.
 */
export function adfMarks(marks: InlineMarks): AdfMark[] {
  const out: AdfMark[] = [];
  if (marks.link !== undefined) out.push({ type: 'link', attrs: { href: marks.link } });
  if (marks.code) return [...out, { type: 'code' }];
  if (marks.strong) out.push({ type: 'strong' });
  if (marks.em) out.push({ type: 'em' });
  if (marks.underline) out.push({ type: 'underline' });
  if (marks.strike) out.push({ type: 'strike' });
  return out;
}
