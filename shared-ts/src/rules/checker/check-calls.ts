/**
 * Checking calls: library functions (`lookup(...)`), namespace functions
 * (`html.toText(...)`), methods (`x.trim()`) with their argument counts, and the arrow
 * functions that only filter/map/some/every/find accept. Each call is resolved for the
 * interpreters.
 */
import type {
  ArrowFunctionExpression,
  CallExpression,
  Expression,
  Identifier,
  MemberExpression,
  Node,
  Pattern,
} from 'acorn';
import {
  CALLBACK_METHODS,
  FUNCTIONS,
  GLOBAL_ADVICE,
  GLOBAL_FUNCTIONS,
  isMethodName,
  METHOD_ADVICE,
  METHODS,
  NAMESPACES,
  type Arity,
} from '../runtime/catalog';
import { CheckerBase } from './checker-base';
import type { LibraryFunctionName } from '../runtime/ir';
import { ARITY_EXAMPLES } from './refusals';
import { OPEN, type Shape } from '../runtime/schema';
import { didYouMean } from './suggest';

const FUNCTION_NAMES: readonly string[] = [
  ...GLOBAL_FUNCTIONS,
  ...Object.entries(NAMESPACES).flatMap(([ns, fns]) => fns.map((fn) => `${ns}.${fn}`)),
];

/** The checker's handling of calls; statements and the other expressions come in `analyze.ts`. */
export abstract class CallChecker extends CheckerBase {
  /** Checks a call and records what it calls; returns what is known of its result. */
  protected call(node: CallExpression): Shape {
    if (node.optional) {
      this.refuse(
        node,
        'Optional calls `f?.()` are not available.',
        'methods always exist; write `x?.trim()` to skip a null `x`',
      );
    }
    for (const arg of node.arguments) {
      if (arg.type === 'SpreadElement')
        this.refuse(arg, 'Spreading arguments is not available.', 'pass each argument');
    }
    const callee = node.callee;
    if (callee.type === 'Identifier') return this.functionCall(node, callee);
    if (callee.type === 'MemberExpression') {
      if (
        callee.object.type === 'Identifier' &&
        NAMESPACES[callee.object.name] &&
        !this.scopes.lookup(callee.object.name) &&
        !this.variables.has(callee.object.name)
      ) {
        return this.namespaceCall(node, callee, callee.object.name);
      }
      return this.methodCall(node, callee);
    }
    this.error(node, 'not-a-function', 'Only library functions and methods can be called.');
    this.expression(callee);
    this.arguments(node);
    return OPEN;
  }

  private functionCall(node: CallExpression, callee: Identifier): Shape {
    const name = callee.name;
    if (this.scopes.lookup(name) || this.variables.has(name)) {
      this.reference(callee);
      this.error(callee, 'not-a-function', `\`${name}\` is a variable, not a function.`);
    } else if (GLOBAL_FUNCTIONS.has(name)) {
      const fn = name as LibraryFunctionName;
      this.calls.set(node, { kind: 'function', fn });
      this.arity(node, callee, name, FUNCTIONS[fn]);
    } else if (NAMESPACES[name]) {
      const first = NAMESPACES[name]?.[0] ?? '';
      this.error(
        callee,
        'not-a-function',
        `\`${name}\` is a group of library functions.`,
        `call one of them, e.g. \`${name}.${first}(...)\``,
      );
    } else if (GLOBAL_ADVICE[name]) {
      this.error(callee, 'unknown-function', `\`${name}\` is not available in rules.`, GLOBAL_ADVICE[name]);
    } else {
      this.error(
        callee,
        'unknown-function',
        `\`${name}\` is not a function of the rules library.`,
        didYouMean(name, FUNCTION_NAMES) ?? `the functions are ${FUNCTION_NAMES.join(', ')}`,
      );
    }
    this.arguments(node);
    return OPEN;
  }

  private namespaceCall(node: CallExpression, callee: MemberExpression, namespace: string): Shape {
    const name = callee.computed
      ? undefined
      : callee.property.type === 'Identifier'
        ? callee.property.name
        : undefined;
    const functions = NAMESPACES[namespace] ?? [];
    if (callee.optional) {
      this.refuse(
        callee,
        `\`${namespace}?.\` is not needed.`,
        `write \`${namespace}.${name ?? functions[0]}(...)\``,
      );
    }
    if (name !== undefined && functions.includes(name)) {
      const fn = `${namespace}.${name}` as LibraryFunctionName;
      this.calls.set(node, { kind: 'function', fn });
      this.arity(node, callee.property, fn, FUNCTIONS[fn]);
    } else {
      this.error(
        callee.property,
        'unknown-function',
        `\`${namespace}.${name ?? '[...]'}\` is not a function of the rules library.`,
        (name !== undefined ? didYouMean(name, functions) : undefined) ??
          `\`${namespace}\` has ${functions.map((fn) => `${namespace}.${fn}`).join(', ')}`,
      );
    }
    this.arguments(node);
    return OPEN;
  }

  private methodCall(node: CallExpression, callee: MemberExpression): Shape {
    const objectKnown = !(callee.object.type === 'Identifier' && this.isUnknownName(callee.object.name));
    const receiver = this.expression(callee.object);
    if (callee.computed) {
      this.expression(callee.property as Expression);
      this.refuse(callee.property, 'Methods must be called by name.', 'write `x.trim()`');
      this.arguments(node);
      return OPEN;
    }
    const name = callee.property.type === 'Identifier' ? callee.property.name : '';
    if (!isMethodName(name)) {
      if (objectKnown) {
        const advice = METHOD_ADVICE[name];
        if (advice) this.error(callee.property, 'unknown-method', `\`${name}\` is not available.`, advice);
        else {
          this.error(
            callee.property,
            'unknown-method',
            `\`${name}\` is not a method of text or lists.`,
            didYouMean(name, Object.keys(METHODS)) ?? `the methods are ${Object.keys(METHODS).join(', ')}`,
          );
        }
      }
      this.arguments(node);
      return OPEN;
    }
    this.calls.set(node, { kind: 'method', name });
    this.arity(node, callee.property, name, METHODS[name].arity);
    if (!CALLBACK_METHODS.has(name)) {
      this.arguments(node);
      return name === 'slice' && receiver.kind === 'list' ? receiver : OPEN;
    }
    const arg = node.arguments[0];
    if (arg && arg.type !== 'ArrowFunctionExpression') {
      this.error(
        arg,
        'expected-arrow-function',
        `\`${name}\` needs an arrow function as its argument.`,
        `write \`list.${name}(item => ...)\``,
      );
      return OPEN;
    }
    const element = receiver.kind === 'list' ? receiver.element : OPEN;
    if (arg) this.arrowFunction(arg, element);
    if (name === 'filter') return receiver.kind === 'list' ? receiver : OPEN;
    if (name === 'find') return element;
    return OPEN;
  }

  private arrowFunction(node: ArrowFunctionExpression, element: Shape): void {
    if (node.async)
      this.refuse(node, '`async` is not available.', 'rules run at once; there is nothing to wait for');
    if (node.params.length < 1 || node.params.length > 2) {
      this.error(
        node,
        'wrong-arguments',
        `The arrow function takes ${node.params.length} parameters; it needs one (the element) or two (element, index).`,
        'write `item => ...` or `(item, index) => ...`',
      );
    }
    this.scopes.within(() => {
      node.params.forEach((param: Pattern, index: number) => {
        if (param.type === 'Identifier') this.declare(param, true, index === 0 ? element : OPEN);
        else this.refuse(param, 'Only plain parameter names are allowed.', 'write `item => item.field`');
      });
      if (node.body.type === 'BlockStatement') {
        this.refuse(
          node.body,
          'The arrow function body must be an expression, not a block.',
          'write `item => item.internal`; combine conditions with && and ||',
        );
      } else {
        this.expression(node.body);
      }
    });
  }

  private arguments(node: CallExpression): void {
    for (const arg of node.arguments) {
      this.expression(arg.type === 'SpreadElement' ? arg.argument : arg);
    }
  }

  private arity(node: CallExpression, at: Node, name: string, [min, max]: Arity): void {
    const count = node.arguments.length;
    if (count >= min && count <= max) return;
    const takes = min === max ? `${min}` : max === min + 1 ? `${min} or ${max}` : `${min} to ${max}`;
    this.error(
      at,
      'wrong-arguments',
      `\`${name}\` takes ${takes} argument${max === 1 ? '' : 's'}, not ${count}.`,
      ARITY_EXAMPLES[name],
    );
  }
}
