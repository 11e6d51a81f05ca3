/**
 * Small printers for rule-script source: literals, member paths, table names. Everything the
 * generator puts in a script from an admin's table goes through here, so that a field name or a
 * value with quotes, backslashes or line breaks can never change the meaning of the script.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal that reads back as exactly `value` (JSON's escaping is valid JavaScript since ES2019). */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/**
 * A member expression below `root`: identifier segments as `.name`, others as `["Sales Region"]`.
 * Segments from `optionalFrom` on are reached with optional chaining (`entity.Account?.Name`).
 */
export function memberPath(root: string, path: readonly string[], optionalFrom = path.length): string {
  let out = root;
  path.forEach((segment, index) => {
    const optional = index >= optionalFrom;
    if (IDENTIFIER.test(segment)) out += optional ? `?.${segment}` : `.${segment}`;
    else out += optional ? `?.[${stringLiteral(segment)}]` : `[${stringLiteral(segment)}]`;
  });
  return out;
}

/** An object literal with quoted keys and text values, one entry per line. */
export function objectLiteral(entries: ReadonlyArray<readonly [string, string]>): string {
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, value]) => `  ${stringLiteral(key)}: ${stringLiteral(value)},`);
  return `{\n${lines.join('\n')}\n}`;
}

/**
 * A readable camelCase name for a table constant derived from a field name, e.g.
 * (`Sales_Region__c`, `Values`) -> `salesRegionValues`. `taken` prevents clashes.
 */
export function tableName(field: string, suffix: string, taken: Set<string>): string {
  const words = field
    .replace(/__c$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
  let base = words
    .map((word, index) =>
      index > 0
        ? word.charAt(0).toUpperCase() + word.slice(1)
        : word === word.toUpperCase()
          ? word.toLowerCase()
          : word.charAt(0).toLowerCase() + word.slice(1),
    )
    .join('');
  if (base === '' || /^[0-9]/.test(base)) base = `field${base}`;
  let name = `${base}${suffix}`;
  for (let n = 2; taken.has(name); n++) name = `${base}${suffix}${n}`;
  taken.add(name);
  return name;
}
