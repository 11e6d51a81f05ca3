/**
 * The operators: arithmetic on numbers, `+` on text, comparisons, `==` as deep equality.
 * No implicit conversions except to text when one side of `+` is text.
 */
import type { Budget } from './costs';
import { RuleFailure } from './errors';
import { textTooLong } from './library';
import type { BinaryOperator } from './ir';
import { describe, equals, toText, type Value } from './values';

/**
 * Evaluates a binary operator on two evaluated operands, charging `budget` for text built and
 * lists compared (costs.ts). The run's output-size limit is the longest text `+` may build,
 * and how many lists and objects one `==` may visit.
 */
export function binary(operator: BinaryOperator, left: Value, right: Value, budget: Budget): Value {
  switch (operator) {
    case '+':
      if (typeof left === 'number' && typeof right === 'number') return finite(left + right);
      if (typeof left === 'string' || typeof right === 'string') {
        const text = toText(left) + toText(right);
        if (text.length > budget.maxOutputSize) throw textTooLong(budget);
        budget.built(text.length);
        return text;
      }
      throw operandError('add', left, right);
    case '-':
      if (typeof left !== 'number' || typeof right !== 'number') throw operandError('subtract', left, right);
      return finite(left - right);
    case '*':
      if (typeof left !== 'number' || typeof right !== 'number') throw operandError('multiply', left, right);
      return finite(left * right);
    case '/':
      if (typeof left !== 'number' || typeof right !== 'number') throw operandError('divide', left, right);
      if (right === 0) throw divisionByZero();
      return finite(left / right);
    case '%':
      if (typeof left !== 'number' || typeof right !== 'number') throw operandError('divide', left, right);
      if (right === 0) throw divisionByZero();
      return finite(left % right);
    case '==':
      return left === right || (typeof left === 'object' && deepEquals(left, right, budget));
    case '!=':
      return left !== right && !(typeof left === 'object' && deepEquals(left, right, budget));
    case '<':
      return compare(left, right) < 0;
    case '<=':
      return compare(left, right) <= 0;
    case '>':
      return compare(left, right) > 0;
    case '>=':
      return compare(left, right) >= 0;
  }
}

/** `equals` of two values, charging the lists and objects it visited. */
function deepEquals(left: Value, right: Value, budget: Budget): boolean {
  const visits = { remaining: budget.maxOutputSize };
  const result = equals(left, right, visits);
  budget.read(budget.maxOutputSize - visits.remaining);
  return result;
}

/** Unary minus: numbers only. */
export function negate(value: Value): number {
  if (typeof value !== 'number') {
    throw new RuleFailure('type-error', `Can't negate ${describe(value)}; use Number(x) first.`);
  }
  return value === 0 ? 0 : -value;
}

/**
 * Orders two values for `<`, `<=`, `>`, `>=`: numbers numerically, text by UTF-16 code
 * units. With null on either side every comparison is false (returns NaN). Anything else
 * is an error.
 */
function compare(left: Value, right: Value): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  if (left === null || right === null) return NaN;
  throw operandError('compare', left, right);
}

/** Results are finite and never -0: the language has no NaN, Infinity or negative zero. */
function finite(result: number): number {
  if (!Number.isFinite(result)) {
    throw new RuleFailure('bad-number', 'The result of this calculation is too large to represent.');
  }
  return result === 0 ? 0 : result;
}

function divisionByZero(): RuleFailure {
  return new RuleFailure('division-by-zero', 'Division by zero; check the divisor first.');
}

function operandError(verb: string, left: Value, right: Value): RuleFailure {
  const hint =
    verb === 'compare'
      ? 'compare numbers with numbers and text with text; convert with Number(x) or String(x)'
      : 'use Number(x) to turn text into a number, or ?? to replace null';
  return new RuleFailure('type-error', `Can't ${verb} ${describe(left)} and ${describe(right)}; ${hint}.`);
}
