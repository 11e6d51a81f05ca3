/**
 * The IR interpreter: runs an `IrProgram` exactly as docs/ir.md specifies. It is the model
 * of the Apex port: a switch per node, one array of local slots, no closures in the IR.
 */
import { locate, RuleFailure } from './errors';
import type { At, IrExpression, IrPathSegment, IrProgram, IrStatement } from './ir';
import { checkListLength, checkText, callFunction, listTooLong } from './library';
import { callCallbackMethod, callMethod } from './methods';
import { binary, negate } from './operators';
import type { RunContext } from './run-context';
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
} from './values';

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
type Completion = typeof NORMAL | typeof BREAK | typeof CONTINUE;

/** Runs validated IR against a run context; throws `RuleFailure` on a runtime error. */
export function runIrProgram(ir: IrProgram, context: RunContext): void {
  new IrInterpreter(ir.slots, context).statements(ir.body);
}

class IrInterpreter {
  private readonly locals: Value[];

  constructor(
    slots: number,
    private readonly context: RunContext,
  ) {
    this.locals = new Array<Value>(slots).fill(null);
  }

  statements(list: IrStatement[]): Completion {
    for (let i = 0; i < list.length; i++) {
      const completion = this.statement(list[i] as IrStatement);
      if (completion !== NORMAL) return completion;
    }
    return NORMAL;
  }

  private statement(node: IrStatement): Completion {
    this.tick(node.at);
    switch (node.op) {
      case 'let':
        this.locals[node.slot] = node.value === null ? null : this.evaluate(node.value);
        return NORMAL;
      case 'set': {
        const value = this.evaluate(node.value);
        if (node.operator === '+=') {
          try {
            this.locals[node.slot] = binary(
              '+',
              this.locals[node.slot] ?? null,
              value,
              this.context.maxOutputSize,
            );
          } catch (error) {
            throw locate(error, node.at);
          }
        } else {
          this.locals[node.slot] = value;
        }
        return NORMAL;
      }
      case 'assign': {
        const path = node.path;
        const keys = new Array<string>(path.length);
        for (let i = 0; i < path.length; i++) {
          const segment = path[i] as IrPathSegment;
          if ('name' in segment) keys[i] = segment.name;
          else {
            const key = this.evaluate(segment.key);
            try {
              keys[i] = objectKey(key);
            } catch (error) {
              throw locate(error, segment.at);
            }
          }
        }
        const value = this.evaluate(node.value);
        this.context.assign(keys, node.operator, value, (segment) => (path[segment] as { at: At }).at);
        return NORMAL;
      }
      case 'if':
        return this.statements(truthy(this.evaluate(node.test)) ? node.then : node.else);
      case 'for': {
        const list = this.evaluate(node.list);
        if (!Array.isArray(list)) {
          throw new RuleFailure(
            list === null ? 'null-access' : 'type-error',
            `\`for ... of\` needs a list, not ${describe(list)}${list === null ? '; write `list ?? []` if it may be empty' : ''}.`,
            node.at,
          );
        }
        if (list.length > this.context.maxListLength) {
          throw locate(listTooLong(list.length, this.context.maxListLength), node.at);
        }
        for (let i = 0; i < list.length; i++) {
          this.tick(node.at);
          this.locals[node.slot] = orNull(list[i]);
          if (this.statements(node.body) === BREAK) break;
        }
        return NORMAL;
      }
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'expr':
        this.evaluate(node.value);
        return NORMAL;
    }
  }

  private evaluate(node: IrExpression): Value {
    this.tick(node.at);
    try {
      return this.expression(node);
    } catch (error) {
      throw locate(error, node.at);
    }
  }

  private expression(node: IrExpression): Value {
    switch (node.op) {
      case 'lit':
        return node.value;
      case 'local':
        return this.locals[node.slot] ?? null;
      case 'input':
        return this.context.inputs[node.name];
      case 'template': {
        let text = node.parts[0] ?? '';
        for (let i = 0; i < node.values.length; i++) {
          text += toText(this.evaluate(node.values[i] as IrExpression));
          text += node.parts[i + 1] ?? '';
        }
        return checkText(text, this.context);
      }
      case 'list': {
        const out: Value[] = [];
        for (const item of node.items) {
          if ('op' in item) {
            out.push(this.evaluate(item));
            continue;
          }
          const spread = this.evaluate(item.spread);
          if (!Array.isArray(spread)) {
            throw new RuleFailure(
              'type-error',
              `Only a list can be spread into a list, not ${describe(spread)}.`,
            );
          }
          checkListLength(spread, this.context);
          for (const element of spread) out.push(orNull(element));
          if (out.length > this.context.maxListLength)
            throw listTooLong(out.length, this.context.maxListLength);
        }
        checkListLength(out, this.context);
        return out;
      }
      case 'object': {
        const out: ValueObject = {};
        for (const prop of node.props) {
          if ('spread' in prop) spreadInto(out, this.evaluate(prop.spread));
          else if ('key' in prop) out[prop.key] = this.evaluate(prop.value);
          else {
            const key = objectKey(this.evaluate(prop.keyExpr));
            out[key] = this.evaluate(prop.value);
          }
        }
        return out;
      }
      case 'unary': {
        const value = this.evaluate(node.arg);
        return node.operator === '!' ? !truthy(value) : negate(value);
      }
      case 'binary': {
        const left = this.evaluate(node.left);
        const right = this.evaluate(node.right);
        return binary(node.operator, left, right, this.context.maxOutputSize);
      }
      case 'logical': {
        const left = this.evaluate(node.left);
        if (node.operator === '&&') return truthy(left) ? this.evaluate(node.right) : left;
        if (node.operator === '||') return truthy(left) ? left : this.evaluate(node.right);
        return left !== null ? left : this.evaluate(node.right);
      }
      case 'cond':
        return truthy(this.evaluate(node.test)) ? this.evaluate(node.then) : this.evaluate(node.else);
      case 'get': {
        const object = this.evaluate(node.object);
        if (object === SHORT) return SHORT;
        if (object === null) {
          if (node.optional) return SHORT;
          throw nullRead(node.name);
        }
        return readField(object, node.name);
      }
      case 'index': {
        const object = this.evaluate(node.object);
        if (object === SHORT) return SHORT;
        if (object === null) {
          if (node.optional) return SHORT;
          throw nullRead('[...]');
        }
        return readIndex(object, this.evaluate(node.key));
      }
      case 'chain': {
        const value = this.evaluate(node.value);
        return value === SHORT ? null : value;
      }
      case 'call': {
        const args = node.args;
        const argc = args.length;
        const a = argc > 0 ? this.evaluate(args[0] as IrExpression) : null;
        const b = argc > 1 ? this.evaluate(args[1] as IrExpression) : null;
        const c = argc > 2 ? this.evaluate(args[2] as IrExpression) : null;
        return callFunction(node.fn, argc, a, b, c, this.context);
      }
      case 'method': {
        const receiver = this.evaluate(node.object);
        if (receiver === SHORT) return SHORT;
        if (receiver === null) {
          if (node.optional) return SHORT;
          throw new RuleFailure(
            'null-access',
            `Can't call \`${node.name}\` on null; use \`?.\` where the value may be empty.`,
          );
        }
        const fn = node.fn;
        if (fn) {
          const locals = this.locals;
          const itemSlot = fn.params[0];
          const indexSlot = fn.params[1];
          const body = fn.body;
          return callCallbackMethod(
            node.name,
            receiver,
            (item, index) => {
              if (itemSlot !== undefined) locals[itemSlot] = item;
              if (indexSlot !== undefined) locals[indexSlot] = index;
              return this.evaluate(body);
            },
            this.context,
          );
        }
        const args = node.args;
        const argc = args.length;
        const a = argc > 0 ? this.evaluate(args[0] as IrExpression) : null;
        const b = argc > 1 ? this.evaluate(args[1] as IrExpression) : null;
        return callMethod(node.name, receiver, argc, a, b, this.context);
      }
    }
  }

  private tick(at: At): void {
    if (++this.context.steps > this.context.maxSteps) throw this.context.stepLimit(at);
  }
}
