/**
 * The limits of an attachment transfer (docs/protocol.md, "Attachments"). A chunk carries at most
 * `ATTACHMENT_CHUNK_MAX_BYTES` raw bytes, about 120 KiB in base64url: it fits a 240 KiB Forge KVS
 * value and an Apex callout body with room for its envelope.
 */

/** Most raw bytes per chunk: 90 KiB (base64url about 120 KiB). */
export const ATTACHMENT_CHUNK_MAX_BYTES = 90 * 1024;

/** Default per-file cap: a file over it is not transferred; the receiver gets a link and a note. */
export const DEFAULT_ATTACHMENT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Default per-connection cap: bytes of attachments one connection transfers per UTC day. */
export const DEFAULT_ATTACHMENT_MAX_CONNECTION_BYTES_PER_DAY = 1024 * 1024 * 1024;

/** The largest per-file cap a connection may configure (it bounds the chunk count of a file). */
export const ATTACHMENT_MAX_FILE_BYTES_LIMIT = 100 * 1024 * 1024;

/** Most chunks of one file: the configurable cap's limit in chunks (1,138). */
export const ATTACHMENT_MAX_CHUNKS = Math.ceil(ATTACHMENT_MAX_FILE_BYTES_LIMIT / ATTACHMENT_CHUNK_MAX_BYTES);

/** Most base64url characters of one chunk's data (unpadded). */
export const ATTACHMENT_CHUNK_MAX_DATA_CHARS = Math.ceil((ATTACHMENT_CHUNK_MAX_BYTES * 4) / 3);
