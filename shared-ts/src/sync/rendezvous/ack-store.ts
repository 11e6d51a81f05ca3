import type { AckResult } from '../../protocol';

/**
 * Where the pulling side keeps the acks it owes the rendezvous until a pull carrying them is
 * answered: the results of messages it received in a batch (Salesforce: a custom object row
 * per ack, written in the transaction that stored the messages, so they survive into the next
 * transaction's pull; tests: `InMemoryAckStore`).
 */
export interface AckStore {
  /** The acks not yet delivered for a connection, oldest first, at most `limit`. */
  pending(connectionId: string, limit: number): Promise<AckResult[]>;
  /** Keeps these acks until `remove`. An ack for a message id already kept replaces it. */
  add(connectionId: string, results: readonly AckResult[]): Promise<void>;
  /** Forgets the acks of these message ids: a pull carrying them was answered. */
  remove(connectionId: string, messageIds: readonly string[]): Promise<void>;
}
