/**
 * The IR interpreter: runs an `IrProgram` exactly as docs/ir.md specifies. Validated IR is
 * compiled once into JavaScript closures (one per node, cached per program object), so a
 * run does no dispatch on `op`. Each closure does what docs/ir.md says of its node: one
 * step when it is evaluated, then its work; an error without a location gets the node's.
 * (The Apex port keeps the switch per node; the semantics are the same.)
 */
import { locate, RuleFailure } from './errors';
import type { At, IrExpression, IrFunction, IrProgram, IrProperty, IrStatement } from './ir';
import { builtList, checkListLength, checkText, callFunction, listTooLong } from './library';
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

/** The state a compiled program runs against: the local slots and the run context. */
interface Frame {
  readonly locals: Value[];
  readonly context: RunContext;
}

/** A compiled expression: counts its step, evaluates, locates its errors. */
type Evaluate = (frame: Frame) => Value;
/** A compiled statement or statement list. */
type Execute = (frame: Frame) => Completion;

const compiled = new WeakMap<IrProgram, Execute>();

/** Runs validated IR against a run context; throws `RuleFailure` on a runtime error. */
export function runIrProgram(ir: IrProgram, context: RunContext): void {
  let body = compiled.get(ir);
  if (body === undefined) {
    body = statements(ir.body);
    compiled.set(ir, body);
  }
  body({ locals: new Array<Value>(ir.slots).fill(null), context });
}

function tick(context: RunContext, at: At): void {
  if (++context.steps > context.checkAt) context.checkpoint(at);
}

function statements(list: IrStatement[]): Execute {
  const compiledList = list.map(statement);
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

function statement(node: IrStatement): Execute {
  const at = node.at;
  switch (node.op) {
    case 'let': {
      const slot = node.slot;
      if (node.value === null) {
        return (frame) => {
          tick(frame.context, at);
          frame.locals[slot] = null;
          return NORMAL;
        };
      }
      const value = expression(node.value);
      return (frame) => {
        tick(frame.context, at);
        frame.locals[slot] = value(frame);
        return NORMAL;
      };
    }
    case 'set': {
      const slot = node.slot;
      const value = expression(node.value);
      if (node.operator !== '+=') {
        return (frame) => {
          tick(frame.context, at);
          frame.locals[slot] = value(frame);
          return NORMAL;
        };
      }
      return (frame) => {
        const context = frame.context;
        tick(context, at);
        const right = value(frame);
        try {
          frame.locals[slot] = binary('+', frame.locals[slot] ?? null, right, context);
        } catch (error) {
          throw locate(error, at);
        }
        return NORMAL;
      };
    }
    case 'assign':
      return assignment(node);
    case 'if': {
      const test = expression(node.test);
      const then = statements(node.then);
      const otherwise = statements(node.else);
      return (frame) => {
        tick(frame.context, at);
        return truthy(test(frame)) ? then(frame) : otherwise(frame);
      };
    }
    case 'for':
      return loop(node);
    case 'break':
      return (frame) => {
        tick(frame.context, at);
        return BREAK;
      };
    case 'continue':
      return (frame) => {
        tick(frame.context, at);
        return CONTINUE;
      };
    case 'expr': {
      const value = expression(node.value);
      return (frame) => {
        tick(frame.context, at);
        value(frame);
        return NORMAL;
      };
    }
  }
}

function assignment(node: Extract<IrStatement, { op: 'assign' }>): Execute {
  const at = node.at;
  const path = node.path;
  const names = path.map((segment) => ('name' in segment ? segment.name : null));
  const keyExpressions = path.map((segment) => ('name' in segment ? null : expression(segment.key)));
  const where = (segment: number): At => (path[segment] as { at: At }).at;
  const operator = node.operator;
  const value = expression(node.value);
  const n = path.length;
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
        throw locate(error, where(i));
      }
    }
    frame.context.assign(keys, operator, value(frame), where);
    return NORMAL;
  };
}

function loop(node: Extract<IrStatement, { op: 'for' }>): Execute {
  const at = node.at;
  const slot = node.slot;
  const listOf = expression(node.list);
  const body = statements(node.body);
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
    for (let i = 0; i < list.length; i++) {
      tick(context, at);
      frame.locals[slot] = orNull(list[i]);
      if (body(frame) === BREAK) break;
    }
    return NORMAL;
  };
}

/** Compiles an expression: its step, then its work; an error without a location gets the node's. */
function expression(node: IrExpression): Evaluate {
  const at = node.at;
  // Leaves cannot fail once their step is counted, so they need no error handler.
  switch (node.op) {
    case 'lit': {
      const value = node.value;
      return (frame) => {
        tick(frame.context, at);
        return value;
      };
    }
    case 'local': {
      const slot = node.slot;
      return (frame) => {
        tick(frame.context, at);
        return frame.locals[slot] ?? null;
      };
    }
    case 'input': {
      const name = node.name;
      return (frame) => {
        tick(frame.context, at);
        return frame.context.inputs[name];
      };
    }
  }
  const work = operation(node);
  return (frame) => {
    tick(frame.context, at);
    try {
      return work(frame);
    } catch (error) {
      throw locate(error, at);
    }
  };
}

/** The work of a node other than a leaf, without its step and error location. */
function operation(node: IrExpression): Evaluate {
  switch (node.op) {
    case 'lit':
    case 'local':
    case 'input':
      throw new Error(`leaf ${node.op} has no operation`);
    case 'template':
      return template(node.parts, node.values.map(expression));
    case 'list':
      return list(node.items);
    case 'object':
      return object(node.props);
    case 'unary': {
      const arg = expression(node.arg);
      if (node.operator === '!') return (frame) => !truthy(arg(frame));
      return (frame) => negate(arg(frame));
    }
    case 'binary': {
      const operator = node.operator;
      const left = expression(node.left);
      const right = expression(node.right);
      return (frame) => {
        const a = left(frame);
        const b = right(frame);
        return binary(operator, a, b, frame.context);
      };
    }
    case 'logical': {
      const left = expression(node.left);
      const right = expression(node.right);
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
    case 'cond': {
      const test = expression(node.test);
      const then = expression(node.then);
      const otherwise = expression(node.else);
      return (frame) => (truthy(test(frame)) ? then(frame) : otherwise(frame));
    }
    case 'get': {
      const objectOf = expression(node.object);
      const name = node.name;
      const optional = node.optional === true;
      return (frame) => {
        const value = objectOf(frame);
        if (value === SHORT) return SHORT;
        if (value === null) {
          if (optional) return SHORT;
          throw nullRead(name);
        }
        return readField(value, name);
      };
    }
    case 'index': {
      const objectOf = expression(node.object);
      const key = expression(node.key);
      const optional = node.optional === true;
      return (frame) => {
        const value = objectOf(frame);
        if (value === SHORT) return SHORT;
        if (value === null) {
          if (optional) return SHORT;
          throw nullRead('[...]');
        }
        return readIndex(value, key(frame));
      };
    }
    case 'chain': {
      const inner = expression(node.value);
      return (frame) => {
        const value = inner(frame);
        return value === SHORT ? null : value;
      };
    }
    case 'call': {
      const fn = node.fn;
      const argc = node.args.length;
      const [a, b, c] = node.args.map(expression);
      return (frame) => {
        const x = a ? a(frame) : null;
        const y = b ? b(frame) : null;
        const z = c ? c(frame) : null;
        return callFunction(fn, argc, x, y, z, frame.context);
      };
    }
    case 'method':
      return method(node);
  }
}

function template(parts: string[], values: Evaluate[]): Evaluate {
  const first = parts[0] ?? '';
  return (frame) => {
    let text = first;
    for (let i = 0; i < values.length; i++) {
      text += toText((values[i] as Evaluate)(frame));
      text += parts[i + 1] ?? '';
    }
    return checkText(text, frame.context);
  };
}

function list(items: Extract<IrExpression, { op: 'list' }>['items']): Evaluate {
  const compiledItems = items.map((item) =>
    Object.prototype.hasOwnProperty.call(item, 'op')
      ? { value: expression(item as IrExpression), spread: false }
      : { value: expression((item as { spread: IrExpression }).spread), spread: true },
  );
  return (frame) => {
    const context = frame.context;
    const out: Value[] = [];
    for (const item of compiledItems) {
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

/** A compiled object member: `key: value`, `[keyExpr]: value`, or `...object`. */
type Member =
  | { kind: 'key'; key: string; value: Evaluate }
  | { kind: 'keyExpr'; keyExpr: Evaluate; value: Evaluate }
  | { kind: 'spread'; value: Evaluate };

function member(prop: IrProperty): Member {
  if (Object.prototype.hasOwnProperty.call(prop, 'spread')) {
    return { kind: 'spread', value: expression((prop as { spread: IrExpression }).spread) };
  }
  if (Object.prototype.hasOwnProperty.call(prop, 'key')) {
    const { key, value } = prop as { key: string; value: IrExpression };
    return { kind: 'key', key, value: expression(value) };
  }
  const { keyExpr, value } = prop as { keyExpr: IrExpression; value: IrExpression };
  return { kind: 'keyExpr', keyExpr: expression(keyExpr), value: expression(value) };
}

function object(props: IrProperty[]): Evaluate {
  const members = props.map(member);
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

function method(node: Extract<IrExpression, { op: 'method' }>): Evaluate {
  const receiverOf = expression(node.object);
  const name = node.name;
  const optional = node.optional === true;
  const callback = node.fn ? arrow(node.fn) : null;
  const argc = node.args.length;
  const [a, b] = node.args.map(expression);
  return (frame) => {
    const receiver = receiverOf(frame);
    if (receiver === SHORT) return SHORT;
    if (receiver === null) {
      if (optional) return SHORT;
      throw new RuleFailure(
        'null-access',
        `Can't call \`${name}\` on null; use \`?.\` where the value may be empty.`,
      );
    }
    if (callback) return callCallbackMethod(name, receiver, callback(frame), frame.context);
    const x = a ? a(frame) : null;
    const y = b ? b(frame) : null;
    return callMethod(name, receiver, argc, x, y, frame.context);
  };
}

/** An arrow function: for a frame, the function evaluating its body for one element. */
function arrow(fn: IrFunction): (frame: Frame) => (item: Value, index: number) => Value {
  const itemSlot = fn.params[0];
  const indexSlot = fn.params[1];
  const body = expression(fn.body);
  return (frame) => {
    const locals = frame.locals;
    return (item, index) => {
      if (itemSlot !== undefined) locals[itemSlot] = item;
      if (indexSlot !== undefined) locals[indexSlot] = index;
      return body(frame);
    };
  };
}
