/**
 * Test support: a Jira test node serving the rendezvous and a Salesforce test node as its
 * client, wired directly (no network), with handles on every store and on the raw exchange.
 */
import {
  ATTACHMENTS_BOTH_WAYS,
  ATTACHMENTS_V1,
  createMessageIdGenerator,
  THIS_NODE_SPEAKS,
  type HttpResponse,
  type Speaks,
} from '../../../protocol';
import { InMemoryInvitationStore, InMemoryReplayCache } from '../../../protocol/testing';
import { TEST_SECRET } from '../../../protocol/testing/fixtures';
import type { SyncEngineOptions } from '../../engine/create-sync-engine';
import type { RulesEngine } from '../../model/ports';
import { pureSha256 } from '../../attachments/attachment-hash';
import type { SendingAttachmentPorts } from '../../attachments/attachment-ports';
import {
  InMemoryAttachmentAllowance,
  InMemoryAttachmentChunkStore,
  InMemoryAttachmentSource,
  InMemoryAttachmentStore,
} from '../../attachments/testing/in-memory-attachment-ports';
import { InMemoryWorkQueue, ManualClock } from '../../testing/in-memory-ports';
import { createTestNode, type TestNode } from '../../testing/test-node';
import { InMemoryAckStore } from './in-memory-ack-store';
import {
  handleRendezvousRequest,
  type RendezvousDeps,
  type RendezvousRequest,
} from '../handle-rendezvous-request';
import type { RendezvousClientDeps } from '../rendezvous-client';

/** The two sides and what passed between them. */
export interface RendezvousPair {
  clock: ManualClock;
  jira: TestNode;
  salesforce: TestNode;
  /** The rendezvous's dependencies (change them to simulate outages). */
  server: RendezvousDeps;
  /** The client's dependencies, with its owed acks. */
  client: RendezvousClientDeps & { acks: InMemoryAckStore; limit: number };
  /** Every request the client posted and the answer it got, in order. */
  exchanges: { request: RendezvousRequest; response: HttpResponse }[];
  /** Sends a raw request to the rendezvous, as the platform would. */
  serve(request: RendezvousRequest): Promise<HttpResponse>;
  /** Jira's files (served) and Salesforce's attachment queue, chunks and stored files (with `attachments`). */
  files: AttachmentFiles;
  /**
   * The other direction (with `attachments`, capability `attachments-both-ways`): Salesforce's
   * files (served to the wants a batch carries) and Jira's attachment queue, chunks and store.
   */
  filesToJira: AttachmentFiles;
}

/** The attachment ports of one direction: one side sends (`source`, `allowance`), the other receives. */
export interface AttachmentFiles {
  source: InMemoryAttachmentSource;
  allowance: InMemoryAttachmentAllowance;
  queue: InMemoryWorkQueue;
  store: InMemoryAttachmentStore;
  chunks: InMemoryAttachmentChunkStore;
}

/** Builds the pair on connection `conn-1`, sharing `TEST_SECRET`. */
export function rendezvousPair(
  options: {
    speaks?: Speaks;
    maxBatchBytes?: number;
    jira?: Partial<SyncEngineOptions> & { runRules?: RulesEngine };
    salesforce?: Partial<SyncEngineOptions> & { runRules?: RulesEngine };
    /** Jira serves files from `files.source` and Salesforce fetches them into `files.store`. */
    attachments?: { caps?: SendingAttachmentPorts['caps'] };
  } = {},
): RendezvousPair {
  const clock = new ManualClock();
  const speaks = options.speaks ?? { ...THIS_NODE_SPEAKS };
  const files: AttachmentFiles = {
    source: new InMemoryAttachmentSource(),
    allowance: new InMemoryAttachmentAllowance(),
    queue: new InMemoryWorkQueue(),
    store: new InMemoryAttachmentStore(),
    chunks: new InMemoryAttachmentChunkStore(),
  };
  const filesToJira: AttachmentFiles = {
    source: new InMemoryAttachmentSource(),
    allowance: new InMemoryAttachmentAllowance(),
    queue: new InMemoryWorkQueue(),
    store: new InMemoryAttachmentStore(),
    chunks: new InMemoryAttachmentChunkStore(),
  };
  const withFiles = options.attachments !== undefined;
  const jira = createTestNode({
    platform: 'jira',
    type: 'issue',
    clock,
    ...(withFiles
      ? {
          attachments: {
            queue: filesToJira.queue,
            store: filesToJira.store,
            chunks: filesToJira.chunks,
            sha256: pureSha256,
          },
          attachmentTransfer:
            speaks.capabilities.includes(ATTACHMENTS_V1) &&
            speaks.capabilities.includes(ATTACHMENTS_BOTH_WAYS),
        }
      : {}),
    ...options.jira,
  });
  const salesforce = createTestNode({
    platform: 'salesforce',
    type: 'Case',
    clock,
    ...(withFiles
      ? {
          attachments: { queue: files.queue, store: files.store, chunks: files.chunks, sha256: pureSha256 },
          attachmentTransfer: speaks.capabilities.includes(ATTACHMENTS_V1),
        }
      : {}),
    ...options.salesforce,
  });
  const server: RendezvousDeps = {
    connection: async (connectionId) =>
      connectionId === 'conn-1'
        ? {
            secret: TEST_SECRET,
            speaks,
            engine: jira.engine,
            findQueued: async (messageId) =>
              [...jira.outbox.items.values()].find((item) => item.messageId === messageId) ?? null,
            ...(withFiles
              ? {
                  attachments: {
                    source: files.source,
                    allowance: files.allowance,
                    sha256: pureSha256,
                    ...(options.attachments?.caps ? { caps: options.attachments.caps } : {}),
                  },
                  findAttachmentItem: async (remoteAttachmentId: string) =>
                    [...filesToJira.queue.items.values()].find(
                      (item) => item.attachment?.remote.id === remoteAttachmentId,
                    ) ?? null,
                }
              : {}),
          }
        : null,
    saveConnection: async () => {},
    invitations: new InMemoryInvitationStore(),
    replayCache: new InMemoryReplayCache(clock),
    clock,
    messageIds: createMessageIdGenerator({ clock }),
    platform: 'jira',
    site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
    ...(options.maxBatchBytes === undefined ? {} : { maxBatchBytes: options.maxBatchBytes }),
  };
  const exchanges: RendezvousPair['exchanges'] = [];
  const serve = (request: RendezvousRequest) => handleRendezvousRequest(request, server);
  const client: RendezvousPair['client'] = {
    connectionId: 'conn-1',
    secret: TEST_SECRET,
    speaks,
    engine: salesforce.engine,
    clock,
    messageIds: createMessageIdGenerator({ clock }),
    answerReplayCache: new InMemoryReplayCache(clock),
    acks: new InMemoryAckStore(),
    limit: 20,
    ...(withFiles
      ? {
          attachments: {
            source: filesToJira.source,
            allowance: filesToJira.allowance,
            sha256: pureSha256,
            ...(options.attachments?.caps ? { caps: options.attachments.caps } : {}),
          },
        }
      : {}),
    post: async (signed) => {
      const request: RendezvousRequest = {
        method: 'POST',
        path: '/x1/rendezvous',
        headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, [value]])),
        body: signed.body,
      };
      const response = await serve(request);
      exchanges.push({ request, response });
      return { ok: true, answer: response };
    },
  };
  return { clock, jira, salesforce, server, client, exchanges, serve, files, filesToJira };
}
