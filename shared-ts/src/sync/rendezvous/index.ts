/**
 * The rendezvous (docs/protocol.md, "The rendezvous"): the initiator's endpoint
 * (`handleRendezvousRequest`) and the calling side's client (`pushOutbox`, `pullOnce`, with the
 * `AckStore` that keeps owed acks across transactions; `fetchAttachmentsOnce` for files).
 */
export type { AckStore } from './ack-store';
export {
  handleRendezvousRequest,
  type PairedConnection,
  type RendezvousConnection,
  type RendezvousDeps,
  type RendezvousRequest,
} from './handle-rendezvous-request';
export {
  buildPushRequest,
  fetchAttachmentsOnce,
  pullOnce,
  pushOutbox,
  type FetchAttachmentsResult,
  type HttpAnswer,
  type PullResult,
  type PushRequest,
  type RendezvousClientDeps,
} from './rendezvous-client';
