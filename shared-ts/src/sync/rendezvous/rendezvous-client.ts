/**
 * The calling side of the rendezvous, as Salesforce runs it (it only calls out): `pushOutbox`
 * sends the due outbox in one signed request and books each item's result; `pullOnce` fetches
 * what waits at the rendezvous, hands it to the engine and keeps the acks it owes for the next
 * pull. Each makes exactly one call and does all its writes after it (Apex takes no callout
 * after uncommitted DML). docs/protocol.md, "The rendezvous".
 */
import {
  ATTACHMENTS_BOTH_WAYS,
  ATTACHMENTS_V1,
  BATCH_PUSH,
  MAX_ATTACHMENT_WANTS,
  createEnvelope,
  DEFAULT_MAX_BODY_BYTES,
  MAX_PUSH_MESSAGES,
  readErrorResponse,
  signMessage,
  verifyMessage,
  type AckResult,
  type AttachmentWantItem,
  type EnvelopeOf,
  type EpochClock,
  type MessageIdGenerator,
  type MessageKind,
  type ReplayCache,
  type SignedMessage,
  type Speaks,
} from '../../protocol';
import { canonicalJson } from '../../util/canonical-json';
import { answerAttachmentWants } from '../attachments/answer-attachment-wants';
import type { SendingAttachmentPorts } from '../attachments/attachment-ports';
import { takeAttachmentAnswer } from '../attachments/take-attachment-answer';
import type { SyncEngine } from '../engine/create-sync-engine';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { isoNow, unexpectedFailure } from '../engine/sync-context';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { AckStore } from './ack-store';
import {
  ackResultOf,
  envelopeOf,
  failureOfRejection,
  syncMessageOf,
  unspokenFailure,
  type ReplicaDowngrade,
} from './carried-message';
import { planCarried, type SendableItem } from './plan-carried';
import { settleOutboxItem } from './settle-outbox-item';

/** An HTTP answer as the platform's callout returns it. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** What the client needs: the connection as stored at pairing, the engine, and the call itself. */
export interface RendezvousClientDeps {
  connectionId: string;
  secret: string;
  /** What both sides speak (`push` only with `batch-push`). */
  speaks: Speaks;
  engine: SyncEngine;
  clock: EpochClock;
  messageIds: MessageIdGenerator;
  /** Remembers the answers' message ids, so a replayed answer is refused. */
  answerReplayCache: ReplayCache;
  /** POSTs the signed request to the rendezvous URL; a failure value when no answer came back. */
  post(request: SignedMessage): Promise<{ ok: true; answer: HttpAnswer } | { ok: false; error: SyncFailure }>;
  /** Largest body sent or taken, UTF-8 bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Turns a replica into an older format the peer reads (`downgradeReplica`); without it, such a replica fails. */
  downgradeReplica?: ReplicaDowngrade;
  /**
   * This side's files, served to the wants a batch carries (`answerBatchWants`, capability
   * `attachments-both-ways`); without them those wants are not answered.
   */
  attachments?: SendingAttachmentPorts;
}

/** One request carrying outbox items, and which item each acked message id stands for. */
export interface PushRequest {
  request: SignedMessage;
  /** The items carried, by the message id an ack result names. */
  carried: Map<string, SendableItem>;
  /** Items too large to send even alone: book them as failures. */
  oversize: { item: SendableItem; bytes: number }[];
  /** Replicas in a format the peer does not read that cannot be downgraded: book them as failures. */
  unspoken: SendableItem[];
  /** Whether due items were left for another request. */
  more: boolean;
}

/**
 * Builds the request that carries due outbox items: one `push` of as many as fit in 100 messages
 * and the body budget, each under its item's message id, when both sides speak `batch-push`;
 * otherwise a single `replica` or `unlink` of the first item under a new message id (a v1
 * rendezvous). Null when no item has a message to send.
 */
export async function buildPushRequest(
  dueItems: readonly QueueItem[],
  deps: Pick<
    RendezvousClientDeps,
    'connectionId' | 'secret' | 'speaks' | 'clock' | 'messageIds' | 'maxBodyBytes' | 'downgradeReplica'
  >,
): Promise<PushRequest | null> {
  const now = deps.clock.now();
  const stamp = { connectionId: deps.connectionId, messageId: deps.messageIds(), sentAt: now };
  const batched = deps.speaks.capabilities.includes(BATCH_PUSH);
  const emptyPush = createEnvelope('push', { messages: [] }, stamp);
  const plan = planCarried(dueItems, {
    limit: batched ? MAX_PUSH_MESSAGES : 1,
    maxBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    emptyBytes: new TextEncoder().encode(canonicalJson(emptyPush)).length,
    sentAt: now,
    replicaVersions: deps.speaks.replica,
    ...(deps.downgradeReplica ? { downgrade: deps.downgradeReplica } : {}),
  });
  const setAside = { oversize: plan.oversize, unspoken: plan.unspoken, more: plan.more };
  const first = plan.carried[0];
  if (!first) {
    return plan.oversize.length === 0 && plan.unspoken.length === 0
      ? null
      : { request: await signMessage(emptyPush, deps.secret), carried: new Map(), ...setAside };
  }
  if (batched) {
    const push = createEnvelope(
      'push',
      { messages: plan.carried.flatMap(({ envelope, leading }) => [...leading, envelope]) },
      stamp,
    );
    return {
      request: await signMessage(push, deps.secret),
      carried: new Map(plan.carried.map(({ item }) => [item.messageId, item])),
      ...setAside,
    };
  }
  // A single message is a request of its own: it travels under the request's new id.
  const single = envelopeOf(syncMessageOf(first.envelope), stamp);
  return {
    request: await signMessage(single, deps.secret),
    carried: new Map([[single.messageId, first.item]]),
    ...setAside,
  };
}

/**
 * Sends the connection's due outbox items in one request (`buildPushRequest`) and books each
 * item's result from the signed `ack`: accepted ones leave the outbox, rejected ones are retried
 * or go to the error list with the peer's reason; with no trustworthy answer (lost, unsigned
 * error, bad signature), every carried item is retried. Call again while `more`.
 */
export async function pushOutbox(deps: RendezvousClientDeps): Promise<QueueRunSummary & { more: boolean }> {
  const ctx = deps.engine.context;
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0, remaining: 0 };
  const due = await ctx.deps.outbox.due(deps.connectionId, isoNow(ctx), ctx.config.batchSize);
  const push = await buildPushRequest(due, deps);
  if (!push) return { ...summary, more: false };
  const maxBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  for (const item of push.unspoken) {
    await settleOutboxItem(ctx, item, { ok: false, error: unspokenFailure(deps.speaks.replica) }, summary);
  }
  for (const { item, bytes } of push.oversize) {
    const failure = syncFailure(
      'schema',
      `The message is ${bytes} bytes; a request carries at most ${maxBytes}.`,
    );
    await settleOutboxItem(ctx, item, { ok: false, error: failure }, summary);
  }
  if (push.carried.size === 0) return { ...summary, remaining: push.more ? 1 : 0, more: push.more };

  const answer = await call(deps, push.request, 'ack');
  const results = new Map<string, AckResult>(
    answer.ok ? answer.envelope.body.results.map((result) => [result.messageId, result]) : [],
  );
  for (const [messageId, item] of push.carried) {
    const result = results.get(messageId);
    const outcome: { ok: true } | { ok: false; error: SyncFailure } = !answer.ok
      ? answer
      : !result
        ? {
            ok: false,
            error: syncFailure('network', `The answer does not acknowledge message ${messageId}.`),
          }
        : result.outcome === 'accepted'
          ? { ok: true }
          : { ok: false, error: failureOfRejection(result.error) };
    try {
      await settleOutboxItem(ctx, item, outcome, summary);
    } catch {
      // The outbox or the log is down: the item stays as it was and is due again next run.
      summary.retrying++;
    }
  }
  return { ...summary, remaining: push.more ? 1 : 0, more: push.more };
}

/** What one pull did. */
export type PullResult =
  | {
      ok: true;
      /** Messages taken into the inbox, and those refused (acknowledged as rejected). */
      received: number;
      rejected: number;
      /** Acks delivered by this pull. */
      acked: number;
      /** More messages wait at the rendezvous: pull again (in a new transaction, on Salesforce). */
      more: boolean;
      /**
       * Files the rendezvous's side wants from this side (capability `attachments-both-ways`),
       * and the batch they came in: answer them with `answerBatchWants` (on Salesforce, in the
       * next transaction). Absent when the batch wanted none.
       */
      wants?: BatchWants;
    }
  | { ok: false; error: SyncFailure };

/** The wants a batch carried, to answer in a request of their own. */
export interface BatchWants {
  /** The batch's message id: the answer's `inReplyTo`. */
  inReplyTo: string;
  items: AttachmentWantItem[];
}

/**
 * One pull: sends a signed `pull` with the acks still owed (as many as fit the body budget),
 * checks that the answer is a `batch` signed for this connection that answers this very pull,
 * then forgets the acks it carried (the rendezvous settled them before answering), hands each
 * message to the engine's inbox and keeps an ack for each (accepted, or rejected with the
 * engine's reason; a message refused by the protocol checks is rejected alone). Without a
 * trustworthy answer nothing changes: the acks are sent again with the next pull, and the
 * rendezvous offers the messages again. Never throws.
 */
export async function pullOnce(
  deps: RendezvousClientDeps & { acks: AckStore; limit: number },
): Promise<PullResult> {
  try {
    const maxBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const owed = await deps.acks.pending(deps.connectionId, MAX_ACKS_READ);
    const stamp = { connectionId: deps.connectionId, messageId: deps.messageIds(), sentAt: deps.clock.now() };
    const encoder = new TextEncoder();
    let bytes = encoder.encode(
      canonicalJson(createEnvelope('pull', { limit: deps.limit, acks: [] }, stamp)),
    ).length;
    const sent: AckResult[] = [];
    for (const result of owed) {
      const added = encoder.encode(canonicalJson(result)).length + (sent.length > 0 ? 1 : 0);
      if (bytes + added > maxBytes) break;
      sent.push(result);
      bytes += added;
    }
    const pull = createEnvelope('pull', { limit: deps.limit, acks: sent }, stamp);
    const answer = await call(deps, await signMessage(pull, deps.secret), 'batch');
    if (!answer.ok) return answer;
    const batch = answer.envelope;
    if (batch.body.inReplyTo !== pull.messageId) {
      return {
        ok: false,
        error: syncFailure(
          'network',
          `reply-mismatch: the batch answers message ${batch.body.inReplyTo}, not our pull ${pull.messageId}.`,
        ),
      };
    }
    // Forget first: a new ack for a message offered again must not be forgotten with the old one.
    await deps.acks.remove(
      deps.connectionId,
      sent.map((result) => result.messageId),
    );
    const results: AckResult[] = [...answer.refused];
    for (const message of batch.body.messages) {
      results.push(ackResultOf(message.messageId, await deps.engine.receive(syncMessageOf(message))));
    }
    await deps.acks.add(deps.connectionId, results);
    const rejected = results.filter((result) => result.outcome === 'rejected').length;
    const wants = batch.body.wants ?? [];
    return {
      ok: true,
      received: results.length - rejected,
      rejected,
      acked: sent.length,
      more: batch.body.more,
      ...(wants.length > 0 ? { wants: { inReplyTo: batch.messageId, items: wants } } : {}),
    };
  } catch (error) {
    return { ok: false, error: unexpectedFailure(error) };
  }
}

/** What one attachment fetch did. */
export type FetchAttachmentsResult =
  | {
      ok: true;
      /** Files stored (or found stored already), notes posted, files still under way, and failures booked. */
      stored: number;
      noted: number;
      partial: number;
      failed: number;
      /** Due items wait that this want did not carry, or files are under way: fetch again. */
      more: boolean;
    }
  | { ok: false; error: SyncFailure };

/**
 * One attachment fetch, when both sides speak `attachments-v1`: sends a signed `attachment-want`
 * for the connection's due attachment items (at most 20, each from its first missing chunk),
 * checks that the answer is an `attachment-chunks` signed for this connection that answers this
 * want, and hands each file's answer to `takeAttachmentAnswer` (chunks kept, file stored and
 * checked, note posted, or a failure booked on that file's item alone). A wanted file left out
 * of the answer stays due. Without a trustworthy answer nothing changes (the items are due
 * again next time). Never throws.
 */
export async function fetchAttachmentsOnce(deps: RendezvousClientDeps): Promise<FetchAttachmentsResult> {
  const ctx = deps.engine.context;
  const ports = ctx.deps.attachments;
  const none = { ok: true as const, stored: 0, noted: 0, partial: 0, failed: 0, more: false };
  if (!ports || !ctx.config.attachmentTransfer || !deps.speaks.capabilities.includes(ATTACHMENTS_V1))
    return none;
  try {
    const due = await ports.queue.due(deps.connectionId, isoNow(ctx), MAX_ATTACHMENT_WANTS + 1);
    const wanted = due.filter((item) => item.attachment).slice(0, MAX_ATTACHMENT_WANTS);
    if (wanted.length === 0) return none;
    const stamp = { connectionId: deps.connectionId, messageId: deps.messageIds(), sentAt: deps.clock.now() };
    const want = createEnvelope(
      'attachment-want',
      {
        wants: wanted.map((item) => ({
          id: item.attachment?.remote.id ?? '',
          ref: item.attachment?.remote.ref ?? '',
          from: item.attachment?.from ?? 0,
        })),
      },
      stamp,
    );
    const answer = await call(deps, await signMessage(want, deps.secret), 'attachment-chunks');
    if (!answer.ok) return answer;
    if (answer.envelope.body.inReplyTo !== want.messageId) {
      return {
        ok: false,
        error: syncFailure(
          'network',
          `reply-mismatch: the answer is for message ${answer.envelope.body.inReplyTo}, not our want ${want.messageId}.`,
        ),
      };
    }
    const result = { ...none };
    const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0, remaining: 0 };
    for (const file of answer.envelope.body.files) {
      const item = wanted.find((candidate) => candidate.attachment?.remote.id === file.id);
      if (!item || item.attachment?.remote.ref !== file.ref) continue;
      const taken = await takeAttachmentAnswer(ctx, item, file, summary);
      if (taken.kind === 'stored') result.stored++;
      else if (taken.kind === 'noted') result.noted++;
      else if (taken.kind === 'partial') result.partial++;
      else result.failed++;
    }
    const answered = new Set(answer.envelope.body.files.map((file) => file.id));
    result.more =
      result.partial > 0 ||
      due.length > wanted.length ||
      wanted.some((item) => !answered.has(item.attachment?.remote.id ?? ''));
    return result;
  } catch (error) {
    return { ok: false, error: unexpectedFailure(error) };
  }
}

/** What answering a batch's wants did. */
export type AnswerWantsResult =
  | {
      ok: true;
      /** File answers sent (chunks, links and refusals); 0 when nothing was sent. */
      files: number;
      /** Chunks sent in all. */
      chunks: number;
    }
  | { ok: false; error: SyncFailure };

/**
 * Answers the wants a batch carried (capability `attachments-both-ways`; docs/protocol.md,
 * "Attachments", Direction), in a request of its own: a signed `attachment-chunks` whose
 * `inReplyTo` is the batch, built by `answerAttachmentWants` from this side's files (ranged
 * reads, at most 8 chunks, the per-file cap and the day's allowance with the `link` fallback,
 * `attachment-unknown` for a `ref` it does not know), then checks the signed `ack` accepting it.
 * Sends nothing when the connection does not speak it or this side serves no files. A lost or
 * refused answer changes nothing here: the rendezvous offers its wants again. Never throws.
 */
export async function answerBatchWants(
  deps: RendezvousClientDeps,
  wants: BatchWants,
): Promise<AnswerWantsResult> {
  const none = { ok: true as const, files: 0, chunks: 0 };
  const ports = deps.attachments;
  if (
    !ports ||
    wants.items.length === 0 ||
    !deps.speaks.capabilities.includes(ATTACHMENTS_V1) ||
    !deps.speaks.capabilities.includes(ATTACHMENTS_BOTH_WAYS)
  )
    return none;
  try {
    const now = deps.clock.now();
    const items = wants.items.slice(0, MAX_ATTACHMENT_WANTS);
    const files = await answerAttachmentWants(deps.connectionId, items, ports, now);
    if (files.length === 0) return none;
    const message = createEnvelope(
      'attachment-chunks',
      { inReplyTo: wants.inReplyTo, files },
      { connectionId: deps.connectionId, messageId: deps.messageIds(), sentAt: now },
    );
    const answer = await call(deps, await signMessage(message, deps.secret), 'ack');
    if (!answer.ok) return answer;
    const result = answer.envelope.body.results.find(
      (candidate) => candidate.messageId === message.messageId,
    );
    if (result?.outcome !== 'accepted') {
      return {
        ok: false,
        error:
          result?.outcome === 'rejected'
            ? failureOfRejection(result.error)
            : syncFailure('network', `The answer does not acknowledge message ${message.messageId}.`),
      };
    }
    let chunks = 0;
    for (const file of files) if (file.outcome === 'chunks') chunks += file.chunks.length;
    return { ok: true, files: files.length, chunks };
  } catch (error) {
    return { ok: false, error: unexpectedFailure(error) };
  }
}

/** Most owed acks read for one pull (the body budget may take fewer). */
const MAX_ACKS_READ = 1000;

type Answer<K extends MessageKind> =
  { ok: true; envelope: EnvelopeOf<K>; refused: AckResult[] } | { ok: false; error: SyncFailure };

/**
 * Posts a request and reads the answer: a verified envelope of `kind`; or a failure: no answer,
 * an unsigned error (a hint, with its status), or an answer that does not verify. A signed
 * refusal (an `ack` at an error status) gives its reason.
 */
async function call<K extends 'ack' | 'batch' | 'attachment-chunks'>(
  deps: RendezvousClientDeps,
  request: SignedMessage,
  kind: K,
): Promise<Answer<K>> {
  const posted = await deps.post(request);
  if (!posted.ok) return posted;
  const { answer } = posted;
  const kinds: readonly ('ack' | 'batch' | 'attachment-chunks')[] =
    answer.statusCode === 200 ? [kind] : ['ack'];
  const verified = await verifyMessage<'ack' | 'batch' | 'attachment-chunks'>(
    { headers: answer.headers, body: answer.body },
    {
      secretFor: async (connectionId) => (connectionId === deps.connectionId ? deps.secret : null),
      clock: deps.clock,
      replayCache: deps.answerReplayCache,
      kinds,
      ...(deps.maxBodyBytes === undefined ? {} : { maxBodyBytes: deps.maxBodyBytes }),
    },
  );
  if (answer.statusCode !== 200) {
    const refusal =
      verified.ok && verified.envelope.kind === 'ack' ? verified.envelope.body.results[0] : undefined;
    const error = refusal?.outcome === 'rejected' ? refusal.error : readErrorResponse(answer.body);
    return {
      ok: false,
      error: syncFailure(
        'http',
        `Refused: ${error ? `${error.code}: ${error.message}` : answer.body.slice(0, 200)}`,
        { status: answer.statusCode },
      ),
    };
  }
  if (!verified.ok) {
    return {
      ok: false,
      error: syncFailure('network', `The answer did not verify: ${verified.error.message}`),
    };
  }
  return { ok: true, envelope: verified.envelope as EnvelopeOf<K>, refused: verified.refused };
}
