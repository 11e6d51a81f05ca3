/**
 * The AST interpreter: evaluates acorn's tree directly, using the checker's resolutions.
 * It charges steps exactly as the IR interpreter does (docs/ir.md, "Steps"), so both
 * runtimes agree on results, errors and step counts.
 */
import type {
  ArrayExpression,
  AssignmentExpression,
  CallExpression,
  Expression,
  ForOfStatement,
  MemberExpression,
  Node,
  ObjectExpression,
  Pattern,
  Statement,
  TemplateLiteral,
} from 'acorn';
import type { Analysis, Binding } from './checker/subset-checker';
import { locate, RuleFailure } from './runtime/errors';
import type { AssignOperator, At, BinaryOperator } from './runtime/ir';
import { builtList, checkListLength, checkText, callFunction, listTooLong } from './runtime/library';
import { locationOf } from './checker/locations';
import { callCallbackMethod, callMethod } from './runtime/methods';
import { binary, negate } from './runtime/operators';
import type { RunContext } from './runtime/run-context';
import {
  describe,
  nullRead,
  objectKey,
  orNull,
  readField,
  readIndex,
  SHORT,
  spreadInto,
  toText,
  truthy,
  type Value,
  type ValueObject,
} from './runtime/values';

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
type Completion = typeof NORMAL | typeof BREAK | typeof CONTINUE;

/** Runs a checked program against a run context; throws `RuleFailure` on a runtime error. */
export function runAst(analysis: Analysis, context: RunContext): void {
  if (!analysis.program) throw new RuleFailure('internal-error', 'The script did not parse.', [1, 1]);
  new AstInterpreter(analysis, context).statements(analysis.program.body as Statement[]);
}

class AstInterpreter {
  private readonly locals: Value[];

  constructor(
    private readonly analysis: Analysis,
    private readonly context: RunContext,
  ) {
    this.locals = new Array<Value>(analysis.slots).fill(null);
  }

  statements(list: Statement[]): Completion {
    for (const statement of list) {
      const completion = this.statement(statement);
      if (completion !== NORMAL) return completion;
    }
    return NORMAL;
  }

  private statement(node: Statement): Completion {
    switch (node.type) {
      case 'VariableDeclaration':
        for (const declarator of node.declarations) {
          this.tick(declarator);
          this.locals[this.slot(declarator.id)] = declarator.init ? this.evaluate(declarator.init) : null;
        }
        return NORMAL;
      case 'ExpressionStatement':
        if (node.expression.type === 'AssignmentExpression') this.assignment(node.expression);
        else {
          this.tick(node);
          this.evaluate(node.expression);
        }
        return NORMAL;
      case 'IfStatement':
        this.tick(node);
        if (truthy(this.evaluate(node.test))) return this.statement(node.consequent);
        return node.alternate ? this.statement(node.alternate) : NORMAL;
      case 'ForOfStatement':
        return this.forOf(node);
      case 'BlockStatement':
        return this.statements(node.body);
      case 'EmptyStatement':
        return NORMAL;
      case 'BreakStatement':
        this.tick(node);
        return BREAK;
      case 'ContinueStatement':
        this.tick(node);
        return CONTINUE;
      default:
        throw this.fail(node, 'internal-error', `\`${node.type}\` reached the interpreter.`);
    }
  }

  private forOf(node: ForOfStatement): Completion {
    this.tick(node);
    const list = this.evaluate(node.right);
    if (!Array.isArray(list)) {
      throw this.fail(
        node,
        list === null ? 'null-access' : 'type-error',
        `\`for ... of\` needs a list, not ${describe(list)}${list === null ? '; write `list ?? []` if it may be empty' : ''}.`,
      );
    }
    if (list.length > this.context.maxListLength) {
      throw locate(listTooLong(list.length, this.context.maxListLength), locationOf(node));
    }
    const declaration = node.left as { declarations: { id: Pattern }[] };
    const slot = this.slot((declaration.declarations[0] as { id: Pattern }).id);
    for (let i = 0; i < list.length; i++) {
      this.tick(node);
      this.locals[slot] = orNull(list[i]);
      const completion = this.statement(node.body);
      if (completion === BREAK) break;
    }
    return NORMAL;
  }

  private assignment(node: AssignmentExpression): void {
    this.tick(node);
    const operator = node.operator as AssignOperator;
    const left = node.left;
    if (left.type === 'Identifier') {
      const slot = this.slot(left);
      const value = this.evaluate(node.right);
      this.locals[slot] =
        operator === '+='
          ? this.guard(node, () => binary('+', this.locals[slot] ?? null, value, this.context))
          : value;
      return;
    }
    const members: MemberExpression[] = [];
    let cursor: Node = left;
    while (cursor.type === 'MemberExpression') {
      members.unshift(cursor as MemberExpression);
      cursor = (cursor as MemberExpression).object;
    }
    const keys: string[] = new Array<string>(members.length);
    for (let i = 0; i < members.length; i++) {
      const member = members[i] as MemberExpression;
      if (member.computed) {
        const key = this.evaluate(member.property as Expression);
        keys[i] = this.guard(member, () => objectKey(key));
      } else {
        keys[i] = (member.property as { name: string }).name;
      }
    }
    const value = this.evaluate(node.right);
    this.context.assign(keys, operator, value, (segment) => locationOf(members[segment] as MemberExpression));
  }

  /** Evaluates an expression (never returns SHORT outside a chain). */
  evaluate(node: Expression): Value {
    this.tick(node);
    try {
      return this.expression(node);
    } catch (error) {
      throw locate(error, locationOf(node));
    }
  }

  private expression(node: Expression): Value {
    switch (node.type) {
      case 'Literal':
        return node.value as Value;
      case 'Identifier':
        return this.read(this.analysis.bindings.get(node));
      case 'TemplateLiteral':
        return this.template(node);
      case 'ArrayExpression':
        return this.list(node);
      case 'ObjectExpression':
        return this.object(node);
      case 'UnaryExpression': {
        const value = this.evaluate(node.argument);
        return node.operator === '!' ? !truthy(value) : negate(value);
      }
      case 'BinaryExpression': {
        const left = this.evaluate(node.left as Expression);
        const right = this.evaluate(node.right);
        const operator = (
          node.operator.length === 3 ? node.operator.slice(0, 2) : node.operator
        ) as BinaryOperator;
        return binary(operator, left, right, this.context);
      }
      case 'LogicalExpression': {
        const left = this.evaluate(node.left);
        if (node.operator === '&&') return truthy(left) ? this.evaluate(node.right) : left;
        if (node.operator === '||') return truthy(left) ? left : this.evaluate(node.right);
        return left !== null ? left : this.evaluate(node.right);
      }
      case 'ConditionalExpression':
        return truthy(this.evaluate(node.test))
          ? this.evaluate(node.consequent)
          : this.evaluate(node.alternate);
      case 'MemberExpression':
        return this.member(node);
      case 'ChainExpression': {
        const value = this.evaluate(node.expression);
        return value === SHORT ? null : value;
      }
      case 'CallExpression':
        return this.call(node);
      default:
        throw new RuleFailure('internal-error', `\`${node.type}\` reached the interpreter.`);
    }
  }

  private member(node: MemberExpression): Value {
    const object = this.evaluate(node.object as Expression);
    if (object === SHORT) return SHORT;
    if (object === null) {
      if (node.optional) return SHORT;
      throw nullRead(node.computed ? '[...]' : (node.property as { name: string }).name);
    }
    if (!node.computed) return readField(object, (node.property as { name: string }).name);
    return readIndex(object, this.evaluate(node.property as Expression));
  }

  private call(node: CallExpression): Value {
    const target = this.analysis.calls.get(node);
    if (!target) throw new RuleFailure('internal-error', 'An unresolved call reached the interpreter.');
    const args = node.arguments as Expression[];
    if (target.kind === 'function') {
      const argc = args.length;
      const a = argc > 0 ? this.evaluate(args[0] as Expression) : null;
      const b = argc > 1 ? this.evaluate(args[1] as Expression) : null;
      const c = argc > 2 ? this.evaluate(args[2] as Expression) : null;
      return callFunction(target.fn, argc, a, b, c, this.context);
    }
    const callee = node.callee as MemberExpression;
    const receiver = this.evaluate(callee.object as Expression);
    if (receiver === SHORT) return SHORT;
    if (receiver === null) {
      if (callee.optional) return SHORT;
      throw new RuleFailure(
        'null-access',
        `Can't call \`${target.name}\` on null; use \`?.\` where the value may be empty.`,
      );
    }
    const first = args[0];
    if (first && first.type === 'ArrowFunctionExpression') {
      const params = first.params.map((param) => this.slot(param));
      const body = first.body as Expression;
      const locals = this.locals;
      const [itemSlot, indexSlot] = params;
      return callCallbackMethod(
        target.name,
        receiver,
        (item, index) => {
          if (itemSlot !== undefined) locals[itemSlot] = item;
          if (indexSlot !== undefined) locals[indexSlot] = index;
          return this.evaluate(body);
        },
        this.context,
      );
    }
    const argc = args.length;
    const a = argc > 0 ? this.evaluate(args[0] as Expression) : null;
    const b = argc > 1 ? this.evaluate(args[1] as Expression) : null;
    return callMethod(target.name, receiver, argc, a, b, this.context);
  }

  private template(node: TemplateLiteral): Value {
    let text = node.quasis[0]?.value.cooked ?? '';
    for (let i = 0; i < node.expressions.length; i++) {
      text += toText(this.evaluate(node.expressions[i] as Expression));
      text += node.quasis[i + 1]?.value.cooked ?? '';
    }
    return checkText(text, this.context);
  }

  private list(node: ArrayExpression): Value {
    const out: Value[] = [];
    for (const element of node.elements) {
      if (element === null) continue;
      if (element.type === 'SpreadElement') {
        const spread = this.evaluate(element.argument);
        if (!Array.isArray(spread)) {
          throw new RuleFailure(
            'type-error',
            `Only a list can be spread into a list, not ${describe(spread)}.`,
          );
        }
        checkListLength(spread, this.context);
        for (const item of spread) out.push(orNull(item));
        if (out.length > this.context.maxListLength)
          throw listTooLong(out.length, this.context.maxListLength);
      } else {
        out.push(this.evaluate(element));
      }
    }
    return builtList(out, this.context);
  }

  private object(node: ObjectExpression): Value {
    const out: ValueObject = {};
    let keys = 0;
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        keys += spreadInto(out, this.evaluate(property.argument));
        continue;
      }
      let key: string;
      if (property.computed) key = objectKey(this.evaluate(property.key));
      else if (property.key.type === 'Identifier') key = property.key.name;
      else key = String((property.key as { value: unknown }).value);
      out[key] = this.evaluate(property.value as Expression);
      keys++;
    }
    this.context.built(keys);
    return out;
  }

  private read(binding: Binding | undefined): Value {
    if (!binding) throw new RuleFailure('internal-error', 'An unresolved variable reached the interpreter.');
    return binding.kind === 'local' ? (this.locals[binding.slot] ?? null) : this.context.inputs[binding.name];
  }

  private slot(node: Node): number {
    const binding = this.analysis.bindings.get(node);
    if (!binding || binding.kind !== 'local')
      throw new RuleFailure('internal-error', 'An unresolved declaration.', [1, 1]);
    return binding.slot;
  }

  private tick(node: Node): void {
    if (++this.context.steps > this.context.checkAt) this.context.checkpoint(locationOf(node));
  }

  private guard<T>(node: Node, body: () => T): T {
    try {
      return body();
    } catch (error) {
      throw locate(error, locationOf(node));
    }
  }

  private fail(
    node: Node,
    code: 'internal-error' | 'null-access' | 'type-error',
    message: string,
  ): RuleFailure {
    return new RuleFailure(code, message, locationOf(node) as At);
  }
}
