import type { ProtocolError, WireErrorCode } from './protocol-error';

/** The HTTP status each wire error is answered with. */
export const HTTP_STATUS_BY_ERROR: Readonly<Record<WireErrorCode, number>> = {
  'body-too-large': 413,
  'header-invalid': 400,
  'signature-missing': 401,
  'timestamp-out-of-window': 401,
  'connection-unknown': 401,
  'signature-invalid': 401,
  'envelope-malformed': 400,
  'version-unsupported': 400,
  'kind-unsupported': 400,
  'header-mismatch': 400,
  'replica-invalid': 422,
  'message-replayed': 409,
  'reply-mismatch': 400,
  'invitation-unknown': 404,
  'invitation-expired': 410,
  'invitation-used': 409,
  'method-unsupported': 405,
  unavailable: 503,
};

/** An HTTP response, in the shape a Forge web trigger returns (`statusCode`, `headers`, `body`). */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

/**
 * The unsigned error response to a refused request: the status of its code and a JSON body
 * `{"error":{"code","message"}}`. Unsigned, because the receiver cannot sign for a sender it
 * could not authenticate; a client treats it as a hint (back off, show the message), never as
 * proof. A refusal after authentication may instead be a signed `ack` (docs/protocol.md).
 */
export function errorResponse(error: ProtocolError<WireErrorCode>): HttpResponse {
  return {
    statusCode: HTTP_STATUS_BY_ERROR[error.code],
    headers: { 'Content-Type': ['application/json; charset=utf-8'] },
    body: JSON.stringify({ error: { code: error.code, message: error.message } }),
  };
}
