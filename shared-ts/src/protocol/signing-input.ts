import { SIGNATURE_SCHEME } from './wire-format';

/** What a signature covers: the three identifying headers and the body exactly as sent. */
export interface SigningParts {
  connectionId: string;
  messageId: string;
  /** The X-Tandem-Timestamp header value, verbatim. */
  timestamp: string;
  /** The HTTP body, verbatim (not re-serialised). */
  body: string;
}

/**
 * The text whose UTF-8 bytes are signed: the scheme name, the connection id, the message id and
 * the timestamp on a line each (LF), then the body. None of the first four can contain a line
 * break, so the split is unambiguous.
 */
export function signingInput(parts: SigningParts): string {
  return `${SIGNATURE_SCHEME}\n${parts.connectionId}\n${parts.messageId}\n${parts.timestamp}\n${parts.body}`;
}
