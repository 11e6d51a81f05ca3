/**
 * The end of section 4.3 of docs/sync-semantics.md: the link after the decision. The incoming seq
 * and acknowledgement advance, acknowledged snapshots are forgotten, what the remote acknowledges
 * counts as delivered, and the remote entity, the id maps and `lastSyncAt` are updated.
 */
import type { EntityRef } from '../../replica';
import { LINK_FORMAT, type BaselineEntry, type Link } from '../model/link';
import { byPath } from '../model/path-key';
import type { LinkDraft } from './plan-incoming-apply';
import type { CollectionPlans } from './plan-collections';
import type { Acknowledgement } from './read-acknowledgement';

/** What the next link is made of, besides the link before. */
export interface NextLinkInput {
  connectionId: string;
  link: Link | null;
  /** The local entity's ref, null when the apply creates it. */
  localRef: EntityRef | null;
  /** The replica's entity and seq. */
  remote: EntityRef;
  seq: number;
  ack: Acknowledgement;
  baseline: Iterable<BaselineEntry>;
  collections: CollectionPlans;
  now: string;
}

/** The link after a successful apply, before the entity store has said which ids it created. */
export function nextLink(input: NextLinkInput): LinkDraft {
  const { link, ack } = input;
  return {
    format: LINK_FORMAT,
    connectionId: input.connectionId,
    local: input.localRef ?? link?.local ?? null,
    remote: input.remote,
    state: 'active',
    incoming: { seq: input.seq, acked: ack.acked, baseline: byPath([...input.baseline]) },
    outgoing: {
      seq: ack.outgoingSeq,
      lastSentHash: link?.outgoing.lastSentHash ?? null,
      unacked: (link?.outgoing.unacked ?? []).filter((s) => s.seq > ack.acked),
      // What the remote acknowledges has reached it.
      delivered: Math.max(link?.outgoing.delivered ?? 0, ack.acked),
      fields: link?.outgoing.fields ?? {},
    },
    comments: input.collections.comments.pairs,
    attachments: input.collections.attachments.pairs,
    lastSyncAt: input.now,
  };
}
