/**
 * The rules IR: a versioned JSON form of a checked script that both the TypeScript IR
 * interpreter and the Apex interpreter run. docs/ir.md is its specification; every node
 * below is described there with its evaluation and its errors.
 */
import type { IrDependencies } from './ir-dependencies';
import type { Direction, Side } from './types';

/** The IR version this code writes and runs. */
export const IR_VERSION = 1;

/** Source location of a node: 1-based line, 1-based column (UTF-16 code units). */
export type At = [line: number, column: number];

/** A whole compiled script. */
export interface IrProgram {
  irVersion: typeof IR_VERSION;
  side: Side;
  direction: Direction;
  /** Number of local variable slots the program uses (slots are numbered from 0). */
  slots: number;
  body: IrStatement[];
  /**
   * Incoming programs only: which replica fields each written path reads and which inputs the
   * program reads (docs/ir.md, "Dependencies"). Informative: an interpreter ignores it; the sync
   * engine reads it instead of parsing the script.
   */
  dependencies?: IrDependencies;
}

/** Names of the variables a script receives from its host. */
export type InputName = 'issue' | 'entity' | 'replica' | 'previous' | 'connection' | 'firstSync';

/** Library functions called by name (`lookup(...)`, `html.toText(...)`). */
export type LibraryFunctionName =
  | 'lookup'
  | 'join'
  | 'Number'
  | 'String'
  | 'isEmpty'
  | 'html.toText'
  | 'text.toHtml'
  | 'date.format'
  | 'date.now';

/** Methods called on a text or list value (`x.trim()`, `list.map(c => ...)`). */
export type MethodName =
  | 'trim'
  | 'toLowerCase'
  | 'toUpperCase'
  | 'startsWith'
  | 'endsWith'
  | 'includes'
  | 'replace'
  | 'replaceAll'
  | 'split'
  | 'slice'
  | 'padStart'
  | 'join'
  | 'filter'
  | 'map'
  | 'some'
  | 'every'
  | 'find';

/** Methods whose single argument is an arrow function. */
export type CallbackMethodName = 'filter' | 'map' | 'some' | 'every' | 'find';

/** A statement node (docs/ir.md, "Statements"). */
export type IrStatement =
  | { op: 'let'; at: At; slot: number; value: IrExpression | null }
  | { op: 'set'; at: At; slot: number; operator: AssignOperator; value: IrExpression }
  | { op: 'assign'; at: At; operator: AssignOperator; path: IrPathSegment[]; value: IrExpression }
  | { op: 'if'; at: At; test: IrExpression; then: IrStatement[]; else: IrStatement[] }
  | { op: 'for'; at: At; slot: number; list: IrExpression; body: IrStatement[] }
  | { op: 'break'; at: At }
  | { op: 'continue'; at: At }
  | { op: 'expr'; at: At; value: IrExpression };

/** `=` stores the value; `+=` stores `old + value`. */
export type AssignOperator = '=' | '+=';

/** One step of an assignment path below the writable variable: `.name` or `[key]`. */
export type IrPathSegment = { at: At; name: string } | { at: At; key: IrExpression };

/** Operators of `unary`, `binary` and `logical` nodes (`===`/`!==` compile to `==`/`!=`). */
export type UnaryOperator = '!' | '-';
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = '&&' | '||' | '??';

/** An expression node (docs/ir.md, "Expressions"). */
export type IrExpression =
  | { op: 'lit'; at: At; value: string | number | boolean | null }
  | { op: 'local'; at: At; slot: number }
  | { op: 'input'; at: At; name: InputName }
  | { op: 'list'; at: At; items: IrListItem[] }
  | { op: 'object'; at: At; props: IrProperty[] }
  | { op: 'template'; at: At; parts: string[]; values: IrExpression[] }
  | { op: 'unary'; at: At; operator: UnaryOperator; arg: IrExpression }
  | { op: 'binary'; at: At; operator: BinaryOperator; left: IrExpression; right: IrExpression }
  | { op: 'logical'; at: At; operator: LogicalOperator; left: IrExpression; right: IrExpression }
  | { op: 'cond'; at: At; test: IrExpression; then: IrExpression; else: IrExpression }
  | { op: 'get'; at: At; object: IrExpression; name: string; optional?: true }
  | { op: 'index'; at: At; object: IrExpression; key: IrExpression; optional?: true }
  | { op: 'chain'; at: At; value: IrExpression }
  | { op: 'call'; at: At; fn: LibraryFunctionName; args: IrExpression[] }
  | {
      op: 'method';
      at: At;
      object: IrExpression;
      name: MethodName;
      args: IrExpression[];
      optional?: true;
      /** Only for filter/map/some/every/find: the arrow function argument. */
      fn?: IrFunction;
    };

/** An element of a list literal: a value, or `...list`. */
export type IrListItem = IrExpression | { spread: IrExpression };

/** A member of an object literal: `key: value`, `[keyExpr]: value`, or `...object`. */
export type IrProperty =
  | { key: string; value: IrExpression }
  | { keyExpr: IrExpression; value: IrExpression }
  | { spread: IrExpression };

/** An arrow function argument: its parameters' slots (element, then optional index) and body. */
export interface IrFunction {
  params: number[];
  body: IrExpression;
}
