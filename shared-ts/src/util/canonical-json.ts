/**
 * Canonical JSON (RFC 8785 for the values Tandem sends): object keys sorted by UTF-16 code unit,
 * no white space, strings and numbers written as `JSON.stringify` writes them, so equal values
 * always give equal bytes (for hashes and signatures).
 *
 * It walks the value with its own stack instead of recursing, so a value nested any depth costs
 * memory in proportion to its size and never overflows the call stack; time is linear in the size
 * of the value plus the sorting of each object's keys (O(n log n) at worst). It reads only own
 * enumerable properties, so a member named `__proto__` (which `JSON.parse` creates as an ordinary
 * member) is written like any other.
 */

const PIECES_PER_BATCH = 512;

/** An object or array being written, and how far it has got. */
interface Frame {
  container: object;
  /** The keys to write, in order; null for an array. */
  keys: readonly string[] | null;
  /** How many members or items there are to write. */
  length: number;
  next: number;
  /** Whether a member has been written yet (members without a JSON value are left out). */
  wroteMember: boolean;
}

/**
 * The canonical JSON text of `value`. As `JSON.stringify` does, it leaves out object members
 * whose value JSON cannot hold (undefined, functions, symbols, bigints) and writes them `null` in
 * arrays, and writes non-finite numbers as `null`. A value that refers back to an object
 * containing it is written `null` (`validateReplica` refuses such values before they are hashed).
 */
export function canonicalJson(value: unknown): string {
  // Pieces are joined a batch at a time: a long string grown piece by piece keeps every piece
  // alive until the end, which made the garbage collector's work, and the time, grow faster than
  // the output (measured: 5x per doubling of a deeply nested replica).
  const batches: string[] = [];
  let pieces: string[] = [];
  const write = (text: string): void => {
    pieces.push(text);
    if (pieces.length === PIECES_PER_BATCH) {
      batches.push(pieces.join(''));
      pieces = [];
    }
  };
  const stack: Frame[] = [];
  const open = new Set<object>();

  /** Writes a primitive, or opens a container; false when the value has no JSON form. */
  const begin = (member: unknown): boolean => {
    if (typeof member === 'string' || typeof member === 'number' || typeof member === 'boolean') {
      write(JSON.stringify(member));
      return true;
    }
    if (member === null) {
      write('null');
      return true;
    }
    if (typeof member !== 'object') return false;
    if (open.has(member)) {
      write('null');
      return true;
    }
    open.add(member);
    const keys = Array.isArray(member) ? null : Object.keys(member).sort();
    write(keys === null ? '[' : '{');
    const length = keys === null ? (member as unknown[]).length : keys.length;
    stack.push({ container: member, keys, length, next: 0, wroteMember: false });
    return true;
  };

  if (!begin(value)) return 'null';
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next === frame.length) {
      write(frame.keys === null ? ']' : '}');
      open.delete(frame.container);
      stack.pop();
      continue;
    }
    const index = frame.next++;
    if (frame.keys === null) {
      if (frame.wroteMember) write(',');
      frame.wroteMember = true;
      if (!begin((frame.container as unknown[])[index])) write('null');
      continue;
    }
    const key = frame.keys[index] as string;
    const member = (frame.container as Record<string, unknown>)[key];
    if (!hasJsonForm(member)) continue;
    write(`${frame.wroteMember ? ',' : ''}${JSON.stringify(key)}:`);
    frame.wroteMember = true;
    begin(member);
  }
  batches.push(pieces.join(''));
  return batches.join('');
}

function hasJsonForm(value: unknown): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object';
}
