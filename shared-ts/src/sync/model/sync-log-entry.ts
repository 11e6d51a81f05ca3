/** One line of the sync log the consoles show: what happened to which pair, and why. */
import type { EntityRef, JsonValue } from '../../replica';

/** What kind of thing happened. */
export type SyncLogKind =
  | 'applied'
  | 'created'
  | 'dropped'
  | 'conflict'
  | 'enqueued'
  | 'echo-suppressed'
  | 'delivered'
  | 'retry-scheduled'
  | 'error'
  | 'retried'
  | 'discarded'
  | 'unlinked'
  | 'linked';

/** A sync log entry. */
export interface SyncLogEntry {
  at: string;
  connectionId: string;
  kind: SyncLogKind;
  local: EntityRef | null;
  remote: EntityRef | null;
  message: string;
  details?: JsonValue;
}
