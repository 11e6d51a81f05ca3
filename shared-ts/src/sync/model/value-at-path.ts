import type { JsonValue } from '../../replica';

/** The JSON value at a member path, or null when any step is missing. */
export function valueAtPath(root: JsonValue | undefined, path: readonly string[]): JsonValue {
  let current: JsonValue | undefined = root;
  for (const segment of path) {
    if (current === null || current === undefined || typeof current !== 'object' || Array.isArray(current)) {
      return null;
    }
    current = current[segment];
  }
  return current === undefined ? null : current;
}
