import type { CreatedHello } from './create-hello';
import { InMemoryReplayCache } from './in-memory-replay-cache';
import type { EnvelopeOf, SiteInfo } from './message-envelope';
import type { EpochClock, ReplayCache } from './ports';
import { protocolFailure } from './protocol-error';
import { copySpeaks, negotiateSpeaks, THIS_NODE_SPEAKS, V1_PEER_SPEAKS, type Speaks } from './speaks';
import { verifyMessage, type RawMessage, type VerifyFailure } from './verify-message';

/** A verified answer to our hello: the connection is made. */
export interface VerifiedHelloAck {
  ok: true;
  envelope: EnvelopeOf<'hello-ack'>;
  /** The initiating side, as it described itself. */
  peer: { platform: string; site: SiteInfo };
  /** What both sides speak: record it with the connection; never send what it does not list. */
  speaks: Speaks;
  /**
   * What the peer said it speaks (`V1_PEER_SPEAKS` when its hello-ack said nothing): store it with
   * the connection (`peerSpeaks`), so that a later upgrade of this side can negotiate again
   * without a new hello.
   */
  peerSpeaks: Speaks;
}

/**
 * The accepting side's last step: checks that the answer to our hello is a `hello-ack` signed
 * with the connection secret we derived (so the initiator holds the same secret) and answers
 * this very hello (`reply-mismatch` otherwise), and agrees on what both speak (a hello-ack
 * without `speaks` is from a v1 node; no common version is `version-unsupported`). Check the
 * HTTP status first: an error answer is unsigned JSON (`readErrorResponse`).
 */
export async function verifyHelloAck(
  response: RawMessage,
  hello: Pick<CreatedHello, 'connectionId' | 'helloMessageId' | 'connectionSecret'> &
    Partial<Pick<CreatedHello, 'speaks'>>,
  options: { clock: EpochClock; replayCache?: ReplayCache; maxBodyBytes?: number; clockSkewMs?: number },
): Promise<VerifiedHelloAck | VerifyFailure> {
  const verified = await verifyMessage(response, {
    secretFor: async (connectionId) => (connectionId === hello.connectionId ? hello.connectionSecret : null),
    clock: options.clock,
    replayCache: options.replayCache ?? new InMemoryReplayCache(options.clock),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.clockSkewMs === undefined ? {} : { clockSkewMs: options.clockSkewMs }),
    kinds: ['hello-ack'],
  });
  if (!verified.ok) return verified;
  const { envelope } = verified;
  if (envelope.body.inReplyTo !== hello.helloMessageId) {
    return protocolFailure(
      'reply-mismatch',
      `The hello-ack answers message ${envelope.body.inReplyTo}, not our hello ${hello.helloMessageId}.`,
    );
  }
  const negotiated = negotiateSpeaks(hello.speaks ?? THIS_NODE_SPEAKS, envelope.body.speaks);
  if (!negotiated.ok) return negotiated;
  return {
    ok: true,
    envelope,
    peer: { platform: envelope.body.platform, site: envelope.body.site },
    speaks: negotiated.agreed,
    peerSpeaks: copySpeaks(envelope.body.speaks ?? V1_PEER_SPEAKS),
  };
}
