/**
 * The core's ports on Forge hosted storage (@forge/kvs: the Key-Value Store, secrets and the
 * Custom Entity Store), as the handlers take them. docs/forge-storage.md says what is stored
 * where and why; `FORGE_ENTITIES` is what manifest.yml declares under `app.storage.entities`.
 */
import { ForgeAttachmentAllowance } from './attachment-allowance';
import { ForgeAttachmentChunkStore } from './attachment-chunk-store';
import { ForgeConnectionStore } from './connection-store';
import { ForgeInvitationStore } from './invitation-store';
import { ForgeLinkStore } from './link-store';
import { ForgeReplayCache } from './replay-cache';
import { ForgeStatsStore } from './stats-store';
import { ForgeSyncLog } from './sync-log';
import { ForgeWorkQueue } from './work-queue';

export { ENTITY, FORGE_ENTITIES, type ForgeEntity } from './entities';
export { ForgeAttachmentAllowance } from './attachment-allowance';
export { ForgeAttachmentChunkStore } from './attachment-chunk-store';
export { ForgeConnectionStore } from './connection-store';
export { ForgeInvitationStore } from './invitation-store';
export { ForgeLinkStore } from './link-store';
export { ForgeReplayCache } from './replay-cache';
export { ForgeStatsStore } from './stats-store';
export { ForgeSyncLog } from './sync-log';
export { ForgeWorkQueue } from './work-queue';

/** Options of `createForgeStores`. */
export interface ForgeStoresOptions {
  /** The clock the replay cache reads (default: the wall clock). */
  clock?: { now(): number };
}

/** Every store, named as the engine's and the rendezvous's deps name them. */
export interface ForgeStores {
  links: ForgeLinkStore;
  outbox: ForgeWorkQueue;
  inbox: ForgeWorkQueue;
  /** One item per attachment transfer (`attachmentQueueKey`), beside the inbox. */
  attachmentQueue: ForgeWorkQueue;
  log: ForgeSyncLog;
  stats: ForgeStatsStore;
  replayCache: ForgeReplayCache;
  invitations: ForgeInvitationStore;
  connections: ForgeConnectionStore;
  attachmentChunks: ForgeAttachmentChunkStore;
  attachmentAllowance: ForgeAttachmentAllowance;
}

/** The core's ports on @forge/kvs. */
export function createForgeStores(options: ForgeStoresOptions = {}): ForgeStores {
  return {
    links: new ForgeLinkStore(),
    outbox: new ForgeWorkQueue('outbox'),
    inbox: new ForgeWorkQueue('inbox'),
    attachmentQueue: new ForgeWorkQueue('attachments'),
    log: new ForgeSyncLog(),
    stats: new ForgeStatsStore(),
    replayCache: new ForgeReplayCache(options.clock),
    invitations: new ForgeInvitationStore(),
    connections: new ForgeConnectionStore(),
    attachmentChunks: new ForgeAttachmentChunkStore(),
    attachmentAllowance: new ForgeAttachmentAllowance(),
  };
}
