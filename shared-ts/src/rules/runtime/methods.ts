/**
 * Methods of text and lists (`x.trim()`, `list.join(", ")`, `list.map(c => ...)`).
 * Text is a sequence of UTF-16 code units, as in JavaScript and Apex: `length`, `slice`
 * and indexes count code units.
 */
import { RuleFailure } from './errors';
import type { MethodName } from './ir';
import {
  builtList,
  builtText,
  checkListLength,
  checkText,
  joinList,
  textArgument,
  textTooLong,
  type LibraryContext,
} from './library';
import { describe, equals, orNull, truthy, type Value } from './values';

/** Calls a method that takes no arrow function; the receiver is known not to be null. */
export function callMethod(
  name: MethodName,
  receiver: Value,
  argc: number,
  a: Value,
  b: Value,
  context: LibraryContext,
): Value {
  if (typeof receiver === 'string') return textMethod(name, receiver, argc, a, b, context);
  if (Array.isArray(receiver)) return listMethod(name, receiver, argc, a, b, context);
  throw wrongReceiver(name, receiver);
}

/**
 * Calls filter/map/some/every/find: `invoke(item, index)` evaluates the arrow function's
 * body for one element.
 */
export function callCallbackMethod(
  name: MethodName,
  receiver: Value,
  invoke: (item: Value, index: number) => Value,
  context: LibraryContext,
): Value {
  if (!Array.isArray(receiver)) throw wrongReceiver(name, receiver);
  checkListLength(receiver, context);
  const n = receiver.length;
  context.read(n);
  switch (name) {
    case 'filter': {
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        const item = orNull(receiver[i]);
        if (truthy(invoke(item, i))) out.push(item);
      }
      return builtList(out, context);
    }
    case 'map': {
      const out: Value[] = new Array<Value>(n);
      for (let i = 0; i < n; i++) out[i] = invoke(orNull(receiver[i]), i);
      return builtList(out, context);
    }
    case 'some':
      for (let i = 0; i < n; i++) if (truthy(invoke(orNull(receiver[i]), i))) return true;
      return false;
    case 'every':
      for (let i = 0; i < n; i++) if (!truthy(invoke(orNull(receiver[i]), i))) return false;
      return true;
    case 'find':
      for (let i = 0; i < n; i++) {
        const item = orNull(receiver[i]);
        if (truthy(invoke(item, i))) return item;
      }
      return null;
    default:
      throw wrongReceiver(name, receiver);
  }
}

function textMethod(
  name: MethodName,
  s: string,
  argc: number,
  a: Value,
  b: Value,
  context: LibraryContext,
): Value {
  switch (name) {
    case 'trim':
      context.read(s.length);
      return builtText(s.trim(), context);
    case 'toLowerCase':
      context.read(s.length);
      return checkText(s.toLowerCase(), context);
    case 'toUpperCase':
      context.read(s.length);
      return checkText(s.toUpperCase(), context);
    case 'startsWith': {
      const prefix = textArgument(a, 'startsWith');
      context.read(prefix.length);
      return s.startsWith(prefix);
    }
    case 'endsWith': {
      const suffix = textArgument(a, 'endsWith');
      context.read(suffix.length);
      return s.endsWith(suffix);
    }
    case 'includes': {
      const part = textArgument(a, 'includes');
      context.read(s.length);
      return s.includes(part);
    }
    case 'replace': {
      const find = textArgument(a, 'replace');
      const replacement = textArgument(b, 'replace');
      context.read(s.length);
      const at = s.indexOf(find);
      return at < 0 ? s : checkText(s.slice(0, at) + replacement + s.slice(at + find.length), context);
    }
    case 'replaceAll': {
      const find = textArgument(a, 'replaceAll');
      const replacement = textArgument(b, 'replaceAll');
      context.read(s.length);
      return replaceAll(s, find, replacement, context);
    }
    case 'split': {
      const separator = textArgument(a, 'split');
      if (separator.length === 0 && s.length > context.maxListLength) {
        throw new RuleFailure(
          'list-limit',
          `Splitting would give more than ${context.maxListLength} elements.`,
        );
      }
      context.read(s.length);
      return builtList(s.split(separator), context);
    }
    case 'slice':
      return builtText(
        s.slice(numberArgument(a, 'slice'), argc > 1 ? numberArgument(b, 'slice') : undefined),
        context,
      );
    case 'padStart': {
      const target = numberArgument(a, 'padStart');
      const fill = argc > 1 ? textArgument(b, 'padStart') : ' ';
      if (Math.trunc(target) > context.maxOutputSize && fill.length > 0 && target > s.length)
        throw textTooLong(context);
      return builtText(s.padStart(target, fill), context);
    }
    default:
      throw wrongReceiver(name, s);
  }
}

function listMethod(
  name: MethodName,
  list: Value[],
  argc: number,
  a: Value,
  b: Value,
  context: LibraryContext,
): Value {
  switch (name) {
    case 'join':
      return joinList(list, argc > 0 ? a : ',', context, 'join');
    case 'includes': {
      checkListLength(list, context);
      context.read(list.length);
      const budget = { remaining: context.maxOutputSize };
      let found = false;
      for (const item of list) {
        if (equals(orNull(item), a, budget)) {
          found = true;
          break;
        }
      }
      context.read(context.maxOutputSize - budget.remaining);
      return found;
    }
    case 'slice':
      return builtList(
        list.slice(numberArgument(a, 'slice'), argc > 1 ? numberArgument(b, 'slice') : undefined),
        context,
      );
    default:
      throw wrongReceiver(name, list);
  }
}

/** Literal replacement of every occurrence, left to right (no `$` patterns). */
function replaceAll(s: string, find: string, replacement: string, context: LibraryContext): string {
  if (find.length === 0) {
    if ((s.length + 1) * replacement.length + s.length > context.maxOutputSize) throw textTooLong(context);
    let out = replacement;
    for (let i = 0; i < s.length; i++) out += s.charAt(i) + replacement;
    return out;
  }
  return checkText(s.split(find).join(replacement), context);
}

function numberArgument(value: Value, name: string): number {
  if (typeof value !== 'number')
    throw new RuleFailure('type-error', `${name} needs a number, not ${describe(value)}.`);
  return value;
}

function wrongReceiver(name: MethodName, receiver: Value): RuleFailure {
  const textOnly = [
    'trim',
    'toLowerCase',
    'toUpperCase',
    'startsWith',
    'endsWith',
    'replace',
    'replaceAll',
    'split',
    'padStart',
  ];
  const wanted = textOnly.includes(name)
    ? 'text'
    : name === 'includes' || name === 'slice'
      ? 'text or a list'
      : 'a list';
  const fix =
    wanted === 'text' && receiver !== null && typeof receiver !== 'object'
      ? ` Use String(x).${name}(...).`
      : '';
  return new RuleFailure('type-error', `\`${name}\` works on ${wanted}, not ${describe(receiver)}.${fix}`);
}
