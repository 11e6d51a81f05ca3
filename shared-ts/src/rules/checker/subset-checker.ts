/**
 * The checker: walks acorn's tree, accepts only the rules subset, resolves every variable
 * to a host input or a numbered local slot, and knows which library function or method
 * each call means. `check` returns its diagnostics; the AST interpreter and the compiler
 * use its resolutions.
 */
import type {
  AssignmentExpression,
  CallExpression,
  Expression,
  ForOfStatement,
  Identifier,
  MemberExpression,
  Node,
  PrivateIdentifier,
  Program,
  SpreadElement,
  Statement,
  Super,
  VariableDeclaration,
} from 'acorn';
import { CallChecker } from './check-calls';
import type { Binding, CallTarget } from './checker-base';
import { parseScript, type ParseResult } from './parse';
import { callArgumentProblem } from './call-arguments';
import {
  BINARY_OPERATORS,
  binaryRefusal,
  compoundAssignmentRefusal,
  LABEL_REFUSAL,
  refusalOf,
  UNARY_REFUSALS,
} from './refusals';
import { OPEN, type Shape } from '../runtime/schema';
import { didYouMean } from './suggest';
import type { Diagnostic, Direction, Side } from '../runtime/types';
import { FORBIDDEN_KEYS } from '../runtime/values';

export type { Binding, CallTarget };

/** The checker's findings and resolutions for one script. */
export interface Analysis {
  side: Side;
  direction: Direction;
  /** The parsed program; null on a syntax error. */
  program: Program | null;
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  /** Every identifier that names a variable (uses and declarations). */
  bindings: Map<Node, Binding>;
  /** Every call, resolved. */
  calls: Map<CallExpression, CallTarget>;
  /** How many local slots the script uses. */
  slots: number;
}

/** Parses and checks a script. */
export function analyze(script: string, side: Side, direction: Direction): Analysis {
  const problem = callArgumentProblem(script, side, direction);
  const parsed: ParseResult = problem
    ? {
        ok: false,
        diagnostic: { severity: 'error', code: 'invalid-argument', message: problem, line: 1, column: 1 },
      }
    : parseScript(script);
  if (!parsed.ok) {
    return {
      side,
      direction,
      program: null,
      diagnostics: [parsed.diagnostic],
      hasErrors: true,
      bindings: new Map(),
      calls: new Map(),
      slots: 0,
    };
  }
  const checker = new Checker(side, direction);
  checker.program(parsed.program);
  const diagnostics = checker.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    side,
    direction,
    program: parsed.program,
    diagnostics,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
    bindings: checker.bindings,
    calls: checker.calls,
    slots: checker.scopes.slots,
  };
}

class Checker extends CallChecker {
  /** How many enclosing conditions test `previous` (then `previous.x` needs no warning). */
  private previousGuards = 0;

  program(program: Program): void {
    const body = program.body as Statement[];
    this.scopes.within(() => {
      for (const statement of body) this.statement(statement);
    }, body);
  }

  // ---- statements -------------------------------------------------------------------

  private statement(node: Statement): void {
    switch (node.type) {
      case 'VariableDeclaration':
        return this.declaration(node);
      case 'ExpressionStatement':
        return this.expressionStatement(node.expression);
      case 'IfStatement':
        this.expression(node.test);
        this.guardedBy(node.test, () => this.statement(node.consequent));
        if (node.alternate) this.statement(node.alternate);
        return;
      case 'ForOfStatement':
        return this.forOf(node);
      case 'BlockStatement':
        return this.scopes.within(() => {
          for (const statement of node.body) this.statement(statement);
        }, node.body);
      case 'EmptyStatement':
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        if (node.label) this.refuseWith(node, LABEL_REFUSAL);
        return;
      default:
        return this.refuseWith(node, refusalOf(node, [...this.variables.keys()]));
    }
  }

  private declaration(node: VariableDeclaration): void {
    if (node.kind === 'var') {
      this.refuse(node, '`var` is not available.', 'use `const` (or `let` for a variable you change later)');
    } else if (node.kind !== 'let' && node.kind !== 'const') {
      this.refuse(node, `\`${node.kind}\` declarations are not available.`, 'use `const` or `let`');
    }
    for (const declarator of node.declarations) {
      const shape = declarator.init ? this.expression(declarator.init) : OPEN;
      if (declarator.id.type !== 'Identifier') {
        this.refuse(
          declarator.id,
          'Destructuring is not available.',
          'read fields one by one: `const name = obj.name`',
        );
        continue;
      }
      this.declare(declarator.id, node.kind === 'const', node.kind === 'const' ? shape : OPEN);
    }
  }

  private expressionStatement(expression: Expression): void {
    if (expression.type === 'AssignmentExpression') return this.assignment(expression);
    const isCall =
      expression.type === 'CallExpression' ||
      (expression.type === 'ChainExpression' && expression.expression.type === 'CallExpression');
    const before = this.errors;
    this.expression(expression);
    if (!isCall && this.errors === before) {
      this.error(
        expression,
        'useless-expression',
        'This expression has no effect.',
        `assign it to a field, e.g. \`${this.writable}.${this.exampleField()} = ...\``,
      );
    }
  }

  private forOf(node: ForOfStatement): void {
    if (node.await) this.refuse(node, '`for await` is not available.', 'use `for (const item of list)`');
    this.scopes.within(
      () => {
        const left = node.left;
        const listShape = this.expression(node.right);
        if (left.type !== 'VariableDeclaration') {
          this.refuse(left, 'Declare the loop variable in the loop.', 'write `for (const item of list)`');
        } else {
          if (left.kind !== 'const') {
            this.refuse(
              left,
              `Use \`const\` for the loop variable, not \`${left.kind}\`.`,
              'write `for (const item of list)`',
            );
          }
          const id = left.declarations[0]?.id;
          if (id?.type === 'Identifier') {
            this.declare(id, true, listShape.kind === 'list' ? listShape.element : OPEN);
          } else if (id) {
            this.refuse(
              id,
              'Destructuring is not available.',
              'write `for (const item of list)` and read `item.field`',
            );
          }
        }
        this.statement(node.body);
      },
      node.left.type === 'VariableDeclaration' ? [node.left] : [],
    );
  }

  private assignment(node: AssignmentExpression): void {
    if (node.operator !== '=' && node.operator !== '+=') {
      this.refuseWith(node, compoundAssignmentRefusal(node.operator));
    }
    const left = node.left;
    if (left.type === 'Identifier') {
      this.assignVariable(left);
    } else if (left.type === 'MemberExpression') {
      this.assignMember(left);
    } else {
      this.refuse(
        left,
        'Destructuring is not available.',
        'assign one field per statement: `replica.summary = ...`',
      );
    }
    this.expression(node.right);
  }

  private assignVariable(id: Identifier): void {
    const local = this.scopes.lookup(id.name);
    if (local?.pendingLine !== undefined) {
      this.usedBeforeDeclaration(id, local.pendingLine);
      return;
    }
    if (local) {
      this.bindings.set(id, { kind: 'local', slot: local.slot });
      if (local.constant) {
        this.error(
          id,
          'read-only',
          `\`${id.name}\` is a constant.`,
          `declare it with \`let\` to change it later`,
        );
      }
      return;
    }
    const variable = this.variables.get(id.name);
    if (!variable) return this.unknownVariable(id);
    this.bindings.set(id, { kind: 'input', name: variable.name });
    if (variable.writable) {
      this.error(
        id,
        'invalid-assignment',
        `\`${id.name}\` cannot be replaced as a whole.`,
        `assign its fields: \`${id.name}.${this.exampleField()} = ...\``,
      );
    } else {
      this.readOnly(id, id.name);
    }
  }

  private assignMember(target: MemberExpression): void {
    const path: MemberExpression[] = [];
    let root: Expression | Super = target;
    while (root.type === 'MemberExpression') {
      path.unshift(root);
      root = root.object;
    }
    if (root.type !== 'Identifier') {
      this.error(target, 'invalid-assignment', `Only fields of \`${this.writable}\` can be assigned.`);
      for (const member of path) if (member.computed) this.expression(member.property as Expression);
      return;
    }
    const local = this.scopes.lookup(root.name);
    const variable = local ? undefined : this.variables.get(root.name);
    let shape: Shape = OPEN;
    let label = root.name;
    if (local?.pendingLine !== undefined) {
      this.usedBeforeDeclaration(root, local.pendingLine);
    } else if (local) {
      this.bindings.set(root, { kind: 'local', slot: local.slot });
      this.error(
        target,
        'invalid-assignment',
        `Only fields of \`${this.writable}\` can be assigned; \`${root.name}\` is a local variable.`,
        `build a new object instead: \`const updated = { ...${root.name}, field: value }\``,
      );
    } else if (!variable) {
      this.unknownVariable(root);
    } else {
      this.bindings.set(root, { kind: 'input', name: variable.name });
      if (!variable.writable) this.readOnly(root, root.name);
      else shape = variable.shape;
    }
    for (const member of path) {
      const name = this.memberName(member);
      if (member.computed) this.expression(member.property as Expression);
      if (name !== undefined) {
        shape = this.field(member, shape, name, label);
        label = `${label}.${name}`;
      } else {
        shape = OPEN;
      }
    }
  }

  // ---- expressions ------------------------------------------------------------------

  /** Checks an expression and returns what is known of its value. */
  protected override expression(node: Expression | SpreadElement | PrivateIdentifier | Super): Shape {
    switch (node.type) {
      case 'Identifier':
        return this.reference(node);
      case 'Literal':
        if (node.regex) {
          this.refuse(
            node,
            'Regular expressions are not available.',
            'use text methods: `includes`, `startsWith`, `endsWith`, `replace`',
          );
        } else if (node.bigint !== undefined) {
          this.refuse(node, 'BigInt numbers are not available.', 'write a plain number');
        } else if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
          this.error(
            node,
            'number-out-of-range',
            `The number ${node.raw ?? ''} is too large to represent.`,
            'numbers must be below about 1.8e308',
          );
        } else if (typeof node.value === 'number' && /^0[0-9]/.test(node.raw ?? '')) {
          this.refuse(
            node,
            'Numbers with a leading zero are not available.',
            'write the number without the leading 0',
          );
        }
        return OPEN;
      case 'TemplateLiteral':
        for (const expression of node.expressions) this.expression(expression);
        return OPEN;
      case 'ArrayExpression':
        for (const element of node.elements) {
          if (element === null) this.refuse(node, 'Empty slots in lists are not available.', 'write `null`');
          else this.expression(element.type === 'SpreadElement' ? element.argument : element);
        }
        return { kind: 'list', element: OPEN };
      case 'ObjectExpression':
        for (const property of node.properties) {
          if (property.type === 'SpreadElement') {
            this.expression(property.argument);
            continue;
          }
          if (property.kind !== 'init' || property.method) {
            this.refuse(
              property,
              'Methods, getters and setters are not available in objects.',
              'use plain values: `{ key: value }`',
            );
            continue;
          }
          if (property.computed) this.expression(property.key);
          this.keyName(property.key, property.computed);
          this.expression(property.value);
        }
        return OPEN;
      case 'UnaryExpression':
        this.unary(node.operator, node);
        this.expression(node.argument);
        return OPEN;
      case 'BinaryExpression':
        this.binaryOperator(node.operator, node);
        this.expression(node.left);
        this.expression(node.right);
        return OPEN;
      case 'LogicalExpression':
        this.expression(node.left);
        if (node.operator === '&&') this.guardedBy(node.left, () => this.expression(node.right));
        else this.expression(node.right);
        return OPEN;
      case 'ConditionalExpression':
        this.expression(node.test);
        this.guardedBy(node.test, () => this.expression(node.consequent));
        this.expression(node.alternate);
        return OPEN;
      case 'MemberExpression':
        return this.member(node);
      case 'ChainExpression':
        return this.expression(node.expression);
      case 'CallExpression':
        return this.call(node);
      case 'SpreadElement':
        return this.expression(node.argument);
      default:
        this.refuseWith(node, refusalOf(node, [...this.variables.keys()]));
        return OPEN;
    }
  }

  private member(node: MemberExpression): Shape {
    const objectShape = this.expression(node.object);
    if (node.computed) this.expression(node.property as Expression);
    const name = this.memberName(node);
    if (
      !node.optional &&
      this.previousGuards === 0 &&
      node.object.type === 'Identifier' &&
      this.bindings.get(node.object)?.kind === 'input' &&
      node.object.name === 'previous'
    ) {
      this.warning(
        node.object,
        'maybe-null',
        '`previous` is null on the first sync.',
        `write \`previous?.${name ?? '...'}\``,
      );
    }
    if (name === undefined) return OPEN;
    const label = node.object.type === 'Identifier' ? node.object.name : labelOf(objectShape);
    return this.field(node, objectShape, name, label);
  }

  /** The member's name when it is known before running: `a.b` or `a["b"]`. Refuses reserved names. */
  private memberName(node: MemberExpression): string | undefined {
    let name: string | undefined;
    if (!node.computed && node.property.type === 'Identifier') name = node.property.name;
    else if (
      node.computed &&
      !(node.property.type === 'Literal' && typeof node.property.value === 'number')
    ) {
      name = staticKey(node.property as Expression);
    }
    if (name !== undefined && FORBIDDEN_KEYS.has(name)) {
      this.error(
        node.property,
        'forbidden-key',
        `\`${name}\` cannot be read or written.`,
        'rules see plain data; read a field of the object instead',
      );
      return undefined;
    }
    return name;
  }

  /** Checks `body` knowing that `test` held; a test that mentions `previous` guards reads of it. */
  private guardedBy(test: Node, body: () => void): void {
    const guards = mentionsPrevious(test);
    if (guards) this.previousGuards++;
    try {
      body();
    } finally {
      if (guards) this.previousGuards--;
    }
  }

  /** Looks up a known field, warning when a known object has no such field. */
  private field(node: MemberExpression, shape: Shape, name: string, label: string): Shape {
    if (shape.kind === 'object') {
      const known = Object.prototype.hasOwnProperty.call(shape.fields, name)
        ? shape.fields[name]
        : shape.extra?.(name);
      if (known) return known;
      const suggestion = didYouMean(name, Object.keys(shape.fields));
      this.warning(
        node.property,
        'unknown-field',
        `\`${shape.label}\` has no field \`${name}\`${this.side === 'salesforce' && shape.extra ? ' (custom fields end in __c)' : ''}.`,
        suggestion,
      );
      return OPEN;
    }
    if (shape.kind === 'list' && name !== 'length' && !/^[0-9]+$/.test(name)) {
      this.warning(
        node.property,
        'unknown-field',
        `\`${label}\` is a list; it has no field \`${name}\`.`,
        'use `list[index]`, `find` or `map`',
      );
    }
    return shape.kind === 'list' && /^[0-9]+$/.test(name) ? shape.element : OPEN;
  }

  /** Refuses a reserved object key known before running: `__proto__: 1`, `["constructor"]: 1`. */
  private keyName(key: Expression | PrivateIdentifier, computed: boolean): void {
    const name = computed
      ? staticKey(key as Expression)
      : key.type === 'Identifier'
        ? key.name
        : key.type === 'Literal'
          ? String(key.value)
          : undefined;
    if (name !== undefined && FORBIDDEN_KEYS.has(name)) {
      this.error(key, 'forbidden-key', `\`${name}\` cannot be used as a field name.`, 'choose another name');
    }
  }

  private unary(operator: string, node: Node): void {
    const refused = UNARY_REFUSALS[operator];
    if (refused) this.refuseWith(node, refused);
  }

  private binaryOperator(operator: string, node: Node): void {
    if (!BINARY_OPERATORS.has(operator)) this.refuseWith(node, binaryRefusal(operator));
  }
}

/** Whether an expression reads the variable `previous` (a condition such as `previous && ...`). */
function mentionsPrevious(node: Node): boolean {
  if (node.type === 'Identifier') return (node as Identifier).name === 'previous';
  for (const value of Object.values(node)) {
    const children: unknown[] = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (isNode(child) && mentionsPrevious(child)) return true;
    }
  }
  return false;
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The text a computed key always has: a text or number literal, or a template without `${}`. */
function staticKey(key: Expression): string | undefined {
  if (key.type === 'Literal') {
    if (typeof key.value === 'string') return key.value;
    if (typeof key.value === 'number') return String(key.value);
    return undefined;
  }
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

function labelOf(shape: Shape): string {
  return shape.kind === 'object' ? shape.label : 'value';
}
