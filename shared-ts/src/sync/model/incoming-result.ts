import type { SyncFailure } from './sync-failure';
import type { Conflict, WritePlan } from './write-plan';

/** What became of an incoming message. Only `failed` is retried. */
export type IncomingResult =
  | { kind: 'applied'; created: boolean; plan: WritePlan; conflicts: Conflict[] }
  | { kind: 'unlinked' }
  | { kind: 'dropped'; reason: 'stale' | 'unlinked' | 'unknown'; message: string }
  | { kind: 'failed'; error: SyncFailure };
