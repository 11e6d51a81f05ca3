/**
 * Files from the acceptor to the initiator (capability `attachments-both-ways`): the rendezvous
 * offers its side's wants inside the `batch` answering a pull (`offerBatchWants`), and takes the
 * acceptor's `attachment-chunks` answer into its attachments queue (`takeBatchWantAnswers`).
 * docs/protocol.md, "Attachments", Direction.
 */
import {
  ATTACHMENTS_BOTH_WAYS,
  ATTACHMENTS_V1,
  MAX_ATTACHMENT_CHUNKS_PER_MESSAGE,
  MAX_ATTACHMENT_WANTS,
  type AttachmentAnswer,
  type AttachmentWantItem,
  type Speaks,
} from '../../protocol';
import { canonicalJson } from '../../util/canonical-json';
import { ATTACHMENT_CHUNK_MAX_BYTES } from '../attachments/attachment-limits';
import { takeAttachmentAnswer } from '../attachments/take-attachment-answer';
import { describeRef } from '../model/entity-ref';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { appendLog, isoNow, type SyncContext } from '../engine/sync-context';

/**
 * How long an offered want waits for its answer before it is offered again (a batch or an answer
 * lost on the way). An answer that leaves a transfer under way makes the item due at once.
 */
export const ATTACHMENT_WANT_ANSWER_WAIT_MS = 30_000;

/** Finds this side's attachments-queue item for a remote attachment id (Forge: an index on it). */
export type FindAttachmentItem = (remoteAttachmentId: string) => Promise<QueueItem | null>;

/**
 * Whether files travel from the puller to this side: both speak `attachments-v1` and
 * `attachments-both-ways`, this side fetches files (`attachmentTransfer` and attachment ports)
 * and can find its items by remote attachment id.
 */
export function fetchesFromPuller(
  ctx: SyncContext,
  speaks: Speaks,
  find: FindAttachmentItem | undefined,
): find is FindAttachmentItem {
  return (
    find !== undefined &&
    ctx.config.attachmentTransfer &&
    ctx.deps.attachments !== undefined &&
    speaks.capabilities.includes(ATTACHMENTS_V1) &&
    speaks.capabilities.includes(ATTACHMENTS_BOTH_WAYS)
  );
}

/** A file this side wants, as the batch planner sees it: the replica's `size` and the first chunk lacking. */
export interface WantCandidate {
  id: string;
  ref: string;
  size: number;
  from: number;
}

/**
 * Which of `candidates` (oldest first) one batch carries as wants, a pure decision: at most
 * `MAX_ATTACHMENT_WANTS`; while the chunks they still lack (`ceil(size / 90 KiB) - from`, at
 * least 1 each) fit one answer (`MAX_ATTACHMENT_CHUNKS_PER_MESSAGE`), the first always; and while
 * their canonical JSON fits `roomBytes`, counted exactly as the batch's `wants` member
 * (`,"wants":[...]`). The first candidate that does not fit ends the plan. Linear in the candidates.
 */
export function planBatchWants(
  candidates: readonly WantCandidate[],
  roomBytes: number,
): AttachmentWantItem[] {
  const encoder = new TextEncoder();
  const wants: AttachmentWantItem[] = [];
  let bytes = encoder.encode(',"wants":[]').length;
  let chunks = 0;
  for (const candidate of candidates) {
    if (wants.length >= MAX_ATTACHMENT_WANTS) break;
    const size = Number.isSafeInteger(candidate.size) ? Math.max(0, candidate.size) : 0;
    const from = Number.isSafeInteger(candidate.from) ? Math.max(0, candidate.from) : 0;
    const lacking = Math.max(1, Math.max(1, Math.ceil(size / ATTACHMENT_CHUNK_MAX_BYTES)) - from);
    if (wants.length > 0 && chunks + lacking > MAX_ATTACHMENT_CHUNKS_PER_MESSAGE) break;
    const want: AttachmentWantItem = { id: candidate.id, ref: candidate.ref, from };
    const added = encoder.encode(canonicalJson(want)).length + (wants.length > 0 ? 1 : 0);
    if (bytes + added > roomBytes) break;
    wants.push(want);
    bytes += added;
    chunks += lacking;
  }
  return wants;
}

/**
 * The wants a batch carries: the due items of this side's attachments queue, oldest first, as
 * `planBatchWants` picks them within `roomBytes`. Each offered item counts an offer and is due
 * again after `ATTACHMENT_WANT_ANSWER_WAIT_MS`, compare-and-set (an item changed meanwhile is left
 * out). An item whose entity is no longer linked is removed first: nobody is left to receive its
 * file. Throws only when a port throws.
 */
export async function offerBatchWants(ctx: SyncContext, roomBytes: number): Promise<AttachmentWantItem[]> {
  const ports = ctx.deps.attachments;
  if (!ports) return [];
  const connectionId = ctx.config.connectionId;
  const due = await ports.queue.due(connectionId, isoNow(ctx), MAX_ATTACHMENT_WANTS);
  const items = new Map<string, QueueItem>();
  const candidates: WantCandidate[] = [];
  for (const item of due) {
    const queued = item.attachment;
    if (!queued || item.state !== 'pending' || item.connectionId !== connectionId) continue;
    if (items.has(queued.remote.id)) continue;
    if (!(await ctx.deps.links.findByRemote(connectionId, item.entity))) {
      await ports.queue.remove(item.key, item.id);
      await appendLog(
        ctx,
        'dropped',
        { local: queued.local, remote: item.entity },
        `${queued.remote.filename} of ${describeRef(item.entity)} is no longer wanted: the record is not linked any more.`,
      );
      continue;
    }
    items.set(queued.remote.id, item);
    candidates.push({
      id: queued.remote.id,
      ref: queued.remote.ref,
      size: queued.remote.size,
      from: queued.from,
    });
  }
  const offeredAt = isoNow(ctx);
  const dueAgain = new Date(ctx.deps.clock.now() + ATTACHMENT_WANT_ANSWER_WAIT_MS).toISOString();
  const wants: AttachmentWantItem[] = [];
  for (const want of planBatchWants(candidates, roomBytes)) {
    const item = items.get(want.id);
    if (!item) continue;
    const offered = await ports.queue.put({
      ...item,
      offers: item.offers + 1,
      lastOfferedAt: offeredAt,
      nextAttemptAt: dueAgain,
    });
    if (offered.ok) wants.push(want);
  }
  return wants;
}

/**
 * Takes the puller's answers to the wants of a batch: each into this side's item for that
 * remote attachment id, when its `ref` matches and it is pending (`takeAttachmentAnswer`: chunks
 * kept, file checked and attached idempotently, note posted, or the code booked on that file's
 * item alone). An answer matching no item (stored already, a repeated or late answer) changes
 * nothing. Counts in the returned summary. Throws only when a port throws.
 */
export async function takeBatchWantAnswers(
  ctx: SyncContext,
  find: FindAttachmentItem,
  files: readonly AttachmentAnswer[],
): Promise<QueueRunSummary> {
  const summary: QueueRunSummary = { done: 0, retrying: 0, failed: 0, remaining: 0 };
  const taken = new Set<string>();
  for (const file of files) {
    // One answer per file and message: a second one for the same file is a sender's mistake.
    if (taken.has(file.id)) continue;
    taken.add(file.id);
    const item = await find(file.id);
    if (
      !item?.attachment ||
      item.state !== 'pending' ||
      item.connectionId !== ctx.config.connectionId ||
      item.attachment.remote.id !== file.id ||
      item.attachment.remote.ref !== file.ref
    )
      continue;
    await takeAttachmentAnswer(ctx, item, file, summary);
  }
  return summary;
}
