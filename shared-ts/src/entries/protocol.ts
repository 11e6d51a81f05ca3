/**
 * The protocol as an adapter uses it (package entry `@tandem/shared-ts/protocol`, namespace
 * `protocol` of the root): the rendezvous (the initiator's endpoint and the calling side's
 * client), signed envelopes, the hello handshake, invitation codes, error responses, the ports
 * an adapter implements and the failure codes. docs/protocol.md is the contract.
 */

// The rendezvous: server handler and client
export {
  handleRendezvousRequest,
  type PairedConnection,
  type RendezvousConnection,
  type RendezvousDeps,
  type RendezvousRequest,
} from '../sync/rendezvous/handle-rendezvous-request';
export {
  pullOnce,
  pushOutbox,
  type HttpAnswer,
  type PullResult,
  type RendezvousClientDeps,
} from '../sync/rendezvous/rendezvous-client';
export type { AckStore } from '../sync/rendezvous/ack-store';
export {
  acceptInvitation,
  type AcceptInvitationDeps,
  type AcceptInvitationResult,
} from '../sync/rendezvous/accept-invitation';

// Envelopes: make, sign, verify, read
export { createEnvelope, type MessageStamp } from '../protocol/create-envelope';
export { signMessage, type SignedMessage, type SignResult } from '../protocol/sign-message';
export {
  verifyMessage,
  type HeaderBag,
  type RawMessage,
  type VerifyFailure,
  type VerifyOptions,
} from '../protocol/verify-message';
export { parseEnvelope, type EnvelopeErrorCode, type ParsedEnvelope } from '../protocol/parse-envelope';
export { peekMessageKind } from '../protocol/peek-message-kind';
export { createMessageIdGenerator, type MessageIdGenerator } from '../protocol/create-message-id-generator';
export {
  MESSAGE_KINDS,
  PROTOCOL_VERSION,
  type AckBody,
  type AckResult,
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
  type SiteInfo,
  type UnlinkBody,
} from '../protocol/message-envelope';
export { DEFAULT_CLOCK_SKEW_MS, DEFAULT_MAX_BODY_BYTES, HEADERS } from '../protocol/wire-format';

// The hello handshake
export { createHello, type CreatedHello, type CreateHelloInput } from '../protocol/create-hello';
export { acceptHello, type AcceptedHello, type AcceptHelloOptions } from '../protocol/accept-hello';
export { verifyHelloAck, type VerifiedHelloAck } from '../protocol/verify-hello-ack';
export { THIS_NODE_SPEAKS, type NegotiatedSpeaks, type Speaks } from '../protocol/speaks';

// Invitation codes
export {
  createInvitation,
  type CreatedInvitation,
  type CreateInvitationInput,
} from '../protocol/create-invitation';
export {
  parseInvitation,
  type ParsedInvitation,
  type ParseInvitationErrorCode,
} from '../protocol/parse-invitation';
export { DEFAULT_INVITATION_TTL_MS, type Invitation } from '../protocol/invitation';

// Error responses and failures
export { errorResponse, HTTP_STATUS_BY_ERROR, type HttpResponse } from '../protocol/error-response';
export { readErrorResponse } from '../protocol/read-error-response';
export type {
  InvitationErrorCode,
  ProtocolError,
  ProtocolFailure,
  SigningErrorCode,
  WireErrorCode,
} from '../protocol/protocol-error';

// Ports an adapter implements
export type {
  EpochClock,
  InvitationStore,
  RandomBytes,
  ReplayCache,
  SecretLookup,
  StoredInvitation,
} from '../protocol/ports';
export { cryptoRandomBytes } from '../protocol/crypto-random-bytes';
