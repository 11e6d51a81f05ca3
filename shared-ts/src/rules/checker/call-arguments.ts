/**
 * The arguments every rules entry point takes besides its inputs: the script (or IR), the side
 * and the direction. An untyped caller can pass anything; `check`, `compile`, `runRules` and
 * `runIr` refuse what they do not know with the code `invalid-argument` instead of throwing
 * (or caching a program under a junk key).
 */

/** What is wrong with these arguments, as a sentence, or null when they are a known side and direction (and text). */
export function callArgumentProblem(script: unknown, side: unknown, direction: unknown): string | null {
  if (typeof script !== 'string') return `The script must be text, not ${describeArgument(script)}.`;
  if (side !== 'jira' && side !== 'salesforce') {
    return `The side must be "jira" or "salesforce", not ${describeArgument(side)}.`;
  }
  if (direction !== 'outgoing' && direction !== 'incoming') {
    return `The direction must be "outgoing" or "incoming", not ${describeArgument(direction)}.`;
  }
  return null;
}

/** A short description of any value that never calls into it (no `toString` of a hostile object). */
function describeArgument(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
