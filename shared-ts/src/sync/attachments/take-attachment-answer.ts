/**
 * The receiving side takes the sender's answer for one queued attachment: keeps the chunks until
 * the file is complete, puts it together and checks it, attaches it to the local entity
 * (idempotent by `attachmentKey`), or posts the visible fallback note; a refusal or a file that
 * does not check out books a failure on the file's own queue item. docs/protocol.md, "Attachments".
 */
import type { AttachmentAnswer } from '../../protocol';
import { putItem, retryOnConflict } from '../model/conditional-write';
import { describeRef } from '../model/entity-ref';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { recordQueueFailure } from '../queue/record-queue-failure';
import { appendLog, isoNow, type SyncContext } from '../engine/sync-context';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import { assembleAttachment, checkChunkPlace } from './assemble-attachment';
import { defaultSha256 } from './attachment-hash';
import { ATTACHMENT_CHUNK_MAX_BYTES } from './attachment-limits';
import { attachmentKey, formatBytes, type AttachmentErrorCode } from './attachment-transfer';

/** What became of one attachment's answer. */
export type TakenAttachment =
  /** The file is stored (or was already: `created: false`). */
  | { kind: 'stored'; created: boolean }
  /** The chunks are kept; the transfer goes on from chunk `from`. */
  | { kind: 'partial'; from: number }
  /** The file was over a cap: the note is posted on the local entity. */
  | { kind: 'noted'; note: string }
  /** A failure booked on the item (retried, or in the error list). */
  | { kind: 'failed'; error: SyncFailure };

const ATTACHMENT_CODES: ReadonlySet<string> = new Set<AttachmentErrorCode>([
  'attachment-invalid',
  'attachment-too-large',
  'attachment-connection-cap',
  'attachment-chunk-missing',
  'attachment-chunk-corrupt',
  'attachment-hash-mismatch',
  'attachment-size-mismatch',
]);

/**
 * Takes `answer` for the attachments-queue `item` and books the outcome on the item: removed
 * once the file is stored or the note posted; `from` moved on while chunks are missing (due
 * again at once); a failure recorded (with the attachment code) when the sender refused, a chunk
 * is out of place, or the file does not check out (its chunks are then forgotten, so a retry
 * starts over). Counts in `summary`. Throws only when a port throws (the caller's run catches it).
 */
export async function takeAttachmentAnswer(
  ctx: SyncContext,
  item: QueueItem,
  answer: AttachmentAnswer,
  summary: QueueRunSummary,
): Promise<TakenAttachment> {
  const ports = ctx.deps.attachments;
  const queued = item.attachment;
  if (!ports || !queued) {
    return fail(ctx, item, syncFailure('schema', 'The item is not an attachment transfer.'), summary);
  }
  const name = `${queued.remote.filename} of ${describeRef(item.entity)}`;
  const refs = { local: queued.local, remote: item.entity };
  if (answer.outcome === 'refused') {
    // A retryable refusal (the file was gone or throttled while it was read) is retried with backoff; a final
    // one keeps its attachment code in the error list.
    const code = answer.error.retryable
      ? 'unavailable'
      : ATTACHMENT_CODES.has(answer.error.code)
        ? (answer.error.code as AttachmentErrorCode)
        : 'rejected';
    // The sender's wait (its platform's Retry-After) holds the file's item at least that long.
    const wait = answer.error.retryable ? answer.error.retryAfterSeconds : undefined;
    return fail(
      ctx,
      item,
      syncFailure(
        code,
        `The other side refused ${name} (${answer.error.code}): ${answer.error.message}`,
        wait === undefined ? {} : { retryAfterSeconds: wait },
      ),
      summary,
    );
  }
  if (answer.outcome === 'link') {
    const sha256 = queued.remote.sha256 ?? '';
    const posted = await ports.store.addNote({
      key: `note:${attachmentKey(ctx.config.connectionId, queued.remote.id, sha256)}`,
      connectionId: ctx.config.connectionId,
      local: queued.local,
      remoteAttachmentId: queued.remote.id,
      sha256,
      text: answer.note,
    });
    if (!posted.ok) return fail(ctx, item, posted.error, summary);
    await ports.queue.remove(item.key, item.id);
    await appendLog(ctx, 'applied', refs, `Posted a note instead of ${name}: ${answer.note}`);
    summary.done++;
    return { kind: 'noted', note: answer.note };
  }
  const expected = { id: queued.remote.id, size: answer.size, sha256: answer.sha256 };
  const key = attachmentKey(ctx.config.connectionId, queued.remote.id, answer.sha256);
  for (const chunk of answer.chunks) {
    const refused = checkChunkPlace(expected, chunk);
    if (refused) {
      await ports.chunks.clear(key);
      return fail(ctx, item, syncFailure(refused.code, refused.message), summary);
    }
    await ports.chunks.put(key, chunk);
  }
  const kept = await ports.chunks.list(key);
  const have = new Set(kept.map((chunk) => chunk.index));
  const count = Math.max(1, Math.ceil(answer.size / ATTACHMENT_CHUNK_MAX_BYTES));
  let from = 0;
  while (from < count && have.has(from)) from++;
  if (from < count) {
    const moved = await retryOnConflict<boolean>(
      async () => {
        const current = await ports.queue.get(item.key);
        if (current?.id !== item.id || !current.attachment) return false;
        await putItem(ports.queue, {
          ...current,
          attachment: { ...current.attachment, from },
          nextAttemptAt: isoNow(ctx),
        });
        return true;
      },
      () => false,
    );
    if (moved) summary.remaining++;
    return { kind: 'partial', from };
  }
  const assembled = await assembleAttachment(expected, kept, ports.sha256 ?? defaultSha256());
  if (!assembled.ok) {
    await ports.chunks.clear(key);
    return fail(ctx, item, syncFailure(assembled.error.code, assembled.error.message), summary);
  }
  const attached = await ports.store.attach({
    key,
    connectionId: ctx.config.connectionId,
    local: queued.local,
    localAttachmentId: queued.localAttachmentId,
    remoteAttachmentId: queued.remote.id,
    filename: queued.remote.filename,
    mimeType: queued.remote.mimeType,
    sha256: answer.sha256,
    bytes: assembled.bytes,
  });
  if (!attached.ok) return fail(ctx, item, attached.error, summary);
  await ports.chunks.clear(key);
  await ports.queue.remove(item.key, item.id);
  await appendLog(
    ctx,
    'applied',
    refs,
    attached.created
      ? `Stored ${name} (${formatBytes(answer.size)}).`
      : `${name} was already stored; the copy delivered again was not stored twice.`,
  );
  summary.done++;
  return { kind: 'stored', created: attached.created };
}

async function fail(
  ctx: SyncContext,
  item: QueueItem,
  failure: SyncFailure,
  summary: QueueRunSummary,
): Promise<TakenAttachment> {
  await recordQueueFailure(ctx, 'attachments', item, failure, summary);
  return { kind: 'failed', error: failure };
}
