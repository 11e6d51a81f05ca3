/**
 * What a conformance vector may hold: plain JSON that every runtime reads the same way. No -0,
 * NaN, Infinity or undefined (JSON cannot say them, and Apex's `JSON.deserializeUntyped` would
 * read something else), integers within 2^53 (a Double holds them exactly), and in `expected`
 * only UTC times in `Z` form (inputs may hold other forms on purpose, to test that they are
 * refused).
 */
import { inspectJson } from '../util/inspect-json';

const LOOKS_LIKE_TIME = /^\d{4}-\d{2}-\d{2}T/;
const UTC_Z_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * The first reason `value` is not plain JSON as the vectors need it, with its JSON pointer, or
 * null. `timesInZForm` also refuses a string that starts like a time but is not a UTC `Z` time.
 */
export function plainJsonProblem(value: unknown, timesInZForm: boolean): string | null {
  const [shape] = inspectJson(value, { maxDepth: 64, maxValues: 100_000 });
  if (shape) return `${shape.path || '(root)'}: ${shape.message}`;
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop() as { value: unknown; path: string };
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return `${path || '(root)'}: ${node} is not a JSON number`;
      if (Object.is(node, -0)) return `${path || '(root)'}: -0 reads back as 0`;
      if (Number.isInteger(node) && !Number.isSafeInteger(node))
        return `${path || '(root)'}: ${node} is outside ±(2^53 - 1)`;
    } else if (typeof node === 'string') {
      if (timesInZForm && LOOKS_LIKE_TIME.test(node) && !UTC_Z_TIME.test(node))
        return `${path || '(root)'}: the time ${JSON.stringify(node)} is not in UTC Z form`;
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push({ value: item, path: `${path}/${index}` }));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, member] of Object.entries(node)) {
        if (member === undefined) return `${path}/${key}: undefined has no JSON form`;
        stack.push({ value: member, path: `${path}/${key}` });
      }
    } else if (typeof node !== 'boolean' && node !== null) {
      return `${path || '(root)'}: a ${typeof node} has no JSON form`;
    }
  }
  return null;
}
