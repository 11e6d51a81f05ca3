/**
 * The sending side answers an `attachment-want`: each wanted file by its `ref`, planned under the
 * connection's caps (chunks, or the visible `link` fallback), cut from the chunk asked for, at
 * most `MAX_ATTACHMENT_CHUNKS_PER_MESSAGE` chunks in the whole answer (a file that does not fit
 * is left out and asked for again). docs/protocol.md, "Attachments".
 */
import {
  MAX_ATTACHMENT_CHUNKS_PER_MESSAGE,
  type AttachmentAnswer,
  type AttachmentWantItem,
} from '../../protocol';
import { defaultSha256 } from './attachment-hash';
import type { SendingAttachmentPorts } from './attachment-ports';
import { cutAttachment, planAttachmentTransfer } from './attachment-transfer';
import { readPort } from '../model/port-read';
import { classifyFailure } from '../queue/classify-failure';
import type { SyncFailure } from '../model/sync-failure';

/**
 * The answers to `wants`, in order. A `ref` the source does not know is `refused`
 * (`attachment-unknown`, not retryable); a file over the per-file cap or the day's allowance is
 * a `link` with its note; otherwise the chunks from `from` on. The day's allowance is charged the
 * file's size when its first chunks go out (`from` 0), compare-and-set, so a transfer under way
 * is never cut off by the cap. A file the source could not describe or read (a failure value, or a
 * rejection) is `refused` with the failure's code, retryable, and its Retry-After
 * (`retryAfterSeconds`), so the receiver wants it again no sooner. Linear in the bytes read.
 * Throws only when the allowance port throws.
 */
export async function answerAttachmentWants(
  connectionId: string,
  wants: readonly AttachmentWantItem[],
  ports: SendingAttachmentPorts,
  now: number,
): Promise<AttachmentAnswer[]> {
  const answers: AttachmentAnswer[] = [];
  const sha256 = ports.sha256 ?? defaultSha256();
  const day = new Date(now).toISOString().slice(0, 10);
  let room = MAX_ATTACHMENT_CHUNKS_PER_MESSAGE;
  for (const want of wants) {
    if (room === 0) break;
    const described = await readPort(() => ports.source.describe(want.ref));
    if (!described.ok) {
      answers.push(unreadable(want, described.error));
      continue;
    }
    const meta = described.value;
    if (!meta) {
      answers.push(
        refused(want, 'attachment-unknown', `No file is known by the reference ${want.ref}.`, false),
      );
      continue;
    }
    const use = await ports.allowance.get(connectionId, day);
    const plan = planAttachmentTransfer(meta, {
      ...ports.caps,
      // A transfer under way was charged when it began: only its first answer meets the day's cap.
      connectionBytesToday: want.from === 0 ? use.bytes : 0,
    });
    if (plan.kind === 'failed') {
      answers.push(refused(want, plan.error.code, plan.error.message, false));
      continue;
    }
    if (plan.kind === 'link') {
      answers.push({
        id: want.id,
        ref: want.ref,
        outcome: 'link',
        url: plan.url,
        note: plan.note.slice(0, 4000),
      });
      continue;
    }
    if (want.from >= plan.count) {
      answers.push(
        refused(
          want,
          'attachment-chunk-corrupt',
          `Chunk ${want.from} is outside 0..${plan.count - 1}.`,
          false,
        ),
      );
      continue;
    }
    let unread: SyncFailure | null = null;
    const cut = await cutAttachment(
      meta,
      plan,
      async (offset, length) => {
        const read = await readPort(() => ports.source.read(want.ref, offset, length));
        if (read.ok) return read.value;
        unread = read.error;
        return null;
      },
      {
        from: want.from,
        maxChunks: room,
        sha256,
      },
    );
    if (unread !== null) {
      answers.push(unreadable(want, unread));
      continue;
    }
    if (!cut.ok) {
      answers.push(
        refused(want, cut.error.code, cut.error.message, cut.error.code === 'attachment-chunk-missing'),
      );
      continue;
    }
    if (want.from === 0) {
      const charged = await ports.allowance.put(connectionId, day, use.bytes + meta.size, use.version);
      // Another answer charged the day first: this one is asked for again and decided anew.
      if (!charged.ok) continue;
    }
    room -= cut.chunks.length;
    answers.push({
      id: want.id,
      ref: want.ref,
      outcome: 'chunks',
      size: meta.size,
      sha256: cut.sha256,
      chunks: cut.chunks,
    });
  }
  return answers;
}

function refused(
  want: AttachmentWantItem,
  code: string,
  message: string,
  retryable: boolean,
): AttachmentAnswer {
  return {
    id: want.id,
    ref: want.ref,
    outcome: 'refused',
    error: { code, message: message.slice(0, 4000), retryable },
  };
}

/** The answer for a file the source could not describe or read: retryable when transient, after the source's wait. */
function unreadable(want: AttachmentWantItem, failure: SyncFailure): AttachmentAnswer {
  const retryable = classifyFailure(failure) === 'transient';
  const answer = refused(want, failure.code, `The file could not be read: ${failure.message}`, retryable);
  if (answer.outcome !== 'refused' || failure.retryAfterSeconds === undefined) return answer;
  const wait = Math.min(86_400, Math.max(0, Math.ceil(failure.retryAfterSeconds)));
  return { ...answer, error: { ...answer.error, retryAfterSeconds: wait } };
}
