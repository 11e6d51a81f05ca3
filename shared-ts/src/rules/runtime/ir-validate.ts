/**
 * Checks that a value is well-formed IR before it runs (it may come from storage or a
 * hand edit): version, side and direction, every node's `op` and fields, slot numbers,
 * library names and argument counts, finite numbers, and the sizes: at most `MAX_NODES`
 * nodes and slots (`too-large`) nested at most `MAX_NESTING` deep (`too-deep`), so the
 * recursion here and in the interpreter is bounded. The interpreter may then trust the shape.
 */
import { CALLBACK_METHODS, FUNCTIONS, isMethodName, METHODS } from './catalog';
import { RuleFailure } from './errors';
import { IR_VERSION, type IrProgram } from './ir';
import { MAX_NESTING, MAX_NODES } from './limits';
import type { Direction, Side } from './types';
import { FORBIDDEN_KEYS } from './values';

const INPUTS = new Set(['issue', 'entity', 'replica', 'previous', 'connection', 'firstSync']);
const BINARY = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=']);
const LOGICAL = new Set(['&&', '||', '??']);
const validated = new WeakMap<object, string>();

type Json = Record<string, unknown>;

/** Returns the program typed as IR, or throws a `bad-ir`, `too-deep` or `too-large` failure saying what is wrong. */
export function validateIr(ir: unknown, side: Side, direction: Direction): IrProgram {
  const tag = `${side}/${direction}`;
  if (typeof ir === 'object' && ir !== null && validated.get(ir) === tag) return ir as IrProgram;
  const program = record(ir, 'the program');
  if (program.irVersion !== IR_VERSION) {
    throw bad(
      `IR version ${shown(program.irVersion)} is not supported; this runtime runs version ${IR_VERSION}.`,
    );
  }
  if (program.side !== side || program.direction !== direction) {
    throw bad(
      `This IR was compiled for ${shown(program.side)} ${shown(program.direction)} rules, not ${side} ${direction}.`,
    );
  }
  const slots = program.slots;
  if (typeof slots !== 'number' || !Number.isInteger(slots) || slots < 0)
    throw bad('`slots` must be a whole number.');
  if (slots > MAX_NODES) {
    throw new RuleFailure(
      'too-large',
      `The program declares ${slots} slots; a program may use at most ${MAX_NODES}.`,
      [1, 1],
    );
  }
  new Validator(slots).statements(program.body);
  validated.set(program, tag);
  return program as unknown as IrProgram;
}

class Validator {
  private nodes = 0;
  private depth = 0;

  constructor(private readonly slots: number) {}

  statements(value: unknown): void {
    for (const node of array(value, 'a statement list')) {
      this.enter();
      this.statement(record(node, 'a statement'));
      this.depth--;
    }
  }

  /** Counts a part of the program that is not a node (a path segment, property, list spread or text part). */
  private count(): void {
    if (++this.nodes > MAX_NODES) {
      throw new RuleFailure('too-large', `The program has more than ${MAX_NODES} nodes.`, [1, 1]);
    }
  }

  /** Counts a node one level deeper; a failure ends the whole validation, so leaving needs no `finally`. */
  private enter(): void {
    this.count();
    if (++this.depth > MAX_NESTING) {
      throw new RuleFailure(
        'too-deep',
        `The program nests nodes more than ${MAX_NESTING} levels deep.`,
        [1, 1],
      );
    }
  }

  private statement(node: Json): void {
    this.at(node);
    switch (node.op) {
      case 'let':
        this.slot(node.slot);
        if (node.value !== null) this.expression(node.value);
        return;
      case 'set':
        this.slot(node.slot);
        this.operator(node.operator);
        return this.expression(node.value);
      case 'assign':
        this.operator(node.operator);
        if (array(node.path, 'an assignment path').length === 0) throw bad('An assignment path is empty.');
        for (const raw of array(node.path, 'an assignment path')) {
          this.count();
          const segment = record(raw, 'a path segment');
          this.at(segment);
          if (typeof segment.name === 'string') this.name(segment.name);
          else this.expression(segment.key);
        }
        return this.expression(node.value);
      case 'if':
        this.expression(node.test);
        this.statements(node.then);
        return this.statements(node.else);
      case 'for':
        this.slot(node.slot);
        this.expression(node.list);
        return this.statements(node.body);
      case 'break':
      case 'continue':
        return;
      case 'expr':
        return this.expression(node.value);
      default:
        throw bad(`Unknown statement op \`${shown(node.op)}\`.`);
    }
  }

  private expression(value: unknown): void {
    this.enter();
    this.expressionNode(record(value, 'an expression'));
    this.depth--;
  }

  private expressionNode(node: Json): void {
    this.at(node);
    switch (node.op) {
      case 'lit':
        if (node.value !== null && !['string', 'number', 'boolean'].includes(typeof node.value)) {
          throw bad('A literal must be text, a number, true/false or null.');
        }
        if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
          throw bad('A number literal must be finite.');
        }
        return;
      case 'local':
        return this.slot(node.slot);
      case 'input':
        if (!INPUTS.has(node.name as string)) throw bad(`Unknown input \`${shown(node.name)}\`.`);
        return;
      case 'list':
        for (const item of array(node.items, 'list items')) {
          const entry = record(item, 'a list item');
          if (Object.prototype.hasOwnProperty.call(entry, 'op')) this.expression(entry);
          else {
            this.count();
            this.expression(entry.spread);
          }
        }
        return;
      case 'object':
        for (const prop of array(node.props, 'object properties')) {
          this.count();
          const entry = record(prop, 'an object property');
          if (Object.prototype.hasOwnProperty.call(entry, 'spread')) this.expression(entry.spread);
          else {
            if (Object.prototype.hasOwnProperty.call(entry, 'key')) this.name(entry.key);
            else this.expression(entry.keyExpr);
            this.expression(entry.value);
          }
        }
        return;
      case 'template': {
        const parts = array(node.parts, 'template parts');
        const values = array(node.values, 'template values');
        if (parts.length !== values.length + 1) throw bad('A template needs one more text part than values.');
        for (const part of parts) {
          this.count();
          if (typeof part !== 'string') throw bad('A template part must be text.');
        }
        return values.forEach((part) => this.expression(part));
      }
      case 'unary':
        if (node.operator !== '!' && node.operator !== '-')
          throw bad(`Unknown unary operator \`${shown(node.operator)}\`.`);
        return this.expression(node.arg);
      case 'binary':
      case 'logical':
        if (!(node.op === 'binary' ? BINARY : LOGICAL).has(node.operator as string)) {
          throw bad(`Unknown operator \`${shown(node.operator)}\`.`);
        }
        this.expression(node.left);
        return this.expression(node.right);
      case 'cond':
        this.expression(node.test);
        this.expression(node.then);
        return this.expression(node.else);
      case 'get':
        this.name(node.name);
        return this.expression(node.object);
      case 'index':
        this.expression(node.object);
        return this.expression(node.key);
      case 'chain':
        return this.expression(node.value);
      case 'call': {
        const fn = node.fn;
        if (typeof fn !== 'string' || !Object.prototype.hasOwnProperty.call(FUNCTIONS, fn))
          throw bad(`Unknown library function \`${shown(fn)}\`.`);
        const args = array(node.args, 'call arguments');
        this.arity(fn, args.length, FUNCTIONS[fn as keyof typeof FUNCTIONS]);
        return args.forEach((arg) => this.expression(arg));
      }
      case 'method': {
        const name = node.name;
        if (typeof name !== 'string' || !isMethodName(name)) throw bad(`Unknown method \`${shown(name)}\`.`);
        this.expression(node.object);
        const args = array(node.args, 'method arguments');
        if (CALLBACK_METHODS.has(name)) {
          const fn = record(node.fn, 'an arrow function');
          const params = array(fn.params, 'parameters');
          if (params.length < 1 || params.length > 2 || args.length !== 0)
            throw bad(`\`${name}\` takes one arrow function.`);
          params.forEach((param) => this.slot(param));
          return this.expression(fn.body);
        }
        if (node.fn !== undefined) throw bad(`\`${name}\` takes no arrow function.`);
        this.arity(name, args.length, METHODS[name].arity);
        return args.forEach((arg) => this.expression(arg));
      }
      default:
        throw bad(`Unknown expression op \`${shown(node.op)}\`.`);
    }
  }

  private at(node: Json): void {
    const at = node.at;
    if (!Array.isArray(at) || at.length !== 2 || !at.every((n) => Number.isInteger(n) && n >= 1)) {
      throw bad('Every node needs `at`: [line, column].');
    }
  }

  private slot(value: unknown): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= this.slots) {
      throw bad(`Slot ${shown(value)} is outside 0..${this.slots - 1}.`);
    }
  }

  private operator(value: unknown): void {
    if (value !== '=' && value !== '+=') throw bad(`Unknown assignment operator \`${shown(value)}\`.`);
  }

  private name(value: unknown): void {
    if (typeof value !== 'string') throw bad('A field name must be text.');
    if (FORBIDDEN_KEYS.has(value)) throw bad(`The field name \`${value}\` is reserved.`);
  }

  private arity(name: string, count: number, [min, max]: readonly [number, number]): void {
    if (count < min || count > max) throw bad(`\`${name}\` takes ${min}..${max} arguments, not ${count}.`);
  }
}

function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad(`Expected ${what} object.`);
  return value as Json;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw bad(`Expected ${what} array.`);
  return value;
}

function bad(message: string): RuleFailure {
  return new RuleFailure('bad-ir', message, [1, 1]);
}

/**
 * A value read from untrusted IR, for an error message. Never `String(value)` on an object: IR
 * such as `{ "toString": 0 }` makes that throw.
 */
function shown(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
