/**
 * A string key for a member path, unambiguous whatever the segments contain: a one-segment
 * path (by far the most common) is the segment after a dot, a longer one its JSON (which starts
 * with a bracket, so the two forms never meet).
 */
export function pathKey(path: readonly string[]): string {
  return path.length === 1 ? `.${path[0]}` : JSON.stringify(path);
}

/**
 * The order of paths in a write plan, its conflicts and a link's baseline, which every runtime
 * reproduces: segment by segment in UTF-16 code unit order (Apex `String.compareTo`), a path
 * before the longer paths it begins. Not the order the rules assigned (a Map's insertion order).
 */
export function comparePaths(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i] as string;
    const right = b[i] as string;
    if (left !== right) return left < right ? -1 : 1;
  }
  return a.length - b.length;
}

/** The items sorted by their `path` with `comparePaths` (a new array). */
export function byPath<T extends { path: readonly string[] }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => comparePaths(x.path, y.path));
}
