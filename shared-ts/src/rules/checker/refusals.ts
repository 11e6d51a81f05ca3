/**
 * What the checker says about constructs outside the rules subset: a message that names
 * the construct and a hint that says what to use instead. One place for all the advice.
 */
import type { Node } from 'acorn';
import { table } from '../runtime/catalog';

/** A refusal: what is not available, and what to write instead. */
export interface Refusal {
  message: string;
  hint: string;
}

const ARROW_ONLY = 'arrow functions are allowed only as the argument of filter, map, some, every or find';
const LOOP_INSTEAD = 'loop over a list with `for (const item of list) { ... }`';
const LABELS: Refusal = {
  message: 'Labels are not available.',
  hint: 'use `break` or `continue` on the innermost loop',
};

/** Node types that are never part of the subset, whatever their content. */
const ALWAYS_REFUSED: Readonly<Record<string, Refusal>> = table<Refusal>({
  FunctionDeclaration: {
    message: 'Functions cannot be declared in rules.',
    hint: `${ARROW_ONLY}; store repeated values in a \`const\``,
  },
  FunctionExpression: { message: 'Functions cannot be declared in rules.', hint: ARROW_ONLY },
  ArrowFunctionExpression: {
    message: 'Arrow functions are allowed only as the argument of filter, map, some, every or find.',
    hint: 'write the expression directly, or store it in a `const`',
  },
  ClassDeclaration: {
    message: 'Classes are not available.',
    hint: 'build objects with literals: `{ name: value }`',
  },
  ClassExpression: {
    message: 'Classes are not available.',
    hint: 'build objects with literals: `{ name: value }`',
  },
  WhileStatement: { message: '`while` loops are not available.', hint: LOOP_INSTEAD },
  DoWhileStatement: { message: '`do ... while` loops are not available.', hint: LOOP_INSTEAD },
  ForStatement: { message: '`for (;;)` loops are not available.', hint: LOOP_INSTEAD },
  ForInStatement: {
    message: '`for ... in` is not available.',
    hint: 'read the fields you need by name, and loop over lists with `for (const item of list)`',
  },
  SwitchStatement: {
    message: '`switch` is not available.',
    hint: "use `if` / `else if`, or `lookup(value, { A: 'x', B: 'y' }, fallback)`",
  },
  TryStatement: {
    message: '`try` / `catch` is not available.',
    hint: 'use `?.` and `??` for values that may be missing',
  },
  ThrowStatement: {
    message: '`throw` is not available.',
    hint: 'leave the field unchanged instead of failing',
  },
  LabeledStatement: LABELS,
  WithStatement: { message: '`with` is not available.', hint: 'write the full path: `issue.status.name`' },
  DebuggerStatement: {
    message: '`debugger` is not available.',
    hint: 'remove it; run the script with `tandem rules run`',
  },
  SequenceExpression: {
    message: 'The comma operator is not available.',
    hint: 'write one statement per line',
  },
  AssignmentExpression: {
    message: 'An assignment cannot be used as a value.',
    hint: 'assign in a statement of its own',
  },
  TaggedTemplateExpression: {
    message: 'Tagged templates are not available.',
    hint: 'use a plain template: `Hello ${name}`',
  },
  AwaitExpression: {
    message: '`await` is not available.',
    hint: 'rules run at once; there is nothing to wait for',
  },
  YieldExpression: {
    message: '`yield` is not available.',
    hint: 'rules run at once; there is nothing to wait for',
  },
  ImportExpression: { message: '`import()` is not available.', hint: 'modules cannot be loaded' },
  MetaProperty: {
    message: '`new.target` and `import.meta` are not available.',
    hint: 'use the script variables',
  },
});

/** Labels on `break` / `continue`. */
export const LABEL_REFUSAL: Refusal = LABELS;

/**
 * The refusal for a node that is never allowed, or for any node type the checker does
 * not know. `variables` are the script's variable names, named in the advice for `this`.
 */
export function refusalOf(node: Node, variables: readonly string[]): Refusal {
  const fixed = ALWAYS_REFUSED[node.type];
  if (fixed) return fixed;
  switch (node.type) {
    case 'NewExpression':
      return { message: '`new` is not available.', hint: newAdvice(node) };
    case 'ThisExpression':
      return {
        message: '`this` is not available.',
        hint: `use the script's variables: ${variables.join(', ')}`,
      };
    case 'UpdateExpression': {
      const operator = (node as unknown as { operator: string }).operator;
      return {
        message: `\`${operator}\` is not available.`,
        hint: `write \`x = x ${operator.charAt(0)} 1\``,
      };
    }
    default:
      return {
        message: `\`${node.type}\` is not available in rules.`,
        hint: 'rules.md lists what scripts can use',
      };
  }
}

/** Unary operators other than `!` and `-`. */
export const UNARY_REFUSALS: Readonly<Record<string, Refusal>> = table<Refusal>({
  '+': { message: 'Unary `+` is not available.', hint: 'use `Number(x)`' },
  typeof: {
    message: '`typeof` is not available.',
    hint: 'compare with null (`x == null`) or use `isEmpty(x)`',
  },
  void: { message: '`void` is not available.', hint: 'use `null`' },
  delete: { message: '`delete` is not available.', hint: 'assign null instead: `replica.field = null`' },
  '~': { message: 'Bitwise operators are not available.', hint: 'use arithmetic operators' },
});

/** The binary operators scripts may use. */
export const BINARY_OPERATORS: ReadonlySet<string> = new Set([
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
]);

/** The refusal for any other binary operator. */
export function binaryRefusal(operator: string): Refusal {
  switch (operator) {
    case 'in':
      return { message: '`in` is not available.', hint: 'check the field instead: `obj.key != null`' };
    case 'instanceof':
      return {
        message: '`instanceof` is not available.',
        hint: 'rules see plain data; compare fields or use `isEmpty(x)`',
      };
    case '**':
      return { message: '`**` is not available.', hint: 'multiply: `x * x`' };
    default:
      return {
        message: `The bitwise operator \`${operator}\` is not available.`,
        hint: 'use arithmetic operators',
      };
  }
}

/** Compound assignments other than `+=`. */
export function compoundAssignmentRefusal(operator: string): Refusal {
  return {
    message: `\`${operator}\` is not available.`,
    hint: `write \`x = x ${operator.slice(0, -1)} y\` (only \`=\` and \`+=\` assign)`,
  };
}

/** An example call for each library function and method, shown when the argument count is wrong. */
export const ARITY_EXAMPLES: Readonly<Record<string, string>> = table<string>({
  lookup: "lookup(value, { High: 'P1' }, 'P3')",
  join: "join(list, ', ')",
  Number: 'Number(x)',
  String: 'String(x)',
  isEmpty: 'isEmpty(x)',
  'html.toText': 'html.toText(issue.description)',
  'text.toHtml': 'text.toHtml(entity.Description)',
  'date.format': "date.format(issue.created, 'yyyy-MM-dd')",
  'date.now': 'date.now()',
  trim: 'x.trim()',
  toLowerCase: 'x.toLowerCase()',
  toUpperCase: 'x.toUpperCase()',
  startsWith: "x.startsWith('abc')",
  endsWith: "x.endsWith('abc')",
  includes: "x.includes('abc')",
  replace: "text.replace('old', 'new')",
  replaceAll: "text.replaceAll('old', 'new')",
  split: "text.split(',')",
  slice: 'x.slice(0, 10)',
  padStart: "x.padStart(5, '0')",
  filter: 'list.filter(item => item.internal)',
  map: 'list.map(item => item.name)',
  some: 'list.some(item => item.internal)',
  every: 'list.every(item => item.internal)',
  find: "list.find(item => item.name == 'x')",
});

function newAdvice(node: Node): string {
  const callee = (node as unknown as { callee: { type: string; name?: string } }).callee;
  const name = callee.type === 'Identifier' ? callee.name : '';
  if (name === 'Date') return 'use `date.now()` and `date.format(value, pattern)`';
  if (name === 'Array' || name === 'Set') return 'use a list literal: `[a, b]`';
  if (name === 'Object' || name === 'Map') return 'use an object literal: `{ key: value }`';
  return 'build values with literals: `[...]`, `{ ... }`';
}
