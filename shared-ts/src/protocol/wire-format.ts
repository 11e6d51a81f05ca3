/** The fixed names, patterns and defaults of the wire format (docs/protocol.md, "Wire format"). */

/** Request and response headers. HTTP header names are case-insensitive; these are the spellings we send. */
export const HEADERS = {
  connection: 'X-Tandem-Connection',
  messageId: 'X-Tandem-Message-Id',
  timestamp: 'X-Tandem-Timestamp',
  signature: 'X-Tandem-Signature',
} as const;

/** The first line of the signing input; it changes only with a new signature scheme. */
export const SIGNATURE_SCHEME = 'TANDEM-HMAC-SHA256-V1';

/** X-Tandem-Signature is this prefix followed by 64 lowercase hex digits. */
export const SIGNATURE_PREFIX = 'v1=';

/** Largest body a receiver accepts unless configured otherwise: 1 MiB of UTF-8. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** How far a message's timestamp may be from the receiver's clock, either way: 5 minutes. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Connection ids: safe in headers, KVS keys and Salesforce text fields. */
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Message ids are ULIDs: 26 characters of Crockford base32, upper case. */
export const MESSAGE_ID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Bytes of a shared or connection secret. */
export const SECRET_BYTES = 32;
