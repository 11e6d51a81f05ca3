/**
 * The protocol between two Tandem nodes: message envelopes, HMAC signing and verification,
 * message ids, invitation codes and the hello handshake. docs/protocol.md is the contract.
 */
export { acceptHello, type AcceptedHello, type AcceptHelloOptions } from './accept-hello';
export { decodeBase64Url, encodeBase64Url } from './base64url';
export { createEnvelope, type MessageStamp } from './create-envelope';
export { createHello, type CreatedHello, type CreateHelloInput } from './create-hello';
export { createInvitation, type CreatedInvitation, type CreateInvitationInput } from './create-invitation';
export { createMessageIdGenerator, type MessageIdGenerator } from './create-message-id-generator';
export { cryptoRandomBytes } from './crypto-random-bytes';
export { CONNECTION_SECRET_LABEL, deriveConnectionSecret } from './derive-connection-secret';
export { errorResponse, HTTP_STATUS_BY_ERROR, type HttpResponse } from './error-response';
export {
  DEFAULT_INVITATION_TTL_MS,
  INVITATION_PREFIX,
  INVITATION_VERSION,
  MAX_INVITATION_CODE_CHARS,
  MAX_INVITATION_NAME_BYTES,
  MAX_INVITATION_TTL_MS,
  MAX_INVITATION_URL_BYTES,
  MIN_INVITATION_TTL_MS,
  type Invitation,
} from './invitation';
export {
  MAX_ATTACHMENT_CHUNK_DATA_CHARS,
  MAX_ATTACHMENT_CHUNKS_PER_MESSAGE,
  MAX_ATTACHMENT_FILE_CHUNKS,
  MAX_ATTACHMENT_WANTS,
  MAX_PULL_LIMIT,
  MAX_PUSH_MESSAGES,
  MESSAGE_KINDS,
  PROTOCOL_VERSION,
  REPLICA_POLICIES,
  type AckBody,
  type AckResult,
  type AttachmentAnswer,
  type AttachmentChunksBody,
  type AttachmentChunkWire,
  type AttachmentWantBody,
  type AttachmentWantItem,
  type BatchBody,
  type BatchedMessage,
  type Envelope,
  type EnvelopeOf,
  type HelloAckBody,
  type HelloBody,
  type MessageBodies,
  type MessageKind,
  type PullBody,
  type PushBody,
  type ReplicaBody,
  type ReplicaBodyTrim,
  type ReplicaPolicy,
  type SiteInfo,
  type UnlinkBody,
} from './message-envelope';
export { parseEnvelope, type EnvelopeErrorCode, type ParsedEnvelope } from './parse-envelope';
export { parseInvitation, type ParsedInvitation, type ParseInvitationErrorCode } from './parse-invitation';
export { peekMessageKind } from './peek-message-kind';
export type {
  EpochClock,
  InvitationStore,
  RandomBytes,
  ReplayCache,
  SecretLookup,
  StoredInvitation,
} from './ports';
export {
  protocolFailure,
  type InvitationErrorCode,
  type ProtocolError,
  type ProtocolFailure,
  type WireErrorCode,
} from './protocol-error';
export { readErrorResponse } from './read-error-response';
export { signMessage, type SignedMessage } from './sign-message';
export { signingInput, type SigningParts } from './signing-input';
export {
  ATTACHMENTS_BOTH_WAYS,
  ATTACHMENTS_V1,
  BATCH_PUSH,
  CAPABILITY_PATTERN,
  copySpeaks,
  MAX_SPEAKS_ENTRIES,
  negotiateSpeaks,
  THIS_NODE_SPEAKS,
  V1_PEER_SPEAKS,
  type NegotiatedSpeaks,
  type Speaks,
} from './speaks';
export { verifyHelloAck, type VerifiedHelloAck } from './verify-hello-ack';
export {
  verifyMessage,
  type HeaderBag,
  type RawMessage,
  type VerifyFailure,
  type VerifyOptions,
} from './verify-message';
export {
  CONNECTION_ID_PATTERN,
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_MAX_BODY_BYTES,
  HEADERS,
  MESSAGE_ID_PATTERN,
  SECRET_BYTES,
  SIGNATURE_PREFIX,
  SIGNATURE_SCHEME,
} from './wire-format';
export { formatWireTimestamp, parseWireTimestamp } from './wire-timestamp';
