/**
 * The accepting side of pairing, as the calling node (Salesforce) runs it: read the pasted code,
 * send a signed `hello` to the rendezvous URL it names, check the signed `hello-ack`, and answer
 * the connection to store. One call, and no write: the caller stores the connection (Apex takes
 * no callout after uncommitted DML). docs/protocol.md, "Pairing".
 */
import {
  createHello,
  parseInvitation,
  readErrorResponse,
  verifyHelloAck,
  type EpochClock,
  type MessageIdGenerator,
  type RandomBytes,
  type ReplayCache,
  type SignedMessage,
  type SiteInfo,
  type Speaks,
} from '../../protocol';
import { CONNECTION_FORMAT } from '../model/migrate';
import type { SyncFailure } from '../model/sync-failure';
import type { PairedConnection } from './handle-rendezvous-request';
import type { HttpAnswer } from './rendezvous-client';

/** What accepting needs: this side, and the call to the rendezvous URL of the code. */
export interface AcceptInvitationDeps {
  /** This side's platform and site, told to the initiator in the hello. */
  platform: string;
  site: SiteInfo;
  clock: EpochClock;
  messageIds: MessageIdGenerator;
  /** What this side speaks. Default `THIS_NODE_SPEAKS`. */
  speaks?: Readonly<Speaks>;
  /** Remembers the answer's message id (a fresh in-memory one by default). */
  answerReplayCache?: ReplayCache;
  /** Only tests pass another. */
  randomBytes?: RandomBytes;
  /** POSTs the signed hello to `url` (the invitation's rendezvous URL). */
  post(
    request: SignedMessage,
    url: string,
  ): Promise<{ ok: true; answer: HttpAnswer } | { ok: false; error: SyncFailure }>;
}

/** The paired connection, or why pairing failed (the protocol's code, the initiator's, or the call's). */
export type AcceptInvitationResult =
  | { ok: true; connection: PairedConnection; rendezvousUrl: string }
  | { ok: false; error: { code: string; message: string } };

/**
 * Accepts an invitation code: `parseInvitation` (its codes: damaged, expired, ...), `createHello`,
 * one POST, then the answer: a non-200 is the initiator's unsigned error (`invitation-used`,
 * `invitation-expired`, ... as `readErrorResponse` reads it, else `http-<status>`), a 200 must be
 * a `hello-ack` that `verifyHelloAck` accepts. Answers the connection in the stored format
 * (`PairedConnection`) with the secret both sides derived. Never throws.
 */
export async function acceptInvitation(
  code: string,
  deps: AcceptInvitationDeps,
): Promise<AcceptInvitationResult> {
  try {
    const parsed = await parseInvitation(code, deps.clock.now());
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const { invitation } = parsed;
    const hello = await createHello({
      invitation,
      platform: deps.platform,
      site: deps.site,
      clock: deps.clock,
      messageIds: deps.messageIds,
      ...(deps.speaks ? { speaks: deps.speaks } : {}),
      ...(deps.randomBytes ? { randomBytes: deps.randomBytes } : {}),
    });
    if (!hello.ok) return { ok: false, error: hello.error };
    const sent = await deps.post(hello.request, invitation.rendezvousUrl);
    if (!sent.ok) return { ok: false, error: { code: sent.error.code, message: sent.error.message } };
    const { answer } = sent;
    if (answer.statusCode !== 200) {
      const refused = readErrorResponse(answer.body);
      return {
        ok: false,
        error: refused ?? {
          code: `http-${answer.statusCode}`,
          message: `The rendezvous answered HTTP ${answer.statusCode} without a Tandem error.`,
        },
      };
    }
    const acked = await verifyHelloAck({ headers: answer.headers, body: answer.body }, hello, {
      clock: deps.clock,
      ...(deps.answerReplayCache ? { replayCache: deps.answerReplayCache } : {}),
    });
    if (!acked.ok) return { ok: false, error: acked.error };
    return {
      ok: true,
      rendezvousUrl: invitation.rendezvousUrl,
      connection: {
        format: CONNECTION_FORMAT,
        connectionId: hello.connectionId,
        connectionName: invitation.connectionName,
        secret: hello.connectionSecret,
        peer: acked.peer,
        speaks: acked.speaks,
        peerSpeaks: acked.peerSpeaks,
      },
    };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
    };
  }
}
