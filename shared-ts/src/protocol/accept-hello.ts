import { createEnvelope } from './create-envelope';
import type { MessageIdGenerator } from './create-message-id-generator';
import { deriveConnectionSecret } from './derive-connection-secret';
import type { EnvelopeOf, SiteInfo } from './message-envelope';
import type { EpochClock, InvitationStore, ReplayCache } from './ports';
import { protocolFailure, type ProtocolFailure } from './protocol-error';
import { signMessage, type SignedMessage } from './sign-message';
import { copySpeaks, negotiateSpeaks, THIS_NODE_SPEAKS, type Speaks } from './speaks';
import { verifyMessage, type RawMessage, type VerifyFailure } from './verify-message';
import { DEFAULT_MAX_BODY_BYTES } from './wire-format';

/** What the initiator needs to take a hello. */
export interface AcceptHelloOptions {
  invitations: InvitationStore;
  replayCache: ReplayCache;
  clock: EpochClock;
  /** For the hello-ack's message id. */
  messageIds: MessageIdGenerator;
  /** This (the initiating) side's platform and site, told to the other side in the hello-ack. */
  platform: string;
  site: SiteInfo;
  /** What this side speaks, told in the hello-ack. Default `THIS_NODE_SPEAKS`. */
  speaks?: Readonly<Speaks>;
  maxBodyBytes?: number;
  clockSkewMs?: number;
}

/** A connection made: what to store, and the answer to send. */
export interface AcceptedHello {
  ok: true;
  hello: EnvelopeOf<'hello'>;
  connection: {
    connectionId: string;
    connectionName: string;
    invitationId: string;
    /** The accepting side, as it described itself. */
    peer: { platform: string; site: SiteInfo };
    /** What both sides speak: record it with the connection; never send what it does not list. */
    speaks: Speaks;
  };
  /** Store it as the connection's secret (it replaces the invitation's). */
  connectionSecret: string;
  /** The signed `hello-ack`: answer the request with it, HTTP 200. */
  response: SignedMessage;
}

/**
 * The initiator's side of the handshake. Verifies the hello like any message, with the secret of
 * the invitation it quotes (so only a holder of the code gets further, and cannot burn an
 * invitation without it), refuses an expired invitation, marks the invitation used and refuses
 * a second hello with another nonce (`invitation-used`): a replayed or leaked code is refused.
 * A retry of the same hello (same nonce, new message id) gets the same answer, so a lost
 * hello-ack does not strand the pairing. A hello whose `speaks` shares no protocol or replica
 * version with this side is refused (`version-unsupported`) before the invitation is used. Then
 * derives the connection secret and signs the hello-ack (with this side's `speaks`) with it.
 */
export async function acceptHello(
  raw: RawMessage,
  options: AcceptHelloOptions,
): Promise<AcceptedHello | VerifyFailure> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Unverified, and used only to find the key that verifies it (like the connection header).
  const claimedId = raw.body.length <= maxBodyBytes ? peekInvitationId(raw.body) : null;
  const stored = claimedId ? await options.invitations.find(claimedId) : null;
  const verified = await verifyMessage(raw, {
    secretFor: async (connectionId) =>
      stored && stored.invitation.connectionId === connectionId ? stored.invitation.secret : null,
    clock: options.clock,
    replayCache: options.replayCache,
    maxBodyBytes,
    ...(options.clockSkewMs === undefined ? {} : { clockSkewMs: options.clockSkewMs }),
    kinds: ['hello'],
  });
  if (!verified.ok) {
    if (verified.error.code !== 'connection-unknown') return verified;
    return protocolFailure(
      'invitation-unknown',
      claimedId
        ? `No invitation ${claimedId} for this connection was made here (or it was deleted). Ask for a new invitation code.`
        : 'The hello names no invitation (body.invitationId). Send the invitation id from the code.',
    );
  }
  const hello = verified.envelope;
  if (!stored || hello.body.invitationId !== stored.invitation.invitationId) {
    return protocolFailure(
      'invitation-unknown',
      'The hello names another invitation than the one that verified it.',
    );
  }
  const { invitation } = stored;
  const { nonce } = hello.body;
  const now = options.clock.now();
  if (stored.usedBy !== nonce && now >= Date.parse(invitation.expiresAt)) {
    return protocolFailure(
      'invitation-expired',
      `Invitation ${invitation.invitationId} expired at ${invitation.expiresAt}. Make a new invitation and paste its code again.`,
    );
  }
  const ours = options.speaks ?? THIS_NODE_SPEAKS;
  const negotiated = negotiateSpeaks(ours, hello.body.speaks);
  if (!negotiated.ok) return negotiated;
  const consumed = await options.invitations.consume(invitation.invitationId, nonce);
  if (consumed === 'already-used') {
    return protocolFailure(
      'invitation-used',
      `Invitation ${invitation.invitationId} was already used to connect another site; each code works once. Make a new invitation.`,
    );
  }
  if (consumed === 'unknown') {
    return protocolFailure(
      'invitation-unknown',
      `Invitation ${invitation.invitationId} was deleted meanwhile. Make a new invitation.`,
    );
  }

  const derived = await deriveConnectionSecret(invitation.secret, invitation.invitationId, nonce);
  if (!derived.ok) return storedSecretFailure(invitation.invitationId, derived.error.message);
  const connectionSecret = derived.secret;
  const ack = createEnvelope(
    'hello-ack',
    {
      inReplyTo: hello.messageId,
      platform: options.platform,
      site: options.site,
      speaks: copySpeaks(ours),
    },
    { connectionId: invitation.connectionId, messageId: options.messageIds(), sentAt: now },
  );
  const response = await signMessage(ack, connectionSecret);
  if (!response.ok) return storedSecretFailure(invitation.invitationId, response.error.message);
  return {
    ok: true,
    hello,
    connection: {
      connectionId: invitation.connectionId,
      connectionName: invitation.connectionName,
      invitationId: invitation.invitationId,
      peer: { platform: hello.body.platform, site: hello.body.site },
      speaks: negotiated.agreed,
    },
    connectionSecret,
    response: response.signed,
  };
}

/** The invitation store handed back a secret that is not one: nothing can be signed (retry once it is fixed). */
function storedSecretFailure(invitationId: string, problem: string): ProtocolFailure<'unavailable'> {
  return protocolFailure(
    'unavailable',
    `The stored secret of invitation ${invitationId} cannot be used: ${problem} The invitation store must be repaired.`,
  );
}

function peekInvitationId(body: string): string | null {
  try {
    const value: unknown = JSON.parse(body);
    const id = (value as { body?: { invitationId?: unknown } } | null)?.body?.invitationId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
