/** Parsing a script with acorn (ES2022, script), with syntax errors as located diagnostics. */
import { parse, type Program } from 'acorn';
import type { Diagnostic } from './types';

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

/** Parses a script; never throws. */
export function parseScript(script: string): ParseResult {
  try {
    const program = parse(script, {
      ecmaVersion: 2022,
      sourceType: 'script',
      locations: true,
      allowReturnOutsideFunction: false,
      allowHashBang: false,
    });
    return { ok: true, program };
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const raw = error instanceof Error ? error.message : String(error);
    const message = raw.replace(/\s*\(\d+:\d+\)$/, '');
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
