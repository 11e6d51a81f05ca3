/**
 * `compile`: a checked script to IR. One IR node per evaluated AST node (blocks flatten
 * away, `===` becomes `==`), so the IR interpreter charges the same steps as the AST one.
 */
import type {
  ArrowFunctionExpression,
  AssignmentExpression,
  CallExpression,
  Expression,
  ForOfStatement,
  MemberExpression,
  Node,
  Statement,
} from 'acorn';
import { analyze, type Analysis } from './subset-checker';
import { assignmentReadsOf } from './assignment-reads';
import { inputsOf } from '../runtime/ir-dependencies';
import {
  IR_VERSION,
  type AssignOperator,
  type BinaryOperator,
  type IrExpression,
  type IrFunction,
  type IrListItem,
  type IrPathSegment,
  type IrProgram,
  type IrProperty,
  type IrStatement,
  type LogicalOperator,
  type UnaryOperator,
} from '../runtime/ir';
import { locationOf } from './locations';
import { entityVariable } from '../runtime/variables';
import type { Diagnostic, Direction, Side } from '../runtime/types';

/** Why a script did not compile: the check found an error; `diagnostics` holds every finding. */
export interface ScriptInvalid {
  code: 'script-invalid';
  message: string;
  diagnostics: Diagnostic[];
}

/** What `compile` returns: the IR, or every diagnostic when the check found an error. */
export type CompileResult = { ok: true; ir: IrProgram } | { ok: false; error: ScriptInvalid };

/** Compiles a script to IR; fails with all diagnostics when the check finds an error. */
export function compile(script: string, side: Side, direction: Direction): CompileResult {
  const analysis = analyze(script, side, direction);
  if (analysis.hasErrors || !analysis.program) {
    const { diagnostics } = analysis;
    return {
      ok: false,
      error: { code: 'script-invalid', message: describeErrors(diagnostics), diagnostics },
    };
  }
  return { ok: true, ir: compileAnalysis(analysis) };
}

/** `The script has 2 errors; the first, at line 3, column 5: ...`. */
function describeErrors(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const first = errors[0];
  if (!first) return 'The script does not compile.';
  const count = errors.length === 1 ? 'an error' : `${errors.length} errors`;
  const which = errors.length === 1 ? 'at' : 'the first at';
  return `The script has ${count}; ${which} line ${first.line}, column ${first.column}: ${first.message}`;
}

/** Compiles an analysis that has no errors. */
export function compileAnalysis(analysis: Analysis): IrProgram {
  const compiler = new Compiler(analysis);
  const body: IrStatement[] = [];
  for (const statement of analysis.program?.body ?? []) compiler.statement(statement as Statement, body);
  return {
    irVersion: IR_VERSION,
    side: analysis.side,
    direction: analysis.direction,
    slots: analysis.slots,
    body,
    ...(analysis.direction === 'incoming'
      ? {
          dependencies: {
            writes: assignmentReadsOf(analysis),
            inputs: inputsOf(body, entityVariable(analysis.side)),
          },
        }
      : {}),
  };
}

class Compiler {
  constructor(private readonly analysis: Analysis) {}

  statement(node: Statement, out: IrStatement[]): void {
    const at = locationOf(node);
    switch (node.type) {
      case 'VariableDeclaration':
        for (const declarator of node.declarations) {
          out.push({
            op: 'let',
            at: locationOf(declarator),
            slot: this.slot(declarator.id),
            value: declarator.init ? this.expression(declarator.init) : null,
          });
        }
        return;
      case 'ExpressionStatement':
        if (node.expression.type === 'AssignmentExpression') out.push(this.assignment(node.expression));
        else out.push({ op: 'expr', at, value: this.expression(node.expression) });
        return;
      case 'IfStatement':
        out.push({
          op: 'if',
          at,
          test: this.expression(node.test),
          then: this.block(node.consequent),
          else: node.alternate ? this.block(node.alternate) : [],
        });
        return;
      case 'ForOfStatement':
        out.push(this.forOf(node));
        return;
      case 'BlockStatement':
        for (const statement of node.body) this.statement(statement, out);
        return;
      case 'EmptyStatement':
        return;
      case 'BreakStatement':
        out.push({ op: 'break', at });
        return;
      case 'ContinueStatement':
        out.push({ op: 'continue', at });
        return;
      default:
        throw new Error(`compile: unexpected ${node.type}`);
    }
  }

  private block(node: Statement): IrStatement[] {
    const out: IrStatement[] = [];
    this.statement(node, out);
    return out;
  }

  private forOf(node: ForOfStatement): IrStatement {
    const declaration = node.left as { declarations: { id: Node }[] };
    return {
      op: 'for',
      at: locationOf(node),
      slot: this.slot((declaration.declarations[0] as { id: Node }).id),
      list: this.expression(node.right),
      body: this.block(node.body),
    };
  }

  private assignment(node: AssignmentExpression): IrStatement {
    const at = locationOf(node);
    const operator = node.operator as AssignOperator;
    const value = this.expression(node.right);
    if (node.left.type === 'Identifier')
      return { op: 'set', at, slot: this.slot(node.left), operator, value };
    const members: MemberExpression[] = [];
    let cursor: Node = node.left;
    while (cursor.type === 'MemberExpression') {
      members.unshift(cursor as MemberExpression);
      cursor = (cursor as MemberExpression).object;
    }
    const path: IrPathSegment[] = members.map((member) =>
      member.computed
        ? { at: locationOf(member), key: this.expression(member.property as Expression) }
        : { at: locationOf(member), name: (member.property as { name: string }).name },
    );
    return { op: 'assign', at, operator, path, value };
  }

  expression(node: Expression): IrExpression {
    const at = locationOf(node);
    switch (node.type) {
      case 'Literal':
        return { op: 'lit', at, value: node.value as string | number | boolean | null };
      case 'Identifier': {
        const binding = this.analysis.bindings.get(node);
        if (!binding) throw new Error(`compile: unresolved ${node.name}`);
        return binding.kind === 'local'
          ? { op: 'local', at, slot: binding.slot }
          : { op: 'input', at, name: binding.name };
      }
      case 'TemplateLiteral':
        return {
          op: 'template',
          at,
          parts: node.quasis.map((quasi) => quasi.value.cooked ?? ''),
          values: node.expressions.map((expression) => this.expression(expression)),
        };
      case 'ArrayExpression':
        return {
          op: 'list',
          at,
          items: node.elements.flatMap((element): IrListItem[] =>
            element === null
              ? []
              : element.type === 'SpreadElement'
                ? [{ spread: this.expression(element.argument) }]
                : [this.expression(element)],
          ),
        };
      case 'ObjectExpression':
        return {
          op: 'object',
          at,
          props: node.properties.map((property): IrProperty => {
            if (property.type === 'SpreadElement') return { spread: this.expression(property.argument) };
            const value = this.expression(property.value as Expression);
            if (property.computed) return { keyExpr: this.expression(property.key), value };
            const key =
              property.key.type === 'Identifier'
                ? property.key.name
                : String((property.key as { value: unknown }).value);
            return { key, value };
          }),
        };
      case 'UnaryExpression':
        return {
          op: 'unary',
          at,
          operator: node.operator as UnaryOperator,
          arg: this.expression(node.argument),
        };
      case 'BinaryExpression':
        return {
          op: 'binary',
          at,
          operator: (node.operator.length === 3
            ? node.operator.slice(0, 2)
            : node.operator) as BinaryOperator,
          left: this.expression(node.left as Expression),
          right: this.expression(node.right),
        };
      case 'LogicalExpression':
        return {
          op: 'logical',
          at,
          operator: node.operator as LogicalOperator,
          left: this.expression(node.left),
          right: this.expression(node.right),
        };
      case 'ConditionalExpression':
        return {
          op: 'cond',
          at,
          test: this.expression(node.test),
          then: this.expression(node.consequent),
          else: this.expression(node.alternate),
        };
      case 'MemberExpression': {
        const object = this.expression(node.object as Expression);
        const optional = node.optional ? { optional: true as const } : {};
        return node.computed
          ? { op: 'index', at, object, key: this.expression(node.property as Expression), ...optional }
          : { op: 'get', at, object, name: (node.property as { name: string }).name, ...optional };
      }
      case 'ChainExpression':
        return { op: 'chain', at, value: this.expression(node.expression) };
      case 'CallExpression':
        return this.call(node);
      default:
        throw new Error(`compile: unexpected ${node.type}`);
    }
  }

  private call(node: CallExpression): IrExpression {
    const at = locationOf(node);
    const target = this.analysis.calls.get(node);
    if (!target) throw new Error('compile: unresolved call');
    const args = node.arguments as Expression[];
    if (target.kind === 'function') {
      return { op: 'call', at, fn: target.fn, args: args.map((arg) => this.expression(arg)) };
    }
    const callee = node.callee as MemberExpression;
    const object = this.expression(callee.object as Expression);
    const optional = callee.optional ? { optional: true as const } : {};
    const first = args[0];
    if (first && first.type === 'ArrowFunctionExpression') {
      return { op: 'method', at, object, name: target.name, args: [], ...optional, fn: this.arrow(first) };
    }
    return {
      op: 'method',
      at,
      object,
      name: target.name,
      args: args.map((arg) => this.expression(arg)),
      ...optional,
    };
  }

  private arrow(node: ArrowFunctionExpression): IrFunction {
    return {
      params: node.params.map((param) => this.slot(param)),
      body: this.expression(node.body as Expression),
    };
  }

  private slot(node: Node): number {
    const binding = this.analysis.bindings.get(node);
    if (!binding || binding.kind !== 'local') throw new Error('compile: unresolved declaration');
    return binding.slot;
  }
}
