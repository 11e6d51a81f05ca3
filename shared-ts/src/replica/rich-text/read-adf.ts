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
  readonly path: string;
  readonly depth: number;
}

export interface AdfMarkView {
  readonly type: string;
  readonly attrs: Readonly<Record<string, unknown>>;
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
  return readAdfNode(value, '', 0);
}

/**
 * The children of a node, each checked. A node at `MAX_ADF_DEPTH` has its content read as one
 * text node instead: the text of everything inside it (see `flatText`), unchecked.
 */
export function adfChildren(node: AdfView): AdfView[] {
  if (node.depth >= MAX_ADF_DEPTH) {
    const text = node.content === null ? '' : flatText(node.content);
    if (text === '') return [];
    const path = `${node.path}/content`;
    return [{ type: 'text', attrs: {}, marks: [], content: null, text, path, depth: node.depth + 1 }];
  }
  return (node.content ?? []).map((child, index) =>
    readAdfNode(child, `${node.path}/content/${index}`, node.depth + 1),
  );
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

function readAdfNode(value: unknown, path: string, depth: number): AdfView {
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
  return {
    type,
    attrs: attrs ?? {},
    marks: readMarks(marks, `${path}/marks`, type),
    content: content ?? null,
    text: typeof text === 'string' && type === 'text' ? text : null,
    path,
    depth,
  };
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
export function stringAttr(node: { attrs: Readonly<Record<string, unknown>> }, name: string): string | null {
  const value = node.attrs[name];
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
