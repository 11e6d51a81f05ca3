/**
 * The AST interpreter: evaluates acorn's tree directly, using the checker's resolutions.
 * It charges steps exactly as the IR interpreter does (docs/ir.md, "Steps"), so both
 * runtimes agree on results, errors and step counts.
 *
 * The tree of an analysis is compiled once into JavaScript closures (cached per analysis),
 * so a run does no dispatch on the node type and no lookup of a node's binding or call
 * target: each slot, input name, call target and location is resolved at compile time.
 * A resolution the checker did not make becomes a closure failing where the tree walk
 * would have failed, so the order of steps and errors is that of evaluating the tree.
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
import type { Analysis } from './checker/subset-checker';
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

/** The state a compiled script runs against: the local slots and the run context. */
interface Frame {
  readonly locals: Value[];
  readonly context: RunContext;
}

/** A compiled expression: counts its step, evaluates, locates its errors. */
type Evaluate = (frame: Frame) => Value;
/** A compiled statement or statement list. */
type Execute = (frame: Frame) => Completion;

/** Compiled scripts, by analysis (an analysis is immutable once made). */
const compiled = new WeakMap<Analysis, Execute>();

/** Runs a checked program against a run context; throws `RuleFailure` on a runtime error. */
export function runAst(analysis: Analysis, context: RunContext): void {
  if (!analysis.program) throw new RuleFailure('internal-error', 'The script did not parse.', [1, 1]);
  let body = compiled.get(analysis);
  if (body === undefined) {
    body = new AstCompiler(analysis).statements(analysis.program.body as Statement[]);
    compiled.set(analysis, body);
  }
  body({ locals: new Array<Value>(analysis.slots).fill(null), context });
}

function tick(context: RunContext, at: At): void {
  if (++context.steps > context.checkAt) context.checkpoint(at);
}

/** The error of a declaration the checker did not resolve to a slot. */
function unresolvedDeclaration(): RuleFailure {
  return new RuleFailure('internal-error', 'An unresolved declaration.', [1, 1]);
}

/** Marks a slot the checker did not resolve (using it fails as `unresolvedDeclaration`). */
const NO_SLOT = -1;

class AstCompiler {
  constructor(private readonly analysis: Analysis) {}

  statements(list: Statement[]): Execute {
    const compiledList = list.map((statement) => this.statement(statement));
    const n = compiledList.length;
    if (n === 1) return compiledList[0] as Execute;
    return (frame) => {
      for (let i = 0; i < n; i++) {
        const completion = (compiledList[i] as Execute)(frame);
        if (completion !== NORMAL) return completion;
      }
      return NORMAL;
    };
  }

  private statement(node: Statement): Execute {
    switch (node.type) {
      case 'VariableDeclaration': {
        const declarators = node.declarations.map((declarator) => ({
          at: locationOf(declarator),
          slot: this.slot(declarator.id),
          init: declarator.init ? this.evaluate(declarator.init) : null,
        }));
        return (frame) => {
          for (const { at, slot, init } of declarators) {
            tick(frame.context, at);
            if (slot === NO_SLOT) throw unresolvedDeclaration();
            frame.locals[slot] = init ? init(frame) : null;
          }
          return NORMAL;
        };
      }
      case 'ExpressionStatement': {
        if (node.expression.type === 'AssignmentExpression') return this.assignment(node.expression);
        const at = locationOf(node);
        const value = this.evaluate(node.expression);
        return (frame) => {
          tick(frame.context, at);
          value(frame);
          return NORMAL;
        };
      }
      case 'IfStatement': {
        const at = locationOf(node);
        const test = this.evaluate(node.test);
        const then = this.statement(node.consequent);
        const otherwise = node.alternate ? this.statement(node.alternate) : null;
        return (frame) => {
          tick(frame.context, at);
          if (truthy(test(frame))) return then(frame);
          return otherwise ? otherwise(frame) : NORMAL;
        };
      }
      case 'ForOfStatement':
        return this.forOf(node);
      case 'BlockStatement':
        return this.statements(node.body);
      case 'EmptyStatement':
        return () => NORMAL;
      case 'BreakStatement': {
        const at = locationOf(node);
        return (frame) => {
          tick(frame.context, at);
          return BREAK;
        };
      }
      case 'ContinueStatement': {
        const at = locationOf(node);
        return (frame) => {
          tick(frame.context, at);
          return CONTINUE;
        };
      }
      default: {
        const at = locationOf(node);
        const message = `\`${node.type}\` reached the interpreter.`;
        return () => {
          throw new RuleFailure('internal-error', message, at);
        };
      }
    }
  }

  private forOf(node: ForOfStatement): Execute {
    const at = locationOf(node);
    const listOf = this.evaluate(node.right);
    const declaration = node.left as { declarations: { id: Pattern }[] };
    const slot = this.slot((declaration.declarations[0] as { id: Pattern }).id);
    const body = this.statement(node.body);
    return (frame) => {
      const context = frame.context;
      tick(context, at);
      const list = listOf(frame);
      if (!Array.isArray(list)) {
        throw new RuleFailure(
          list === null ? 'null-access' : 'type-error',
          `\`for ... of\` needs a list, not ${describe(list)}${list === null ? '; write `list ?? []` if it may be empty' : ''}.`,
          at,
        );
      }
      if (list.length > context.maxListLength) {
        throw locate(listTooLong(list.length, context.maxListLength), at);
      }
      if (slot === NO_SLOT) throw unresolvedDeclaration();
      const locals = frame.locals;
      for (let i = 0; i < list.length; i++) {
        tick(context, at);
        locals[slot] = orNull(list[i]);
        if (body(frame) === BREAK) break;
      }
      return NORMAL;
    };
  }

  private assignment(node: AssignmentExpression): Execute {
    const at = locationOf(node);
    const operator = node.operator as AssignOperator;
    const left = node.left;
    if (left.type === 'Identifier') {
      const slot = this.slot(left);
      const value = this.evaluate(node.right);
      if (operator !== '+=') {
        return (frame) => {
          tick(frame.context, at);
          if (slot === NO_SLOT) throw unresolvedDeclaration();
          frame.locals[slot] = value(frame);
          return NORMAL;
        };
      }
      return (frame) => {
        const context = frame.context;
        tick(context, at);
        if (slot === NO_SLOT) throw unresolvedDeclaration();
        const right = value(frame);
        try {
          frame.locals[slot] = binary('+', frame.locals[slot] ?? null, right, context);
        } catch (error) {
          throw locate(error, at);
        }
        return NORMAL;
      };
    }
    const members: MemberExpression[] = [];
    let cursor: Node = left;
    while (cursor.type === 'MemberExpression') {
      members.unshift(cursor as MemberExpression);
      cursor = (cursor as MemberExpression).object;
    }
    const n = members.length;
    const places = members.map((member) => locationOf(member));
    const names = members.map((member) =>
      member.computed ? null : (member.property as { name: string }).name,
    );
    const keyExpressions = members.map((member) =>
      member.computed ? this.evaluate(member.property as Expression) : null,
    );
    const where = (segment: number): At => places[segment] as At;
    const value = this.evaluate(node.right);
    return (frame) => {
      tick(frame.context, at);
      const keys = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const name = names[i];
        if (name !== null && name !== undefined) {
          keys[i] = name;
          continue;
        }
        const key = (keyExpressions[i] as Evaluate)(frame);
        try {
          keys[i] = objectKey(key);
        } catch (error) {
          throw locate(error, places[i] as At);
        }
      }
      frame.context.assign(keys, operator, value(frame), where);
      return NORMAL;
    };
  }

  /** Compiles an expression: its step, then its work; an error without a location gets the node's. */
  private evaluate(node: Expression): Evaluate {
    const at = locationOf(node);
    // Leaves cannot fail once their step is counted, so they need no error handler.
    if (node.type === 'Literal') {
      const value = node.value as Value;
      return (frame) => {
        tick(frame.context, at);
        return value;
      };
    }
    if (node.type === 'Identifier') {
      const binding = this.analysis.bindings.get(node);
      if (binding?.kind === 'local') {
        const slot = binding.slot;
        return (frame) => {
          tick(frame.context, at);
          return frame.locals[slot] ?? null;
        };
      }
      if (binding?.kind === 'input') {
        const name = binding.name;
        return (frame) => {
          tick(frame.context, at);
          return frame.context.inputs[name];
        };
      }
    }
    const work = this.expression(node);
    return (frame) => {
      tick(frame.context, at);
      try {
        return work(frame);
      } catch (error) {
        throw locate(error, at);
      }
    };
  }

  /** The work of an expression, without its step and error location. */
  private expression(node: Expression): Evaluate {
    switch (node.type) {
      case 'Identifier':
        return () => {
          throw new RuleFailure('internal-error', 'An unresolved variable reached the interpreter.');
        };
      case 'TemplateLiteral':
        return this.template(node);
      case 'ArrayExpression':
        return this.list(node);
      case 'ObjectExpression':
        return this.object(node);
      case 'UnaryExpression': {
        const argument = this.evaluate(node.argument);
        if (node.operator === '!') return (frame) => !truthy(argument(frame));
        return (frame) => negate(argument(frame));
      }
      case 'BinaryExpression': {
        const left = this.evaluate(node.left as Expression);
        const right = this.evaluate(node.right);
        const operator = (
          node.operator.length === 3 ? node.operator.slice(0, 2) : node.operator
        ) as BinaryOperator;
        return (frame) => {
          const a = left(frame);
          const b = right(frame);
          return binary(operator, a, b, frame.context);
        };
      }
      case 'LogicalExpression': {
        const left = this.evaluate(node.left);
        const right = this.evaluate(node.right);
        if (node.operator === '&&') {
          return (frame) => {
            const value = left(frame);
            return truthy(value) ? right(frame) : value;
          };
        }
        if (node.operator === '||') {
          return (frame) => {
            const value = left(frame);
            return truthy(value) ? value : right(frame);
          };
        }
        return (frame) => {
          const value = left(frame);
          return value !== null ? value : right(frame);
        };
      }
      case 'ConditionalExpression': {
        const test = this.evaluate(node.test);
        const then = this.evaluate(node.consequent);
        const otherwise = this.evaluate(node.alternate);
        return (frame) => (truthy(test(frame)) ? then(frame) : otherwise(frame));
      }
      case 'MemberExpression':
        return this.member(node);
      case 'ChainExpression': {
        const inner = this.evaluate(node.expression);
        return (frame) => {
          const value = inner(frame);
          return value === SHORT ? null : value;
        };
      }
      case 'CallExpression':
        return this.call(node);
      default: {
        const message = `\`${node.type}\` reached the interpreter.`;
        return () => {
          throw new RuleFailure('internal-error', message);
        };
      }
    }
  }

  private member(node: MemberExpression): Evaluate {
    const objectOf = this.evaluate(node.object as Expression);
    const optional = node.optional;
    if (!node.computed) {
      const name = (node.property as { name: string }).name;
      return (frame) => {
        const object = objectOf(frame);
        if (object === SHORT) return SHORT;
        if (object === null) {
          if (optional) return SHORT;
          throw nullRead(name);
        }
        return readField(object, name);
      };
    }
    const key = this.evaluate(node.property as Expression);
    return (frame) => {
      const object = objectOf(frame);
      if (object === SHORT) return SHORT;
      if (object === null) {
        if (optional) return SHORT;
        throw nullRead('[...]');
      }
      return readIndex(object, key(frame));
    };
  }

  private call(node: CallExpression): Evaluate {
    const target = this.analysis.calls.get(node);
    if (!target) {
      return () => {
        throw new RuleFailure('internal-error', 'An unresolved call reached the interpreter.');
      };
    }
    const args = node.arguments as Expression[];
    const argc = args.length;
    if (target.kind === 'function') {
      const fn = target.fn;
      const [a, b, c] = args.slice(0, 3).map((arg) => this.evaluate(arg));
      return (frame) => {
        const x = a ? a(frame) : null;
        const y = b ? b(frame) : null;
        const z = c ? c(frame) : null;
        return callFunction(fn, argc, x, y, z, frame.context);
      };
    }
    const name = target.name;
    const callee = node.callee as MemberExpression;
    const receiverOf = this.evaluate(callee.object as Expression);
    const optional = callee.optional;
    const receiverOrShort = (frame: Frame): Value => {
      const receiver = receiverOf(frame);
      if (receiver === SHORT) return SHORT;
      if (receiver === null) {
        if (optional) return SHORT;
        throw new RuleFailure(
          'null-access',
          `Can't call \`${name}\` on null; use \`?.\` where the value may be empty.`,
        );
      }
      return receiver;
    };
    const first = args[0];
    if (first && first.type === 'ArrowFunctionExpression') {
      const params = first.params.map((param) => this.slot(param));
      const unresolved = params.includes(NO_SLOT);
      const [itemSlot, indexSlot] = params;
      const body = this.evaluate(first.body as Expression);
      return (frame) => {
        const receiver = receiverOrShort(frame);
        if (receiver === SHORT) return SHORT;
        if (unresolved) throw unresolvedDeclaration();
        const locals = frame.locals;
        return callCallbackMethod(
          name,
          receiver,
          (item, index) => {
            if (itemSlot !== undefined) locals[itemSlot] = item;
            if (indexSlot !== undefined) locals[indexSlot] = index;
            return body(frame);
          },
          frame.context,
        );
      };
    }
    const [a, b] = args.slice(0, 2).map((arg) => this.evaluate(arg));
    return (frame) => {
      const receiver = receiverOrShort(frame);
      if (receiver === SHORT) return SHORT;
      const x = a ? a(frame) : null;
      const y = b ? b(frame) : null;
      return callMethod(name, receiver, argc, x, y, frame.context);
    };
  }

  private template(node: TemplateLiteral): Evaluate {
    const parts = node.quasis.map((quasi) => quasi.value.cooked ?? '');
    const values = node.expressions.map((expression) => this.evaluate(expression as Expression));
    const first = parts[0] ?? '';
    const n = values.length;
    return (frame) => {
      let text = first;
      for (let i = 0; i < n; i++) {
        text += toText((values[i] as Evaluate)(frame));
        text += parts[i + 1] ?? '';
      }
      return checkText(text, frame.context);
    };
  }

  private list(node: ArrayExpression): Evaluate {
    const items: { value: Evaluate; spread: boolean }[] = [];
    for (const element of node.elements) {
      if (element === null) continue;
      if (element.type === 'SpreadElement')
        items.push({ value: this.evaluate(element.argument), spread: true });
      else items.push({ value: this.evaluate(element), spread: false });
    }
    return (frame) => {
      const context = frame.context;
      const out: Value[] = [];
      for (const item of items) {
        if (!item.spread) {
          out.push(item.value(frame));
          continue;
        }
        const spread = item.value(frame);
        if (!Array.isArray(spread)) {
          throw new RuleFailure(
            'type-error',
            `Only a list can be spread into a list, not ${describe(spread)}.`,
          );
        }
        checkListLength(spread, context);
        for (const element of spread) out.push(orNull(element));
        if (out.length > context.maxListLength) throw listTooLong(out.length, context.maxListLength);
      }
      return builtList(out, context);
    };
  }

  private object(node: ObjectExpression): Evaluate {
    const members = node.properties.map((property): Member => {
      if (property.type === 'SpreadElement')
        return { kind: 'spread', value: this.evaluate(property.argument) };
      const value = this.evaluate(property.value as Expression);
      if (property.computed) return { kind: 'keyExpr', keyExpr: this.evaluate(property.key), value };
      const key =
        property.key.type === 'Identifier'
          ? property.key.name
          : String((property.key as { value: unknown }).value);
      return { kind: 'key', key, value };
    });
    return (frame) => {
      const out: ValueObject = {};
      let keys = 0;
      for (const m of members) {
        if (m.kind === 'spread') keys += spreadInto(out, m.value(frame));
        else if (m.kind === 'key') {
          out[m.key] = m.value(frame);
          keys++;
        } else {
          const key = objectKey(m.keyExpr(frame));
          out[key] = m.value(frame);
          keys++;
        }
      }
      frame.context.built(keys);
      return out;
    };
  }

  /** The slot a declaration resolved to, or `NO_SLOT`. */
  private slot(node: Node): number {
    const binding = this.analysis.bindings.get(node);
    return binding && binding.kind === 'local' ? binding.slot : NO_SLOT;
  }
}

/** A compiled object member: `key: value`, `[keyExpr]: value`, or `...object`. */
type Member =
  | { kind: 'key'; key: string; value: Evaluate }
  | { kind: 'keyExpr'; keyExpr: Evaluate; value: Evaluate }
  | { kind: 'spread'; value: Evaluate };
