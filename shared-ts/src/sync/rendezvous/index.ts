/**
 * The rendezvous (docs/protocol.md, "The rendezvous"): the initiator's endpoint
 * (`handleRendezvousRequest`) and the calling side's client (`pushOutbox`, `pullOnce`, with the
 * `AckStore` that keeps owed acks across transactions; `fetchAttachmentsOnce` for files).
 */
export type { AckStore } from './ack-store';
export {
  acceptInvitation,
  type AcceptInvitationDeps,
  type AcceptInvitationResult,
} from './accept-invitation';
export {
  handleRendezvousRequest,
  type PairedConnection,
  type RendezvousConnection,
  type RendezvousDeps,
  type RendezvousRequest,
} from './handle-rendezvous-request';
export {
  ATTACHMENT_WANT_ANSWER_WAIT_MS,
  offerBatchWants,
  takeBatchWantAnswers,
  type FindAttachmentItem,
} from './batch-wants';
export {
  answerBatchWants,
  buildPushRequest,
  fetchAttachmentsOnce,
  pullOnce,
  pushOutbox,
  type AnswerWantsResult,
  type BatchWants,
  type FetchAttachmentsResult,
  type HttpAnswer,
  type PullResult,
  type PushRequest,
  type RendezvousClientDeps,
} from './rendezvous-client';
