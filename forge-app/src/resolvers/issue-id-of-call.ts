/** The issue a UI call is about: Forge's context for the issue panel and action, else the payload's `issueId`. */
export function issueIdOfCall(call: { payload?: unknown; context?: unknown }): string | null {
  const fromContext = pick(call.context, ['extension', 'issue', 'id']);
  const id = fromContext ?? pick(call.payload, ['issueId']);
  const text = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
  return typeof text === 'string' && /^[0-9]{1,18}$/.test(text) ? text : null;
}

function pick(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
