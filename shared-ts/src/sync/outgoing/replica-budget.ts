/**
 * The size budget of an outgoing replica. A long-lived Case grows (comments, attachment
 * metadata) until its replica would exceed what the receiver and the rendezvous take, and then it
 * would fail forever. Instead the engine degrades visibly: it leaves out the oldest comments
 * first, then the oldest attachments' metadata, keeps every field, and records on the link what
 * it left out, so the record's status says "sent the last N of M comments".
 * docs/replica.md, "Size budget".
 */
import type { ReplicaAttachment, ReplicaComment } from '../../replica';
import type { ReplicaContent } from './build-outgoing-replica';
import type { Link } from '../model/link';
import { utf8Length } from '../queue/run-budget';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { ReplicaMessage } from '../model/sync-message';

/** Most UTF-8 bytes of a serialised replica (seq and hash included): 768 KiB. */
export const REPLICA_BUDGET_BYTES = 786_432;

/** What a replica left out to fit its budget: how many items it sent of how many the rules built. */
export interface ReplicaTrim {
  comments: { sent: number; total: number };
  attachments: { sent: number; total: number };
}

/** The replica as it fits, with what was left out (null when nothing was), or why it cannot fit. */
export type BudgetedReplica =
  { ok: true; content: ReplicaContent; trimmed: ReplicaTrim | null } | { ok: false; error: SyncFailure };

/** The widest seq and hash a replica can carry, so the measure is an upper bound of the sent replica. */
const WIDEST_STAMP = { seq: Number.MAX_SAFE_INTEGER, hash: `sha256:${'f'.repeat(64)}` };

/**
 * The replica within `budget` bytes: unchanged when it fits; otherwise without its oldest
 * comments (by `created`, then list order), then without its oldest attachments, as few as
 * needed, the rest in their order. Fields are never cut: when they alone exceed the budget the
 * answer is a permanent `rule-output` failure (the outgoing rules must send less). Deterministic,
 * so the same entity always gives the same replica and hash. O(n log n) in the items.
 */
export function fitReplicaBudget(
  content: ReplicaContent,
  budget: number = REPLICA_BUDGET_BYTES,
): BudgetedReplica {
  let size = measure(content);
  if (size <= budget) return { ok: true, content, trimmed: null };
  const comments = dropOldest(content.comments, size - budget);
  size -= comments.saved;
  const attachments = dropOldest(content.attachments, size - budget);
  let fitted: ReplicaContent = { ...content, comments: comments.kept, attachments: attachments.kept };
  // The estimate counts one separator per item left out; check exactly, and cut one more if short.
  let exact = measure(fitted);
  while (exact > budget && (fitted.comments.length > 0 || fitted.attachments.length > 0)) {
    fitted =
      fitted.comments.length > 0
        ? { ...fitted, comments: dropOldest(fitted.comments, 1).kept }
        : { ...fitted, attachments: dropOldest(fitted.attachments, 1).kept };
    exact = measure(fitted);
  }
  if (exact > budget) {
    return {
      ok: false,
      error: syncFailure(
        'rule-output',
        `The replica's fields alone take ${exact} bytes, over the replica budget of ${budget} bytes (768 KiB) even without comments and attachments: the outgoing rules must send less (a shorter description, fewer custom fields).`,
      ),
    };
  }
  return {
    ok: true,
    content: fitted,
    trimmed: {
      comments: { sent: fitted.comments.length, total: content.comments.length },
      attachments: { sent: fitted.attachments.length, total: content.attachments.length },
    },
  };
}

/** The link recording what its latest outgoing replica left out (no `trimmed` member when nothing). */
export function withTrim(link: Link, trimmed: ReplicaTrim | null): Link {
  const { trimmed: _old, ...rest } = link;
  return trimmed ? { ...rest, trimmed } : rest;
}

/** The message saying what its replica left out (no `trimmed` member when nothing). */
export function withMessageTrim(message: ReplicaMessage, trimmed: ReplicaTrim | null): ReplicaMessage {
  const { trimmed: _old, ...rest } = message;
  return trimmed ? { ...rest, trimmed } : rest;
}

/**
 * Whether the message's replica left items of `collection` out (`trimmed`): then an item missing
 * from it may only have been left out, and no copy of it is removed.
 */
export function leftOutOf(message: ReplicaMessage, collection: 'comments' | 'attachments'): boolean {
  const count = message.trimmed?.[collection];
  return count !== undefined && count.sent < count.total;
}

/** The sentence a status shows for a trimmed replica, or null. */
export function describeTrim(trimmed: ReplicaTrim | null | undefined): string | null {
  if (!trimmed) return null;
  const parts: string[] = [];
  const { comments, attachments } = trimmed;
  if (comments.sent < comments.total) parts.push(`the last ${comments.sent} of ${comments.total} comments`);
  if (attachments.sent < attachments.total)
    parts.push(`the last ${attachments.sent} of ${attachments.total} attachments`);
  if (parts.length === 0) return null;
  return `Sent ${parts.join(' and ')}: the record is larger than a replica may be (768 KiB).`;
}

function measure(content: ReplicaContent): number {
  return utf8Length(JSON.stringify({ ...content, ...WIDEST_STAMP }));
}

/** Leaves out the oldest items until at least `excess` bytes are saved (or none is left). */
function dropOldest<T extends ReplicaComment | ReplicaAttachment>(
  items: readonly T[],
  excess: number,
): { kept: T[]; saved: number } {
  if (excess <= 0 || items.length === 0) return { kept: [...items], saved: 0 };
  const byAge = items
    .map((item, index) => ({
      index,
      time: Date.parse(item.created),
      size: utf8Length(JSON.stringify(item)) + 1,
    }))
    .sort((a, b) =>
      a.time === b.time || (Number.isNaN(a.time) && Number.isNaN(b.time))
        ? a.index - b.index
        : order(a.time, b.time),
    );
  const dropped = new Set<number>();
  let saved = 0;
  for (const item of byAge) {
    if (saved >= excess) break;
    dropped.add(item.index);
    saved += item.size;
  }
  return { kept: items.filter((_, index) => !dropped.has(index)), saved };
}

/** Older first; an unreadable time counts as oldest. */
function order(a: number, b: number): number {
  if (Number.isNaN(a)) return -1;
  if (Number.isNaN(b)) return 1;
  return a - b;
}
