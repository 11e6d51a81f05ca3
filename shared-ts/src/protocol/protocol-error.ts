/**
 * Protocol failures are values: a stable code a program can branch on and a message a person can
 * act on. docs/protocol.md lists every code with the HTTP status it maps to.
 */

/** Why a message on the wire was refused (by `verifyMessage`, `acceptHello` or `verifyHelloAck`). */
export type WireErrorCode =
  /** The body is larger than the receiver accepts; checked before anything else. */
  | 'body-too-large'
  /** X-Tandem-Connection, X-Tandem-Message-Id or X-Tandem-Timestamp is missing, repeated or malformed. */
  | 'header-invalid'
  /** X-Tandem-Signature is missing or not of the form `v1=<64 hex digits>`. */
  | 'signature-missing'
  /** X-Tandem-Timestamp is further from the receiver's clock than the allowed skew. */
  | 'timestamp-out-of-window'
  /** The receiver has no secret for the connection id. */
  | 'connection-unknown'
  /** The signature does not match the bytes (wrong secret, or the message was altered). */
  | 'signature-invalid'
  /** The body is not JSON or not the shape of an envelope; the message names the field. */
  | 'envelope-malformed'
  /** The envelope's `v` is not a protocol version this receiver speaks. */
  | 'version-unsupported'
  /** The envelope's `kind` is unknown, or not one this endpoint accepts. */
  | 'kind-unsupported'
  /** A header disagrees with the envelope (connection id, message id or timestamp). */
  | 'header-mismatch'
  /** A replica message carries a replica that does not match the replica schema. */
  | 'replica-invalid'
  /** This message id was already accepted on this connection. */
  | 'message-replayed'
  /** A response answers a different request than the one we sent. */
  | 'reply-mismatch'
  /** No invitation is waiting under this connection id, or the hello names another invitation. */
  | 'invitation-unknown'
  /** The invitation expired before the hello arrived. */
  | 'invitation-expired'
  /** The invitation was already used by another hello. */
  | 'invitation-used'
  /** The request is not a POST: the rendezvous takes nothing else. */
  | 'method-unsupported'
  /** The receiver could not persist or read what it needed (its storage failed); retry later. */
  | 'unavailable';

/** Why an invitation code could not be read (`parseInvitation`) or made (`createInvitation`). */
export type InvitationErrorCode =
  /** Characters were changed or added: the checksum does not match, or a character cannot occur in a code. */
  | 'invitation-damaged'
  /** The code is shorter than it says it is: part of it was lost when copying. */
  | 'invitation-truncated'
  /** The text is not an invitation code, or its fields are not valid (a lifetime over 30 days included). */
  | 'invitation-malformed'
  /** The pasted text is far longer than any invitation code (`MAX_INVITATION_CODE_CHARS`); it is not read. */
  | 'invitation-too-long'
  /** The invitation's expiry time has passed. */
  | 'invitation-expired'
  /** The invitation was created in the future (beyond the allowed clock skew). */
  | 'invitation-not-yet-valid'
  /** The code was made by a newer Tandem (a format version this one does not read). */
  | 'invitation-version-unsupported'
  /** `createInvitation` was given a value it cannot put in a code (too long, not an https URL). */
  | 'invitation-input-invalid';

/**
 * Why `signMessage`, `deriveConnectionSecret` or `createHello` could not sign or derive: the
 * arguments are built by the program, so either is a caller's bug, answered as a value all the same.
 */
export type SigningErrorCode =
  /** The secret is not 32 bytes written as unpadded base64url. */
  | 'secret-invalid'
  /** The envelope's connection id, message id or time is not in wire format. */
  | 'envelope-invalid';

/** A failure: its code and a message a person can act on. */
export interface ProtocolError<Code extends string = WireErrorCode | InvitationErrorCode> {
  code: Code;
  message: string;
}

/** The failure half of every protocol result. */
export interface ProtocolFailure<Code extends string = WireErrorCode | InvitationErrorCode> {
  ok: false;
  error: ProtocolError<Code>;
}

/** Builds a failure value. */
export function protocolFailure<Code extends string>(code: Code, message: string): ProtocolFailure<Code> {
  return { ok: false, error: { code, message } };
}
