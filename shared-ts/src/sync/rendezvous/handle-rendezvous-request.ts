/**
 * The rendezvous: the one HTTP endpoint of a connection, hosted by the initiator (a Forge web
 * trigger calls this as it is). It verifies every request before anything touches it, takes
 * `hello` (pairing), pushed `replica`, `unlink` and `push` (into the engine's inbox), `pull`
 * (acks settle the outbox, then a signed `batch` of what waits for the caller) and
 * `attachment-want` (a signed `attachment-chunks` of the files asked for). docs/protocol.md,
 * "The rendezvous", is the contract.
 */
import {
  acceptHello,
  ATTACHMENTS_BOTH_WAYS,
  ATTACHMENTS_V1,
  copySpeaks,
  createEnvelope,
  DEFAULT_MAX_BODY_BYTES,
  errorResponse,
  peekMessageKind,
  signMessage,
  verifyMessage,
  type AcceptHelloOptions,
  type AckResult,
  type BatchedMessage,
  type EnvelopeOf,
  type HttpResponse,
  type ProtocolError,
  type SiteInfo,
  type Speaks,
  type WireErrorCode,
  V1_PEER_SPEAKS,
} from '../../protocol';
import { CONNECTION_FORMAT } from '../model/migrate';
import { canonicalJson } from '../../util/canonical-json';
import { answerAttachmentWants } from '../attachments/answer-attachment-wants';
import type { SendingAttachmentPorts } from '../attachments/attachment-ports';
import type { SyncEngine } from '../engine/create-sync-engine';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { isoNow } from '../engine/sync-context';
import { syncFailure } from '../model/sync-failure';
import {
  ackResultOf,
  failureOfRejection,
  syncMessageOf,
  unspokenFailure,
  type ReplicaDowngrade,
} from './carried-message';
import {
  fetchesFromPuller,
  offerBatchWants,
  takeBatchWantAnswers,
  type FindAttachmentItem,
} from './batch-wants';
import { planCarried } from './plan-carried';
import { settleOutboxItem } from './settle-outbox-item';

/** A request as the platform hands it over (a Forge web trigger's shape). */
export interface RendezvousRequest {
  method: string;
  path: string;
  headers: Record<string, string[]>;
  body: string;
}

/** One connection, as the rendezvous serves it. */
export interface RendezvousConnection {
  /** The connection secret (base64url). */
  secret: string;
  /** What both sides speak, as agreed at pairing. */
  speaks: Speaks;
  /** This side's engine for the connection: its inbox takes pushes, its outbox is what pulls fetch. */
  engine: SyncEngine;
  /**
   * The outbox item whose `messageId` is this, or null (Forge: an index on the message id).
   * Acks name messages by id only.
   */
  findQueued(messageId: string): Promise<QueueItem | null>;
  /** Turns a replica into an older format the peer reads (`downgradeReplica`); without it, such a replica fails. */
  downgradeReplica?: ReplicaDowngrade;
  /**
   * This side's files, served to `attachment-want` when both sides speak `attachments-v1`;
   * without them (or without the capability) a want is refused with `kind-unsupported`.
   */
  attachments?: SendingAttachmentPorts;
  /**
   * This side's attachments-queue item for a remote attachment id, or null (Forge: an index on
   * it). With it, and when both sides speak `attachments-both-ways`, files travel from the
   * puller to this side too: batches carry this side's wants and the puller's
   * `attachment-chunks` answers are taken (docs/protocol.md, "Attachments", Direction).
   */
  findAttachmentItem?: FindAttachmentItem;
}

/**
 * A connection made by a `hello`: what the platform stores (and then serves under its id), in the
 * stored connection format 2 that `migrateConnection` reads.
 */
export interface PairedConnection {
  format: typeof CONNECTION_FORMAT;
  connectionId: string;
  connectionName: string;
  secret: string;
  peer: { platform: string; site: SiteInfo };
  /** What both sides speak, as agreed at pairing: never send what it does not list. */
  speaks: Speaks;
  /** What the peer said it speaks in its hello (`V1_PEER_SPEAKS` when it said nothing). */
  peerSpeaks: Speaks;
}

/** What the rendezvous needs: what taking a hello needs (`AcceptHelloOptions`), and its connections. */
export interface RendezvousDeps extends AcceptHelloOptions {
  /** The connection with this id, or null when there is none. */
  connection(connectionId: string): Promise<RendezvousConnection | null>;
  /** Stores a connection a `hello` made (called again, with the same values, for a retried hello). */
  saveConnection(connection: PairedConnection): Promise<void>;
  /** Largest batch body sent, UTF-8 bytes. Default `maxBodyBytes` (1 MiB): the puller takes no more. */
  maxBatchBytes?: number;
}

/** The kinds a rendezvous takes after pairing. */
const TAKEN = ['replica', 'unlink', 'push', 'pull', 'attachment-want', 'attachment-chunks'] as const;

/**
 * Answers one request: a coded, unsigned error for what fails before the signature is checked
 * (size, headers, clock, connection, signature: docs/protocol.md, "Verifying a message") and for
 * a replay, a signed `ack` rejecting the message, at the error's status, for what else fails
 * after it (a malformed envelope, an invalid replica), and the
 * signed answer otherwise (`hello-ack`, `ack`, `batch`). Nothing is removed from the outbox
 * before a pull acknowledges it. A port that throws is answered `unavailable` (503), without
 * the answer that would have acknowledged anything. Never throws.
 */
export async function handleRendezvousRequest(
  request: RendezvousRequest,
  deps: RendezvousDeps,
): Promise<HttpResponse> {
  try {
    return await handle(request, deps);
  } catch {
    // The cause stays here: the answer is unsigned and may go to anyone.
    return errorResponse({
      code: 'unavailable',
      message:
        'The rendezvous could not read or write its storage; nothing it did not finish was acknowledged. Retry later.',
    });
  }
}

async function handle(request: RendezvousRequest, deps: RendezvousDeps): Promise<HttpResponse> {
  if (request.method.toUpperCase() !== 'POST') {
    return errorResponse({
      code: 'method-unsupported',
      message: `The rendezvous takes POST only; got ${request.method.slice(0, 20)}.`,
    });
  }
  const raw = { headers: request.headers, body: request.body };
  const limits = {
    ...(deps.maxBodyBytes === undefined ? {} : { maxBodyBytes: deps.maxBodyBytes }),
    ...(deps.clockSkewMs === undefined ? {} : { clockSkewMs: deps.clockSkewMs }),
  };
  if (peekMessageKind(raw) === 'hello') return answerHello(raw, deps, limits);

  let connection: RendezvousConnection | null = null;
  const verified = await verifyMessage(raw, {
    secretFor: async (connectionId) => {
      connection = await deps.connection(connectionId);
      return connection?.secret ?? null;
    },
    clock: deps.clock,
    replayCache: deps.replayCache,
    kinds: TAKEN,
    ...limits,
  });
  const served = connection as RendezvousConnection | null;
  if (!verified.ok) {
    // A replay is answered unsigned: the copy's sender, if it is ours, already has its answer.
    if (!verified.authenticated || !served || verified.error.code === 'message-replayed')
      return errorResponse(verified.error);
    return signedRefusal(verified.error, verified.authenticated, served, deps);
  }
  if (!served) return errorResponse({ code: 'connection-unknown', message: 'The connection is gone.' });
  const { envelope } = verified;
  switch (envelope.kind) {
    case 'replica':
    case 'unlink': {
      const received = await served.engine.receive(syncMessageOf(envelope));
      return signed(ack([ackResultOf(envelope.messageId, received)], envelope.connectionId, deps), served);
    }
    case 'push': {
      const results: AckResult[] = [...verified.refused];
      for (const message of envelope.body.messages) {
        results.push(ackResultOf(message.messageId, await served.engine.receive(syncMessageOf(message))));
      }
      return signed(ack(results, envelope.connectionId, deps), served);
    }
    case 'pull':
      return answerPull(envelope, served, deps);
    case 'attachment-want':
      return answerWant(envelope, served, deps);
    case 'attachment-chunks':
      return takeWantAnswers(envelope, served, deps);
  }
}

async function answerHello(
  raw: { headers: Record<string, string[]>; body: string },
  deps: RendezvousDeps,
  limits: { maxBodyBytes?: number; clockSkewMs?: number },
): Promise<HttpResponse> {
  const accepted = await acceptHello(raw, {
    invitations: deps.invitations,
    replayCache: deps.replayCache,
    clock: deps.clock,
    messageIds: deps.messageIds,
    platform: deps.platform,
    site: deps.site,
    ...(deps.speaks === undefined ? {} : { speaks: deps.speaks }),
    ...limits,
  });
  if (!accepted.ok) return errorResponse(accepted.error);
  await deps.saveConnection({
    format: CONNECTION_FORMAT,
    connectionId: accepted.connection.connectionId,
    connectionName: accepted.connection.connectionName,
    secret: accepted.connectionSecret,
    peer: accepted.connection.peer,
    speaks: accepted.connection.speaks,
    peerSpeaks: copySpeaks(accepted.hello.body.speaks ?? V1_PEER_SPEAKS),
  });
  return { statusCode: 200, headers: headersOf(accepted.response.headers), body: accepted.response.body };
}

/**
 * A pull: first its acks settle the outbox (accepted ones leave it, rejected ones are retried or
 * go to the error list with the peer's reason; an ack for content that was replaced meanwhile,
 * or acknowledged before, changes nothing), then the due items of the connection are offered,
 * oldest first, within the pull's limit and the body budget, each counted as offered.
 */
async function answerPull(
  pull: EnvelopeOf<'pull'>,
  connection: RendezvousConnection,
  deps: RendezvousDeps,
): Promise<HttpResponse> {
  const ctx = connection.engine.context;
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0, remaining: 0 };
  for (const result of pull.body.acks) {
    const item = await connection.findQueued(result.messageId);
    if (!item || item.messageId !== result.messageId || item.connectionId !== pull.connectionId) continue;
    await settleOutboxItem(
      ctx,
      item,
      result.outcome === 'accepted' ? { ok: true } : { ok: false, error: failureOfRejection(result.error) },
      summary,
    );
  }

  const now = deps.clock.now();
  const maxBytes = deps.maxBatchBytes ?? deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const stamp = { connectionId: pull.connectionId, messageId: deps.messageIds(), sentAt: now };
  const empty = createEnvelope('batch', { inReplyTo: pull.messageId, messages: [], more: false }, stamp);
  // This connection's due items, up to the limit (one more tells whether more wait).
  const due = await ctx.deps.outbox.due(
    pull.connectionId,
    isoNow(ctx),
    Math.max(ctx.config.batchSize, pull.body.limit) + 1,
  );
  const plan = planCarried(due, {
    limit: pull.body.limit,
    maxBytes,
    emptyBytes: new TextEncoder().encode(canonicalJson(empty)).length,
    sentAt: now,
    replicaVersions: connection.speaks.replica,
    ...(connection.downgradeReplica ? { downgrade: connection.downgradeReplica } : {}),
  });
  for (const item of plan.unspoken) {
    await settleOutboxItem(
      ctx,
      item,
      { ok: false, error: unspokenFailure(connection.speaks.replica) },
      summary,
    );
  }
  for (const { item, bytes } of plan.oversize) {
    await settleOutboxItem(
      ctx,
      item,
      {
        ok: false,
        error: syncFailure(
          'schema',
          `The message is ${bytes} bytes, more than a batch of at most ${maxBytes} bytes can carry.`,
        ),
      },
      summary,
    );
  }
  // Each offer is recorded (compare-and-set against the item as read) before the batch leaves; an
  // item replaced or changed since is left out, its newer content offered by the next pull. So an
  // edit that replaces an offered item knows the puller may hold it (docs/sync-semantics.md, 6.1).
  const offeredAt = isoNow(ctx);
  const messages: BatchedMessage[] = [];
  for (const { item, envelope, leading } of plan.carried) {
    const offered = await ctx.deps.outbox.put({ ...item, offers: item.offers + 1, lastOfferedAt: offeredAt });
    if (offered.ok) messages.push(...leading, envelope);
  }
  const batch = createEnvelope('batch', { inReplyTo: pull.messageId, messages, more: plan.more }, stamp);
  // Files from the puller: this side's wants ride in the room the messages left.
  if (fetchesFromPuller(ctx, connection.speaks, connection.findAttachmentItem)) {
    const room = maxBytes - new TextEncoder().encode(canonicalJson(batch)).length;
    const wants = await offerBatchWants(ctx, room);
    if (wants.length > 0) return signed({ ...batch, body: { ...batch.body, wants } }, connection);
  }
  return signed(batch, connection);
}

/**
 * The puller's answer to the wants of a batch (capability `attachments-both-ways`): each file's
 * answer is taken into this side's attachments queue, and a signed `ack` accepts the message;
 * a signed `kind-unsupported` refusal when files do not travel this way on the connection.
 */
async function takeWantAnswers(
  chunks: EnvelopeOf<'attachment-chunks'>,
  connection: RendezvousConnection,
  deps: RendezvousDeps,
): Promise<HttpResponse> {
  const ctx = connection.engine.context;
  if (!fetchesFromPuller(ctx, connection.speaks, connection.findAttachmentItem)) {
    return signedRefusal(
      {
        code: 'kind-unsupported',
        message: `This side does not fetch files from the other (both sides must speak ${ATTACHMENTS_V1} and ${ATTACHMENTS_BOTH_WAYS}); its attachments sync as metadata only.`,
      },
      chunks,
      connection,
      deps,
    );
  }
  await takeBatchWantAnswers(ctx, connection.findAttachmentItem, chunks.body.files);
  return signed(
    ack([{ messageId: chunks.messageId, outcome: 'accepted' }], chunks.connectionId, deps),
    connection,
  );
}

/**
 * An `attachment-want`: the files by `ref`, at most 8 chunks in the answer, when both sides speak
 * `attachments-v1` and this side serves files; a signed `kind-unsupported` refusal otherwise.
 */
async function answerWant(
  want: EnvelopeOf<'attachment-want'>,
  connection: RendezvousConnection,
  deps: RendezvousDeps,
): Promise<HttpResponse> {
  if (!connection.attachments || !connection.speaks.capabilities.includes(ATTACHMENTS_V1)) {
    return signedRefusal(
      {
        code: 'kind-unsupported',
        message: `This connection does not transfer attachments (both sides must speak ${ATTACHMENTS_V1}); attachments sync as metadata only.`,
      },
      want,
      connection,
      deps,
    );
  }
  const now = deps.clock.now();
  const files = await answerAttachmentWants(want.connectionId, want.body.wants, connection.attachments, now);
  const answer = createEnvelope(
    'attachment-chunks',
    { inReplyTo: want.messageId, files },
    { connectionId: want.connectionId, messageId: deps.messageIds(), sentAt: now },
  );
  return signed(answer, connection);
}

function ack(results: AckResult[], connectionId: string, deps: RendezvousDeps): EnvelopeOf<'ack'> {
  return createEnvelope(
    'ack',
    { results },
    { connectionId, messageId: deps.messageIds(), sentAt: deps.clock.now() },
  );
}

/** A refusal of an authenticated message: a signed ack rejecting it, at the error's HTTP status. */
async function signedRefusal(
  error: ProtocolError<WireErrorCode>,
  sender: { connectionId: string; messageId: string },
  connection: RendezvousConnection,
  deps: RendezvousDeps,
): Promise<HttpResponse> {
  const refusal = ack(
    [
      {
        messageId: sender.messageId,
        outcome: 'rejected',
        error: { code: error.code, message: error.message.slice(0, 4000), retryable: false },
      },
    ],
    sender.connectionId,
    deps,
  );
  const response = await signed(refusal, connection);
  return { ...response, statusCode: errorResponse(error).statusCode };
}

async function signed(
  envelope: EnvelopeOf<'ack'> | EnvelopeOf<'batch'> | EnvelopeOf<'attachment-chunks'>,
  connection: RendezvousConnection,
): Promise<HttpResponse> {
  const message = await signMessage(envelope, connection.secret);
  return { statusCode: 200, headers: headersOf(message.headers), body: message.body };
}

function headersOf(headers: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
}
