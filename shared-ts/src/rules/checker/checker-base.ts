/**
 * The checker's foundation: the script's variables, scopes and resolutions, how names are
 * resolved (with hints for unknown ones), and how diagnostics are reported. The call and
 * statement checkers build on it.
 */
import type {
  CallExpression,
  Expression,
  Identifier,
  Node,
  PrivateIdentifier,
  SpreadElement,
  Super,
} from 'acorn';
import { GLOBAL_ADVICE, GLOBAL_FUNCTIONS, NAMESPACES } from '../runtime/catalog';
import type { InputName, LibraryFunctionName, MethodName } from '../runtime/ir';
import type { Refusal } from './refusals';
import { OPEN, type Shape } from '../runtime/schema';
import { Scopes } from './scopes';
import { didYouMean } from './suggest';
import type { Diagnostic, Direction, Side } from '../runtime/types';
import { entityVariable, scriptVariables, writableVariable, type ScriptVariable } from '../runtime/variables';

/** What an identifier means. */
export type Binding = { kind: 'input'; name: InputName } | { kind: 'local'; slot: number };

/** What a call calls. */
export type CallTarget = { kind: 'function'; fn: LibraryFunctionName } | { kind: 'method'; name: MethodName };

/** Names the library reserves, besides the host variables. */
const LIBRARY_NAMES: ReadonlySet<string> = new Set([...GLOBAL_FUNCTIONS, ...Object.keys(NAMESPACES)]);
/** JavaScript names that would only confuse as variable names. */
const CONFUSING_NAMES: ReadonlySet<string> = new Set(['undefined', 'NaN', 'Infinity', 'eval', 'arguments']);
const ALL_HOST_VARIABLES: readonly string[] = [
  'issue',
  'entity',
  'replica',
  'previous',
  'connection',
  'firstSync',
];

/** State and helpers shared by every part of the checker. */
export abstract class CheckerBase {
  readonly diagnostics: Diagnostic[] = [];
  readonly bindings = new Map<Node, Binding>();
  readonly calls = new Map<CallExpression, CallTarget>();
  readonly scopes = new Scopes();
  /** Errors reported so far (to tell whether checking a part found anything). */
  protected errors = 0;
  protected readonly variables: ReadonlyMap<string, ScriptVariable>;
  protected readonly writable: InputName;

  constructor(
    protected readonly side: Side,
    protected readonly direction: Direction,
  ) {
    this.variables = scriptVariables(side, direction);
    this.writable = writableVariable(side, direction);
  }

  /** Checks an expression and returns what is known of its value. */
  protected abstract expression(node: Expression | SpreadElement | PrivateIdentifier | Super): Shape;

  /** Resolves a variable name; unknown names, namespaces and functions used as values are errors. */
  protected reference(id: Identifier): Shape {
    const local = this.scopes.lookup(id.name);
    if (local?.pendingLine !== undefined) return this.usedBeforeDeclaration(id, local.pendingLine);
    if (local) {
      this.bindings.set(id, { kind: 'local', slot: local.slot });
      return local.shape;
    }
    const variable = this.variables.get(id.name);
    if (variable) {
      this.bindings.set(id, { kind: 'input', name: variable.name });
      return variable.shape;
    }
    if (NAMESPACES[id.name]) {
      const first = NAMESPACES[id.name]?.[0] ?? '';
      this.error(
        id,
        'not-a-value',
        `\`${id.name}\` is a group of library functions, not a value.`,
        `call one of them, e.g. \`${id.name}.${first}(...)\``,
      );
      return OPEN;
    }
    if (GLOBAL_FUNCTIONS.has(id.name)) {
      this.error(
        id,
        'not-a-value',
        `\`${id.name}\` is a function, not a value.`,
        `call it: \`${id.name}(...)\``,
      );
      return OPEN;
    }
    this.unknownVariable(id);
    return OPEN;
  }

  // ---- names and scopes -------------------------------------------------------------

  protected declare(id: Identifier, constant: boolean, shape: Shape): void {
    const name = id.name;
    if (this.variables.has(name) || ALL_HOST_VARIABLES.includes(name)) {
      this.error(id, 'reserved-name', `\`${name}\` is a variable of the rules; choose another name.`);
    } else if (LIBRARY_NAMES.has(name)) {
      this.error(id, 'reserved-name', `\`${name}\` is a name of the rules library; choose another name.`);
    } else if (CONFUSING_NAMES.has(name)) {
      this.error(id, 'reserved-name', `\`${name}\` cannot be used as a variable name.`);
    }
    const local = this.scopes.declare(name, constant, shape);
    this.bindings.set(id, { kind: 'local', slot: local.slot });
  }

  protected isUnknownName(name: string): boolean {
    return (
      !this.scopes.lookup(name) &&
      !this.variables.has(name) &&
      !NAMESPACES[name] &&
      !GLOBAL_FUNCTIONS.has(name)
    );
  }

  protected unknownVariable(id: Identifier): void {
    const name = id.name;
    const entity = entityVariable(this.side);
    let hint: string | undefined = GLOBAL_ADVICE[name];
    if (!hint && (name === 'issue' || name === 'entity')) {
      hint = `on ${this.side === 'jira' ? 'Jira' : 'Salesforce'} the local record is \`${entity}\``;
    } else if (!hint && name === 'previous') {
      hint = '`previous` exists only in incoming rules';
    }
    if (!hint) {
      const visible = [...this.scopes.names(), ...this.variables.keys(), ...LIBRARY_NAMES];
      hint = didYouMean(name, visible);
    }
    this.error(id, 'unknown-variable', `Unknown variable \`${name}\`.`, hint);
  }

  protected usedBeforeDeclaration(id: Identifier, line: number): Shape {
    this.error(
      id,
      'used-before-declaration',
      `\`${id.name}\` is used before its declaration on line ${line}.`,
      'move the declaration above its first use',
    );
    return OPEN;
  }

  protected readOnly(node: Node, name: string): void {
    const field = this.exampleField();
    this.error(
      node,
      'read-only',
      `\`${name}\` is read-only in ${this.direction} rules.`,
      `write to \`${this.writable}\` instead: \`${this.writable}.${field} = ...\``,
    );
  }

  protected exampleField(): string {
    return this.writable === 'entity' ? 'Subject' : 'summary';
  }

  // ---- diagnostics ------------------------------------------------------------------

  protected refuse(node: Node, message: string, hint?: string): void {
    this.error(node, 'forbidden-construct', message, hint);
  }

  protected refuseWith(node: Node, refusal: Refusal): void {
    this.refuse(node, refusal.message, refusal.hint);
  }

  protected error(node: Node, code: string, message: string, hint?: string): void {
    this.errors++;
    this.report('error', node, code, message, hint);
  }

  protected warning(node: Node, code: string, message: string, hint?: string): void {
    this.report('warning', node, code, message, hint);
  }

  private report(
    severity: Diagnostic['severity'],
    node: Node,
    code: string,
    message: string,
    hint?: string,
  ): void {
    const start = node.loc?.start;
    const end = node.loc?.end;
    const diagnostic: Diagnostic = {
      severity,
      code,
      message,
      line: start?.line ?? 1,
      column: (start?.column ?? 0) + 1,
    };
    if (end) {
      diagnostic.endLine = end.line;
      diagnostic.endColumn = end.column + 1;
    }
    if (hint) diagnostic.hint = hint;
    this.diagnostics.push(diagnostic);
  }
}
