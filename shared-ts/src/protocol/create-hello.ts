import { encodeBase64Url } from './base64url';
import { createEnvelope } from './create-envelope';
import type { MessageIdGenerator } from './create-message-id-generator';
import { cryptoRandomBytes } from './crypto-random-bytes';
import { deriveConnectionSecret } from './derive-connection-secret';
import type { Invitation } from './invitation';
import type { SiteInfo } from './message-envelope';
import type { EpochClock, RandomBytes } from './ports';
import type { ProtocolFailure, SigningErrorCode } from './protocol-error';
import { signMessage, type SignedMessage } from './sign-message';
import { copySpeaks, THIS_NODE_SPEAKS, type Speaks } from './speaks';
import { SECRET_BYTES } from './wire-format';

/** What the accepting side needs to answer an invitation. */
export interface CreateHelloInput {
  /** As read by `parseInvitation` (which refused it if expired). */
  invitation: Invitation;
  /** This side's platform (`salesforce`, `zendesk`, ...) and site. */
  platform: string;
  site: SiteInfo;
  clock: EpochClock;
  messageIds: MessageIdGenerator;
  /** When retrying a hello that got no answer, the nonce of the first attempt; a new one otherwise. */
  nonce?: string;
  /** Default: `cryptoRandomBytes`. Only tests pass another. */
  randomBytes?: RandomBytes;
  /** What this side speaks, told in the hello. Default `THIS_NODE_SPEAKS`. */
  speaks?: Readonly<Speaks>;
}

/** A hello, ready to POST to the invitation's rendezvous URL, and what to keep until it is answered. */
export interface CreatedHello {
  request: SignedMessage;
  connectionId: string;
  helloMessageId: string;
  /** Keep it to retry with the same nonce (the initiator then answers the retry too). */
  nonce: string;
  /** The new connection's secret: store it once `verifyHelloAck` accepts the answer. */
  connectionSecret: string;
  /** What the hello said this side speaks (`verifyHelloAck` negotiates from it). */
  speaks: Speaks;
}

/**
 * The accepting side's first message: a `hello` quoting the invitation id, a fresh nonce and what
 * this side speaks, signed with the invitation's secret (the proof that this side holds the code). Also derives
 * the connection secret both sides will use from then on. Fails with `secret-invalid` or
 * `envelope-invalid` (`signMessage`) when the invitation's secret or ids are not in wire format.
 */
export async function createHello(
  input: CreateHelloInput,
): Promise<({ ok: true } & CreatedHello) | ProtocolFailure<SigningErrorCode>> {
  const { invitation } = input;
  const nonce = input.nonce ?? encodeBase64Url((input.randomBytes ?? cryptoRandomBytes)(SECRET_BYTES));
  const speaks = copySpeaks(input.speaks ?? THIS_NODE_SPEAKS);
  const envelope = createEnvelope(
    'hello',
    { invitationId: invitation.invitationId, nonce, platform: input.platform, site: input.site, speaks },
    { connectionId: invitation.connectionId, messageId: input.messageIds(), sentAt: input.clock.now() },
  );
  const request = await signMessage(envelope, invitation.secret);
  if (!request.ok) return request;
  const derived = await deriveConnectionSecret(invitation.secret, invitation.invitationId, nonce);
  if (!derived.ok) return derived;
  return {
    ok: true,
    request: request.signed,
    connectionId: invitation.connectionId,
    helloMessageId: envelope.messageId,
    nonce,
    connectionSecret: derived.secret,
    speaks,
  };
}
