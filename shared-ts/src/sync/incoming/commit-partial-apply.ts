import type { EntityRef } from '../../replica';
import { createLink } from '../links/create-link';
import type { IdPair, Link } from '../model/link';

/** What a failed apply managed to create before failing. */
export interface PartialApply {
  /** The entity the failed apply created, if it got that far. */
  entity: EntityRef | null;
  created: { comments: IdPair[]; attachments: IdPair[] };
}

/**
 * The link after an apply that failed part way: it remembers what was created (the entity, the
 * copies) so that the retry neither creates the entity again nor adds a copy twice. Nothing else
 * moves: the seq, the baseline and `previous` stay, so the retry redoes the rest. Null when there
 * is nothing to remember.
 */
export function commitPartialApply(
  link: Link | null,
  connectionId: string,
  remote: EntityRef,
  partial: PartialApply,
): Link | null {
  const nothingCreated = partial.created.comments.length === 0 && partial.created.attachments.length === 0;
  if (link && nothingCreated) return null;
  const base = link ?? (partial.entity ? createLink(connectionId, partial.entity, remote) : null);
  if (!base) return null;
  return {
    ...base,
    comments: [...base.comments, ...partial.created.comments],
    attachments: [...base.attachments, ...partial.created.attachments],
  };
}
