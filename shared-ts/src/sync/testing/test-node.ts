/**
 * One side of a connection, in memory: an engine wired to in-memory ports, with handles on
 * every port so that a test can set up state and look at what happened.
 */
import type { EntityRef, JsonValue, Replica } from '../../replica';
import type { RuleInputs } from '../../rules/runtime/types';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../engine/create-sync-engine';
import type { ReceivingAttachmentPorts } from '../attachments/attachment-ports';
import type { RulesEngine } from '../model/ports';
import { fakeRulesEngine } from './fake-rules-engine';
import {
  contentHash,
  InMemoryEntityStore,
  InMemoryLinkStore,
  InMemoryStatsStore,
  InMemorySyncLog,
  InMemoryWorkQueue,
  ManualClock,
  RecordingTransport,
  seededRandom,
  sequentialIds,
} from './in-memory-ports';

/** An engine and its ports. */
export interface TestNode {
  engine: SyncEngine;
  entities: InMemoryEntityStore;
  links: InMemoryLinkStore;
  outbox: InMemoryWorkQueue;
  inbox: InMemoryWorkQueue;
  log: InMemorySyncLog;
  stats: InMemoryStatsStore;
  transport: RecordingTransport;
  clock: ManualClock;
}

/** Builds a node; the rules default to `mirrorRules` and the clock to a fresh manual one. */
export function createTestNode(
  options: Partial<SyncEngineOptions> & {
    platform: string;
    type: string;
    runRules?: RulesEngine;
    clock?: ManualClock;
    /** The receiving side's attachment ports (with `attachmentTransfer: true`, files are fetched). */
    attachments?: ReceivingAttachmentPorts;
  },
): TestNode {
  const clock = options.clock ?? new ManualClock();
  const node = {
    entities: new InMemoryEntityStore(options.platform, options.type, clock),
    links: new InMemoryLinkStore(),
    outbox: new InMemoryWorkQueue(),
    inbox: new InMemoryWorkQueue(),
    log: new InMemorySyncLog(),
    stats: new InMemoryStatsStore(),
    transport: new RecordingTransport(),
    clock,
  };
  const engine = createSyncEngine(
    {
      connectionId: options.connectionId ?? 'conn-1',
      side: options.side ?? (options.platform === 'jira' ? 'jira' : 'salesforce'),
      rules: options.rules ?? { incoming: 'incoming', outgoing: 'outgoing' },
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.connection ? { connection: options.connection } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.attachmentTransfer ? { attachmentTransfer: true } : {}),
    },
    {
      ...node,
      ids: sequentialIds(`${options.platform}-q`),
      random: seededRandom(7),
      runRules: options.runRules ?? mirrorRules,
      hashReplica: contentHash,
      ...(options.attachments ? { attachments: options.attachments } : {}),
    },
  );
  return { engine, ...node };
}

/**
 * Rules that mirror `title`, `state` and comments both ways, the same on both platforms: the
 * local view holds `title`, `state` and `comments` ({id, body}); the replica `summary`,
 * `status.name` and `comments`.
 */
export const mirrorRules: RulesEngine = fakeRulesEngine({
  outgoing: ({ entity }: RuleInputs) => ({
    summary: entity?.title ?? null,
    status: entity?.state ? { name: entity.state } : null,
    updated: entity?.updatedAt ?? null,
    comments: ((entity?.comments ?? []) as { id: string; body: string }[]).map((c) => ({
      id: c.id,
      author: null,
      body: c.body,
      created: '2026-11-20T00:00:00.000Z',
      updated: null,
      internal: false,
    })),
  }),
  incoming: ({ replica }: RuleInputs) => {
    const r = replica as unknown as Replica;
    return {
      title: r.summary,
      state: r.status?.name ?? null,
      comments: r.comments.map((c) => ({ id: c.id, body: c.body })),
    };
  },
});

/** Creates an entity on a node with the given view (and no comments unless given). */
export function seedEntity(node: TestNode, id: string, view: Record<string, JsonValue>): EntityRef {
  const ref = { platform: node.entities.platform, type: node.entities.type, id };
  node.entities.put({ ref, view: { comments: [], ...view }, modifiedAt: node.clock.iso() });
  return ref;
}
