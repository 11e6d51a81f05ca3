import type { Link } from '../model/link';
import { pathKey } from '../model/path-key';
import type { LinkDraft } from './plan-incoming-apply';
import { valueAtPath } from '../model/value-at-path';
import type { ApplyOutcome, WritePlan } from '../model/write-plan';

/**
 * The link after the entity store carried out the plan: the local ref is the written (or
 * created) entity, the copies it created join the id maps, and the baseline of each written
 * field holds the value read back (platforms may normalise what they store). `version` is the
 * stored link's version as read before the apply (0 for a new pair): saving is a compare-and-set
 * against it.
 */
export function commitIncomingApply(
  next: LinkDraft,
  plan: WritePlan,
  outcome: ApplyOutcome,
  version: number,
): Link {
  const written = new Set(plan.fields.map((field) => pathKey(field.path)));
  return {
    ...next,
    version,
    local: outcome.entity.ref,
    incoming: {
      ...next.incoming,
      baseline: next.incoming.baseline.map((entry) =>
        written.has(pathKey(entry.path))
          ? { ...entry, value: valueAtPath(outcome.entity.view, entry.path) }
          : entry,
      ),
    },
    comments: [...next.comments, ...outcome.created.comments],
    attachments: [...next.attachments, ...outcome.created.attachments],
  };
}
