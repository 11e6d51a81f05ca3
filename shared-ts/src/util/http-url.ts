/**
 * URLs that Tandem shows to people as links (an entity's or its parent's page) must be web
 * addresses: a `javascript:` or `data:` URL in a replica would run or load in the console of
 * the side that shows it.
 */

// Browsers ignore ASCII white space and control characters around and inside a scheme
// ("java\tscript:" runs script), so they are removed before the scheme is read.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IGNORED_BY_BROWSERS = /[\u0000-\u0020\u007f]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPACE_OR_CONTROL = /[\u0000-\u0020\u007f-\u009f]/;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Schemes a browser runs, or reads from the machine or from the text itself, when a link is opened. */
const UNSAFE_SCHEMES: ReadonlySet<string> = new Set([
  'javascript',
  'vbscript',
  'data',
  'file',
  'blob',
  'filesystem',
]);

/** Whether `text` is an absolute `http:` or `https:` URL with a host, without spaces or control characters. */
export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || SPACE_OR_CONTROL.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Why an opaque reference (which a receiver only hands back, never opens) could still do harm if
 * a console showed it as a link, or null when it could not: a reference that names a host
 * (`scheme://...`) must be an http(s) URL, and no reference may use a scheme a browser runs or
 * reads locally (`javascript:`, `vbscript:`, `data:`, `file:`, `blob:`, `filesystem:`), read as
 * a browser reads it (case, white space and control characters ignored).
 */
export function opaqueReferenceProblem(text: string): string | null {
  const squeezed = text.replace(IGNORED_BY_BROWSERS, '');
  const scheme = SCHEME.exec(squeezed)?.[1]?.toLowerCase();
  if (scheme === undefined) return null;
  if (UNSAFE_SCHEMES.has(scheme)) return `must not be a ${scheme}: URL`;
  const namesHost = squeezed.startsWith('//', scheme.length + 1);
  return namesHost && !isHttpUrl(text) ? 'must be an http or https URL when it names a host' : null;
}
