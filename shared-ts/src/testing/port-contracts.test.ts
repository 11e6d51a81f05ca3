import { InMemoryInvitationStore } from '../protocol/testing/in-memory-invitation-store';
import { InMemoryReplayCache } from '../protocol/in-memory-replay-cache';
import {
  InMemoryAttachmentAllowance,
  InMemoryAttachmentChunkStore,
} from '../sync/attachments/testing/in-memory-attachment-ports';
import { InMemoryLinkStore, InMemoryStatsStore, InMemoryWorkQueue } from '../sync/testing/in-memory-ports';
import { describePortContracts } from './port-contracts';

describePortContracts('the in-memory ports', () => ({
  links: new InMemoryLinkStore(),
  queue: new InMemoryWorkQueue(),
  stats: new InMemoryStatsStore(),
  replayCache: new InMemoryReplayCache(),
  invitations: new InMemoryInvitationStore(),
  allowance: new InMemoryAttachmentAllowance(),
  chunks: new InMemoryAttachmentChunkStore(),
}));
