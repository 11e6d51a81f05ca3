/**
 * A string key for a member path, unambiguous whatever the segments contain: a one-segment
 * path (by far the most common) is the segment after a dot, a longer one its JSON (which starts
 * with a bracket, so the two forms never meet).
 */
export function pathKey(path: readonly string[]): string {
  return path.length === 1 ? `.${path[0]}` : JSON.stringify(path);
}
