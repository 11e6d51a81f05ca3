/**
 * What a node speaks: the protocol versions, the replica format versions and the optional
 * capabilities it supports. Exchanged in `hello` and `hello-ack` (body member `speaks`), so two
 * nodes of different releases agree on what both speak; docs/protocol.md, "Versions and
 * capabilities".
 */
import { protocolFailure, type ProtocolFailure } from './protocol-error';

/** The versions and capabilities a node supports (or, once negotiated, both support). */
export interface Speaks {
  /** Envelope versions (`v`), ascending. */
  protocol: number[];
  /** Replica format versions (`schema` of a replica), ascending. */
  replica: number[];
  /** Optional features by name, sorted: `batch-push` (the `push` kind), and others as they come. */
  capabilities: string[];
}

/** The capability of taking several replicas and unlinks in one `push` request. */
export const BATCH_PUSH = 'batch-push';

/**
 * The capability of attachments through the rendezvous: the `attachment-want` and
 * `attachment-chunks` kinds (docs/protocol.md, "Attachments"). The rendezvous serves wants
 * (`handleRendezvousRequest`) and the client sends them (`fetchAttachmentsOnce`).
 */
export const ATTACHMENTS_V1 = 'attachments-v1';

/**
 * The capability of files travelling from the acceptor to the initiator too (docs/protocol.md,
 * "Attachments", Direction): the rendezvous carries its side's wants in the `wants` of a `batch`,
 * and the puller answers them with an `attachment-chunks` request of its own, acknowledged by an
 * `ack`. Meaningful only beside `attachments-v1`; without it, the acceptor's files reach the
 * initiator as metadata only.
 */
export const ATTACHMENTS_BOTH_WAYS = 'attachments-both-ways';

/** What this release of Tandem speaks. */
export const THIS_NODE_SPEAKS: Readonly<Speaks> = Object.freeze({
  protocol: [1],
  replica: [1, 2],
  capabilities: [ATTACHMENTS_BOTH_WAYS, ATTACHMENTS_V1, BATCH_PUSH],
});

/** What a peer that sends no `speaks` speaks: a v1 node, replica format 1, no capabilities. */
export const V1_PEER_SPEAKS: Readonly<Speaks> = Object.freeze({
  protocol: [1],
  replica: [1],
  capabilities: [],
});

/** Most entries in each list of a received `speaks`; a longer list is malformed. */
export const MAX_SPEAKS_ENTRIES = 32;

/** A capability name: lower case letters, digits, `.` and `-`, 1 to 40 characters. */
export const CAPABILITY_PATTERN = /^[a-z0-9][a-z0-9.-]{0,39}$/;

/** What both sides of a connection speak: the connection records it and senders keep to it. */
export interface NegotiatedSpeaks {
  ok: true;
  /** The versions and capabilities both speak. */
  agreed: Speaks;
  /** The highest protocol and replica versions both speak: what a sender uses. */
  protocol: number;
  replica: number;
}

/**
 * The versions and capabilities both sides speak. A peer that sent no `speaks` is a v1 node
 * (`V1_PEER_SPEAKS`). Refused with `version-unsupported` only when there is no common protocol
 * version or no common replica version, naming both lists, so an upgrade of one side never
 * breaks a connection that can still be spoken.
 */
export function negotiateSpeaks(
  ours: Readonly<Speaks>,
  theirs: Readonly<Speaks> | undefined,
): NegotiatedSpeaks | ProtocolFailure<'version-unsupported'> {
  const peer = theirs ?? V1_PEER_SPEAKS;
  const protocol = common(ours.protocol, peer.protocol);
  const replica = common(ours.replica, peer.replica);
  const capabilities = ours.capabilities.filter((name) => peer.capabilities.includes(name)).sort();
  const highestProtocol = protocol[protocol.length - 1];
  const highestReplica = replica[replica.length - 1];
  if (highestProtocol === undefined) {
    return protocolFailure(
      'version-unsupported',
      `No common protocol version: this node speaks ${list(ours.protocol)}, the other ${list(peer.protocol)}. Update the older node.`,
    );
  }
  if (highestReplica === undefined) {
    return protocolFailure(
      'version-unsupported',
      `No common replica format: this node reads ${list(ours.replica)}, the other ${list(peer.replica)}. Update the older node.`,
    );
  }
  return {
    ok: true,
    agreed: { protocol, replica, capabilities },
    protocol: highestProtocol,
    replica: highestReplica,
  };
}

/** A plain copy of a `speaks` (the constants are frozen; envelopes are plain JSON). */
export function copySpeaks(speaks: Readonly<Speaks>): Speaks {
  return {
    protocol: [...speaks.protocol],
    replica: [...speaks.replica],
    capabilities: [...speaks.capabilities],
  };
}

function common(ours: readonly number[], theirs: readonly number[]): number[] {
  return [...new Set(ours.filter((version) => theirs.includes(version)))].sort((a, b) => a - b);
}

function list(versions: readonly number[]): string {
  return versions.length === 0 ? 'none' : versions.join(', ');
}
