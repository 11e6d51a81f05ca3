import type { EntityRef } from '../../replica';
import { LINK_FORMAT, type Link } from '../model/link';

/** A new active link for a local entity that has synced nothing yet. */
export function createLink(connectionId: string, local: EntityRef, remote: EntityRef | null = null): Link {
  return {
    format: LINK_FORMAT,
    connectionId,
    local,
    remote,
    state: 'active',
    incoming: { seq: 0, acked: 0, baseline: [] },
    outgoing: { seq: 0, lastSentHash: null, unacked: [], delivered: 0, fields: {} },
    comments: [],
    attachments: [],
    lastSyncAt: null,
    version: 0,
  };
}
