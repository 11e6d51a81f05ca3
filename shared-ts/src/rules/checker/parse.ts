/**
 * Parsing a script with acorn (ES2022, script), with syntax errors as located diagnostics.
 * The parser is bounded: a script longer than `MAX_SCRIPT_LENGTH`, with more tokens than
 * `MAX_TOKENS`, or nesting brackets deeper than `MAX_NESTING` is refused (`too-large`,
 * `too-deep`) while it is read, before acorn's recursion could run out of stack.
 */
import { parse, type Node, type Program, type Token } from 'acorn';
import { MAX_NESTING, MAX_NODES, MAX_SCRIPT_LENGTH, MAX_TOKENS } from '../runtime/limits';
import type { Diagnostic } from '../runtime/types';

/** The parsed program, or the syntax error that stopped the parser. */
export type ParseResult = { ok: true; program: Program } | { ok: false; diagnostic: Diagnostic };

/** acorn's messages, explained for an admin where JavaScript habits lead astray. */
const SYNTAX_HINTS: ReadonlyArray<[RegExp, string]> = [
  [/'return' outside of function/, 'rules have no `return`; use if/else to skip the rest'],
  [/'import' and 'export' may appear only/, 'modules are not available; the whole script is one file'],
  [/Unterminated string constant/, 'close the text with the same quote it starts with'],
  [/Unterminated template/, 'close the template with a backtick `'],
  [/Missing initializer in const declaration/, 'give the constant a value: `const x = ...`, or use `let x;`'],
];

const OPENING = new Set(['(', '[', '{', '${']);
const CLOSING = new Set([')', ']', '}']);

/** A limit met while reading tokens; thrown through acorn and turned into a diagnostic. */
class Refusal {
  constructor(readonly diagnostic: Diagnostic) {}
}

/** The diagnostic for a script nested deeper than the limit. */
export function tooDeep(line: number, column: number): Diagnostic {
  return {
    severity: 'error',
    code: 'too-deep',
    message: `The script nests more than ${MAX_NESTING} levels deep (brackets, operators, calls or member chains).`,
    hint: 'split the expression into several statements with `const`',
    line,
    column,
  };
}

/** The diagnostic for a script larger than the limit. */
export function tooLarge(what: string, line: number, column: number): Diagnostic {
  return {
    severity: 'error',
    code: 'too-large',
    message: `The script is too large: ${what}.`,
    hint: 'split the work over fewer, simpler statements',
    line,
    column,
  };
}

/** Parses a script; never throws. */
export function parseScript(script: string): ParseResult {
  if (script.length > MAX_SCRIPT_LENGTH) {
    return {
      ok: false,
      diagnostic: tooLarge(`more than ${MAX_SCRIPT_LENGTH} characters (${script.length})`, 1, 1),
    };
  }
  let depth = 0;
  let tokens = 0;
  const onToken = (token: Token): void => {
    const label = token.type.label;
    const line = token.loc?.start.line ?? 1;
    const column = (token.loc?.start.column ?? 0) + 1;
    if (++tokens > MAX_TOKENS) throw new Refusal(tooLarge(`more than ${MAX_TOKENS} tokens`, line, column));
    if (OPENING.has(label)) {
      if (++depth > MAX_NESTING) throw new Refusal(tooDeep(line, column));
    } else if (CLOSING.has(label)) {
      depth--;
    }
  };
  try {
    const program = parse(script, {
      ecmaVersion: 2022,
      sourceType: 'script',
      locations: true,
      allowReturnOutsideFunction: false,
      allowHashBang: false,
      onToken,
    });
    const refused = measure(program);
    return refused ? { ok: false, diagnostic: refused } : { ok: true, program };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, diagnostic: error.diagnostic };
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const raw = error instanceof Error ? error.message : String(error);
    const message = raw.replace(/\s*\(\d+:\d+\)$/, '');
    if (error instanceof RangeError || /Not enough stack space/.test(message)) {
      // acorn recurses on operator chains; past the host's stack it is still too deep for us.
      return { ok: false, diagnostic: tooDeep(loc?.line ?? 1, (loc?.column ?? 0) + 1) };
    }
    const hint = SYNTAX_HINTS.find(([pattern]) => pattern.test(message))?.[1];
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'syntax-error',
      message: `Syntax error: ${message}.`,
      line: loc?.line ?? 1,
      column: (loc?.column ?? 0) + 1,
    };
    if (hint) diagnostic.hint = hint;
    return { ok: false, diagnostic };
  }
}

/**
 * Walks the tree without recursion: the first node deeper than `MAX_NESTING` (top-level
 * statements are depth 1) or past `MAX_NODES` gives the diagnostic; null when the tree fits.
 * The checker, compiler and interpreters recurse on the tree, so they only ever see one that fits.
 */
function measure(program: Program): Diagnostic | null {
  const stack: Array<[Node, number]> = [];
  for (const statement of program.body) stack.push([statement, 1]);
  let count = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    const line = node.loc?.start.line ?? 1;
    const column = (node.loc?.start.column ?? 0) + 1;
    if (depth > MAX_NESTING) return tooDeep(line, column);
    if (++count > MAX_NODES) return tooLarge(`more than ${MAX_NODES} syntax nodes`, line, column);
    for (const key in node) {
      if (key === 'loc') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push([item, depth + 1]);
      } else if (isNode(value)) {
        stack.push([value, depth + 1]);
      }
    }
  }
  return null;
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
