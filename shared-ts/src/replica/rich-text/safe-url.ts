/** URL schemes a link in a replica may use. Anything else (javascript:, data:, vbscript:, file:) is refused. */
export const SAFE_URL_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

// Browsers ignore ASCII whitespace and control characters inside a URL's scheme
// ("java\tscript:" runs script), so they are removed before the scheme is read.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IGNORED_BY_BROWSERS = /[\u0000-\u0020\u007f]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * The URL, trimmed, when a link to it is safe to render: an http(s), mailto or tel URL, or a
 * relative one. Null for any other scheme and for an empty URL.
 */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  const scheme = SCHEME.exec(trimmed.replace(IGNORED_BY_BROWSERS, ''));
  if (trimmed === '') return null;
  if (scheme === null) return trimmed;
  return SAFE_URL_SCHEMES.includes((scheme[1] ?? '').toLowerCase()) ? trimmed : null;
}
