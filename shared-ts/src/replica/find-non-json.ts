/**
 * Finds values that would not survive JSON unchanged (undefined, NaN, functions, class instances,
 * cycles, text that is not valid Unicode), so a replica hashes and travels the same on every
 * platform. The schema validator cannot see these: it assumes JSON.
 */

/** One value that is not JSON, by JSON pointer. */
export interface NonJsonValue {
  path: string;
  message: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every place in `value` that is not plain JSON; empty when it all is. */
export function findNonJson(value: unknown): NonJsonValue[] {
  const found: NonJsonValue[] = [];
  visit(value, '', new Set(), found);
  return found;
}

/** A JSON pointer segment for a property name or index. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function visit(value: unknown, path: string, ancestors: Set<object>, found: NonJsonValue[]): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push({ path, message: `must be a finite number, found ${value}` });
    return;
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value))
      found.push({ path, message: 'contains a lone surrogate: not valid Unicode text' });
    return;
  }
  if (typeof value !== 'object') {
    const hint = value === undefined ? ' (JSON has no undefined: use null)' : '';
    found.push({ path, message: `must be a JSON value, found ${typeof value}${hint}` });
    return;
  }
  if (ancestors.has(value)) {
    found.push({ path, message: 'refers back to an object that contains it: JSON cannot hold a cycle' });
    return;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  // A plain object's prototype is Object.prototype of some realm (whose own prototype is null),
  // or null; comparing with this realm's Object.prototype would refuse JSON parsed elsewhere.
  const plain = prototype === null || Object.getPrototypeOf(prototype) === null;
  if (!Array.isArray(value) && !plain) {
    const name = (value.constructor as { name?: unknown } | undefined)?.name;
    found.push({
      path,
      message: `must be a plain JSON object, found ${typeof name === 'string' ? name : 'another kind'}`,
    });
    return;
  }
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      visit(value[index] as unknown, `${path}/${index}`, ancestors, found);
    }
  } else {
    for (const [key, member] of Object.entries(value)) {
      const memberPath = `${path}/${pointerSegment(key)}`;
      if (LONE_SURROGATE.test(key))
        found.push({ path: memberPath, message: 'the property name is not valid Unicode text' });
      else visit(member, memberPath, ancestors, found);
    }
  }
  ancestors.delete(value);
}
