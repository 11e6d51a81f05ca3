/** Hosts where plain http is allowed: a developer's own machine (the sandbox). */
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether `text` is an absolute https URL (or http on localhost), the only URLs the protocol
 * sends secrets and nonces to or names sites by. Internal to the protocol.
 */
export function isWebUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}
