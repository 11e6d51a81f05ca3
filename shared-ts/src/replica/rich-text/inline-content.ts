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
    let text = piece.text.replace(HTML_WHITE_SPACE, ' ');
    if (afterSpace && text.startsWith(' ')) text = text.slice(1);
    if (text === '') continue;
    collapsed.push({ ...piece, text });
    afterSpace = text.endsWith(' ');
  }
  trimLineEnds(collapsed);

  const nodes: AdfNode[] = [];
  let previousKey: string | null = null;
  for (const piece of collapsed) {
    if (piece.kind === 'break') {
      nodes.push({ type: 'hardBreak' });
      previousKey = null;
      continue;
    }
    if (piece.text === '') continue;
    const marks = adfMarks(piece.marks);
    const key = JSON.stringify(marks);
    const last = nodes[nodes.length - 1];
    if (key === previousKey && last?.text !== undefined) {
      last.text += piece.text;
    } else {
      nodes.push(
        marks.length > 0 ? { type: 'text', text: piece.text, marks } : { type: 'text', text: piece.text },
      );
    }
    previousKey = key;
  }
  return nodes;
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
    const text = atLineEnd && piece.text.endsWith(' ') ? piece.text.slice(0, -1) : piece.text;
    pieces[index] = { ...piece, text };
    if (text !== '') atLineEnd = false;
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
