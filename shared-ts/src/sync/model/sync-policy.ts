/** How a connection resolves conflicts and whether remote deletions propagate. */

/**
 * Who wins when the local side and the remote side both changed a field since they last agreed:
 * the remote value (`remote-wins`), the local value (`local-wins`), or the side whose entity
 * changed last (`newest-wins`: replica.updated against the local entity's modification time).
 */
export type ConflictPolicy = 'remote-wins' | 'local-wins' | 'newest-wins';

/** Every conflict policy. */
export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['remote-wins', 'local-wins', 'newest-wins'];

/** A connection's sync policy, as seen from this side. */
export interface SyncPolicy {
  conflict: ConflictPolicy;
  /** Whether an item removed from the remote list (deleted, or now filtered out by the rules) is removed here. */
  deletes: { comments: boolean; attachments: boolean };
}

/** Remote wins conflicts; remote deletions are not propagated (data stays). */
export const DEFAULT_SYNC_POLICY: SyncPolicy = {
  conflict: 'remote-wins',
  deletes: { comments: false, attachments: false },
};
