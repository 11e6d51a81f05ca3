/**
 * Reads untrusted ADF (parsed JSON of any shape) one node at a time, checking only what the
 * converter relies on: nodes are objects with a `type`, `content` and `marks` are arrays,
 * `attrs` is an object, text nodes have text. Node types it does not know are not an error.
 */

/** One ADF node, checked, with the JSON pointer where it was found. */
export interface AdfView {
  readonly type: string;
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly marks: readonly AdfMarkView[];
  /** Null for a leaf node (no `content`). */
  readonly content: readonly unknown[] | null;
  /** The text of a `text` node; null for any other node. */
  readonly text: string | null;
  /**
   * Where the node was found, for `adfPath`: its parent and its index in the parent's content
   * (-1: the parent's content read as text). Kept as parts, because most documents never need
   * the JSON pointer and writing one per node costs more than reading the node.
   */
  readonly parent: AdfView | null;
  readonly index: number;
  readonly depth: number;
}

/** The JSON pointer of a node in its document (`/content/0/content/2`). */
export function adfPath(node: AdfView | null): string {
  const parts: string[] = [];
  for (let at = node; at !== null && at.parent !== null; at = at.parent) {
    parts.push(at.index < 0 ? '/content' : `/content/${at.index}`);
  }
  return parts.reverse().join('');
}

export interface AdfMarkView {
  readonly type: string;
  /** Absent when the mark has none. */
  readonly attrs?: Readonly<Record<string, unknown>>;
}

/** Thrown while reading; `adfToHtml` turns it into a `malformed-adf` error value. */
export class MalformedAdf extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * ADF documents nest a handful of levels. Below this depth, content is read as text only (see
 * `adfChildren`), so hostile input cannot exhaust the stack and is still shown.
 */
export const MAX_ADF_DEPTH = 100;

/** The root node: an object of type `doc` (version 1 when stated) with a `content` array. */
export function readAdfDoc(value: unknown): AdfView {
  if (!isRecord(value))
    throw new MalformedAdf('', `ADF must be a JSON object of type "doc", found ${describe(value)}`);
  if (value.type !== 'doc') {
    throw new MalformedAdf(
      '/type',
      `the root of an ADF document must have type "doc", found ${describe(value.type)}`,
    );
  }
  if (value.version !== undefined && value.version !== 1) {
    throw new MalformedAdf(
      '/version',
      `unsupported ADF version ${describe(value.version)}; Tandem reads version 1`,
    );
  }
  if (!Array.isArray(value.content)) {
    throw new MalformedAdf(
      '/content',
      `an ADF document needs a "content" array, found ${describe(value.content)}`,
    );
  }
  return readAdfNode(value, null, 0, 0);
}

/**
 * The children of a node, each checked. A node at `MAX_ADF_DEPTH` has its content read as one
 * text node instead: the text of everything inside it (see `flatText`), unchecked.
 */
export function adfChildren(node: AdfView): AdfView[] {
  if (node.depth >= MAX_ADF_DEPTH) {
    const text = node.content === null ? '' : flatText(node.content);
    if (text === '') return [];
    return [
      {
        type: 'text',
        attrs: {},
        marks: [],
        content: null,
        text,
        parent: node,
        index: -1,
        depth: node.depth + 1,
      },
    ];
  }
  const content = node.content;
  if (content === null) return [];
  const children = new Array<AdfView>(content.length);
  for (let index = 0; index < content.length; index++) {
    children[index] = readAdfNode(content[index], node, index, node.depth + 1);
  }
  return children;
}

/**
 * The readable text of ADF nodes of any depth, without recursion: the text of text nodes and
 * the `text` (else `url`) attribute of other leaves, in document order, a space between nodes
 * that are not text. Values not shaped like nodes are skipped.
 */
export function flatText(nodes: readonly unknown[]): string {
  const parts: string[] = [];
  // Iterators of the arrays being read, innermost last.
  const stack: Iterator<unknown>[] = [nodes[Symbol.iterator]()];
  for (let top = stack[0]; top !== undefined; top = stack[stack.length - 1]) {
    const next = top.next();
    if (next.done === true) {
      stack.pop();
      continue;
    }
    const value: unknown = next.value;
    if (!isRecord(value)) continue;
    if (value.type === 'text' && typeof value.text === 'string') {
      parts.push(value.text);
      continue;
    }
    parts.push(' ');
    if (Array.isArray(value.content)) {
      stack.push((value.content as unknown[])[Symbol.iterator]());
    } else if (isRecord(value.attrs)) {
      const { text, url } = value.attrs;
      if (typeof text === 'string') parts.push(text, ' ');
      else if (typeof url === 'string') parts.push(url, ' ');
    }
  }
  return parts.join('');
}

function readAdfNode(value: unknown, parent: AdfView | null, index: number, depth: number): AdfView {
  const view = readChecked(value, parent, index, depth);
  if (view !== null) return view;
  return throwMalformed(value, parent === null ? '' : `${adfPath(parent)}/content/${index}`);
}

/** The view of a node, or null when it is malformed (`throwMalformed` then says how). */
function readChecked(value: unknown, parent: AdfView | null, index: number, depth: number): AdfView | null {
  if (!isRecord(value)) return null;
  const { type, attrs, marks, content, text } = value;
  if (typeof type !== 'string' || type === '') return null;
  if (attrs !== undefined && !isRecord(attrs)) return null;
  if (content !== undefined && !Array.isArray(content)) return null;
  if (type === 'text' && typeof text !== 'string') return null;
  if (marks !== undefined && !wellFormedMarks(marks)) return null;
  return {
    type,
    attrs: attrs ?? NO_ATTRS,
    // Checked by wellFormedMarks: each mark already has the shape of an AdfMarkView.
    marks: marks === undefined ? NO_MARKS : (marks as AdfMarkView[]),
    content: content ?? null,
    text: typeof text === 'string' && type === 'text' ? text : null,
    parent,
    index,
    depth,
  };
}

const NO_ATTRS: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_MARKS: readonly AdfMarkView[] = Object.freeze([]);

function wellFormedMarks(marks: unknown): boolean {
  if (!Array.isArray(marks)) return false;
  for (const mark of marks as unknown[]) {
    if (!isRecord(mark) || typeof mark.type !== 'string') return false;
    if (mark.attrs !== undefined && !isRecord(mark.attrs)) return false;
  }
  return true;
}

/** Throws the `MalformedAdf` naming what is wrong with a node `readChecked` refused. */
function throwMalformed(value: unknown, path: string): never {
  if (!isRecord(value)) throw new MalformedAdf(path, `expected an ADF node object, found ${describe(value)}`);
  const { type, attrs, marks, content, text } = value;
  if (typeof type !== 'string' || type === '') {
    throw new MalformedAdf(`${path}/type`, `an ADF node needs a "type" string, found ${describe(type)}`);
  }
  if (attrs !== undefined && !isRecord(attrs)) {
    throw new MalformedAdf(
      `${path}/attrs`,
      `"attrs" of a ${type} node must be an object, found ${describe(attrs)}`,
    );
  }
  if (content !== undefined && !Array.isArray(content)) {
    throw new MalformedAdf(
      `${path}/content`,
      `"content" of a ${type} node must be an array, found ${describe(content)}`,
    );
  }
  if (type === 'text' && typeof text !== 'string') {
    throw new MalformedAdf(`${path}/text`, `a text node needs a "text" string, found ${describe(text)}`);
  }
  readMarks(marks, `${path}/marks`, type);
  throw new MalformedAdf(path, `malformed ${type} node`);
}

function readMarks(marks: unknown, path: string, nodeType: string): AdfMarkView[] {
  if (marks === undefined) return [];
  if (!Array.isArray(marks)) {
    throw new MalformedAdf(path, `"marks" of a ${nodeType} node must be an array, found ${describe(marks)}`);
  }
  return marks.map((mark: unknown, index) => {
    if (!isRecord(mark) || typeof mark.type !== 'string') {
      throw new MalformedAdf(
        `${path}/${index}`,
        `a mark must be an object with a "type" string, found ${describe(mark)}`,
      );
    }
    if (mark.attrs !== undefined && !isRecord(mark.attrs)) {
      throw new MalformedAdf(`${path}/${index}/attrs`, `"attrs" of a ${mark.type} mark must be an object`);
    }
    return { type: mark.type, attrs: mark.attrs ?? {} };
  });
}

/** A string attribute, or null when absent or not a string. */
export function stringAttr(node: { attrs?: Readonly<Record<string, unknown>> }, name: string): string | null {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
