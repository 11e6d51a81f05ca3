import type { QueueItem } from '../model/queue-item';

/**
 * How much one queue run may do, so that a Forge invocation (25 s for a resolver, 55 s for a web
 * trigger) or an Apex transaction (heap, CPU, callouts) ends between items, never in the middle
 * of one. What a run leaves stays due for the next run. docs/sync-semantics.md, "Run budgets".
 */
export interface RunBudget {
  /** Epoch milliseconds: no item is started at or after it (leave room for one item before the platform's limit). */
  deadline?: number;
  /** Most items to take (default: the connection's `batchSize`). */
  maxItems?: number;
  /**
   * Most bytes of messages (their JSON, UTF-8) to take. The first item is always taken, whatever
   * its size, so an item larger than the budget cannot block the queue forever (a replica is at
   * most `REPLICA_BUDGET_BYTES` anyway).
   */
  maxBytes?: number;
}

/** Whether a run has room to start another item after `taken` items of `bytes` bytes, at `now`. */
export function hasRoom(
  budget: RunBudget,
  limits: { taken: number; bytes: number; next: QueueItem; now: number },
): boolean {
  if (budget.deadline !== undefined && limits.now >= budget.deadline) return false;
  if (budget.maxItems !== undefined && limits.taken >= budget.maxItems) return false;
  if (budget.maxBytes !== undefined && limits.taken > 0) {
    if (limits.bytes + itemBytes(limits.next) > budget.maxBytes) return false;
  }
  return true;
}

/** The UTF-8 size of an item's message as JSON (0 for an item without one), and of the replicas it replaced. */
export function itemBytes(item: QueueItem): number {
  const replaced = item.replaced ? utf8Length(JSON.stringify(item.replaced)) : 0;
  return (item.message ? utf8Length(JSON.stringify(item.message)) : 0) + replaced;
}

/** UTF-8 length of a string, without encoding it: a lone surrogate counts as U+FFFD would (3). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
