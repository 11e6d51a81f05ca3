import type { AckResult } from '../../../protocol';
import type { AckStore } from '../ack-store';

/** An `AckStore` in memory, in insertion order (tests and the two-node harness). */
export class InMemoryAckStore implements AckStore {
  /** Per connection, by message id, in insertion order. */
  readonly acks = new Map<string, Map<string, AckResult>>();

  async pending(connectionId: string, limit: number): Promise<AckResult[]> {
    return [...(this.acks.get(connectionId)?.values() ?? [])].slice(0, limit);
  }

  async add(connectionId: string, results: readonly AckResult[]): Promise<void> {
    const kept = this.acks.get(connectionId) ?? new Map<string, AckResult>();
    for (const result of results) {
      kept.delete(result.messageId);
      kept.set(result.messageId, result);
    }
    this.acks.set(connectionId, kept);
  }

  async remove(connectionId: string, messageIds: readonly string[]): Promise<void> {
    const kept = this.acks.get(connectionId);
    for (const id of messageIds) kept?.delete(id);
  }
}
