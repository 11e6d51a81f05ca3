/**
 * The two-node harness: a Jira node and a Salesforce node, each a real sync engine with its own
 * in-memory ports and rule scripts, paired through the real handshake (invitation code, signed
 * `hello`, `hello-ack`) and exchanging every replica, unlink and ack as a signed envelope over a
 * network with injectable faults. Time is a manual clock, so retries happen when a test says.
 * Two topologies: `push` (each side posts its outbox items to the other's endpoint) and
 * `rendezvous` (as in production: Jira hosts the rendezvous; Salesforce pushes its outbox to it
 * and pulls Jira's). docs/sync-semantics.md, "The two-node harness", describes it and the
 * convergence model.
 */
import { createHello, createInvitation, parseInvitation, verifyHelloAck, type Speaks } from '../../protocol';
import { sha256HexOfBytes } from '../../util/sha256';
import type { SendingAttachmentPorts } from '../attachments/attachment-ports';
import type { EntityRef, JsonValue } from '../../replica';
import type { Side } from '../../rules/runtime/types';
import type { SyncErrorItem } from '../status/list-sync-errors';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import type { RetryPolicy } from '../queue/retry-policy';
import type { LocalChangeResult } from '../outgoing/sync-local-change';
import { DEFAULT_SYNC_POLICY, type ConflictPolicy, type SyncPolicy } from '../model/sync-policy';
import type { UnlinkResult } from '../links/unlink-entity';
import { ManualClock, seededRandom } from '../testing/in-memory-ports';
import { NodeCrashedError } from './crash-gate';
import { HarnessNode } from './harness-node';
import { localCommentBody, MODIFIED_FIELD } from './harness-rules';
import { Network } from './network';

/** How to build a harness; everything is optional. */
export interface TwoNodeHarnessOptions {
  /** Seeds every random choice (jitter, ids, secrets, random faults). Default 1. */
  seed?: number;
  /** Each side's conflict policy. Default `remote-wins` on both (the product default). */
  policies?: Partial<Record<Side, ConflictPolicy>>;
  /** Whether remote comment deletions propagate (both sides). Default false. */
  deleteComments?: boolean;
  /** Retries: short and many by default (1 s base, 30 s cap, 100 attempts), so faults are outlasted. */
  retry?: RetryPolicy;
  /** Where the clock starts. Default 2026-11-20T10:00:00.000Z. */
  start?: string;
  /**
   * `push` (default): each side posts each outbox item to the other. `rendezvous`: Salesforce
   * pushes its outbox to Jira's rendezvous and pulls; `deliver('jira')` is a Salesforce pull, and
   * faults scheduled for Jira apply to it.
   */
  topology?: 'push' | 'rendezvous';
  /** Rendezvous only: the most messages a pull asks for (default 20). */
  pullLimit?: number;
  /** Rendezvous only: the largest batch Jira sends, UTF-8 bytes (default 1 MiB). */
  maxBatchBytes?: number;
  /** The caps Jira's rendezvous applies to the files it serves (defaults: 25 MiB per file, 1 GiB a day). */
  attachmentCaps?: SendingAttachmentPorts['caps'];
  /** The caps Salesforce applies to the files it serves to Jira's wants (same defaults). */
  salesforceAttachmentCaps?: SendingAttachmentPorts['caps'];
  /**
   * What Salesforce speaks (default `THIS_NODE_SPEAKS`): without `attachments-v1`, files stay
   * metadata only; without `attachments-both-ways`, Salesforce's files reach Jira as metadata only.
   */
  salesforceSpeaks?: Speaks;
}

/** What `runUntilQuiet` found when the traffic stopped. */
export interface QuietReport {
  /** Drain rounds it took. */
  rounds: number;
  /** Items left in each side's error list (a quiet harness with errors did not deliver everything). */
  errors: Record<Side, SyncErrorItem[]>;
}

/** Two paired nodes, the network between them and the clock they share. */
export interface TwoNodeHarness {
  jira: HarnessNode;
  salesforce: HarnessNode;
  network: Network;
  clock: ManualClock;
  /** The connection both sides share, from the invitation. */
  connectionId: string;
  /** The invitation code the pairing used (already spent). */
  invitationCode: string;
  /** How the nodes talk (see `TwoNodeHarnessOptions.topology`). */
  topology: 'push' | 'rendezvous';
  /** The node of a side. */
  node(side: Side): HarnessNode;
  /** A person creates an entity with these local fields; it is queued for sync (first contact). */
  createEntity(side: Side, id: string, fields: Record<string, JsonValue>): Promise<EntityRef>;
  /** A person edits local fields (platform names, see `localFields`); the change is queued for sync. */
  editLocal(side: Side, ref: EntityRef, changes: Record<string, JsonValue>): Promise<LocalChangeResult>;
  /** A person adds a comment with this plain text; it is queued for sync. Returns its local id. */
  addComment(side: Side, ref: EntityRef, text: string): Promise<string>;
  /** A person unlinks the entity on this side; the unlink is queued for the other side. */
  unlink(side: Side, ref: EntityRef, reason?: string): Promise<UnlinkResult>;
  /** The entity paired with `ref` on the other side, once this side has applied a replica of it. */
  counterpart(side: Side, ref: EntityRef): Promise<EntityRef | null>;
  /**
   * Sends the due outbox items of a side (faults apply). A crashed process is restarted first.
   * On the rendezvous topology, Jira's items are delivered by a Salesforce pull.
   */
  deliver(side: Side): Promise<QueueRunSummary>;
  /** Applies the due inbox items of a side. A crashed process is restarted first. */
  process(side: Side): Promise<QueueRunSummary>;
  /**
   * A person attaches a file to an entity (its metadata joins the entity's `attachments`, its
   * bytes the node's file source under `attachment:<id>`); the change is queued for sync.
   */
  addFile(
    side: Side,
    ref: EntityRef,
    file: { id: string; filename: string; bytes: Uint8Array },
  ): Promise<void>;
  /**
   * Rendezvous only: Salesforce fetches its due files from Jira's rendezvous until nothing is
   * under way (faults scheduled for Jira apply). A crashed process is restarted first.
   */
  fetchAttachments(): Promise<void>;
  /**
   * Drains: delivers held packets, sends and applies everything due, and moves the clock to the
   * next retry, until no queue holds a pending item and no packet is in flight. Faults that are
   * still scheduled or set as rates keep applying (call `network.calm()` first for clean traffic).
   * Throws if it does not settle within `maxRounds` (default 500).
   */
  runUntilQuiet(options?: { maxRounds?: number }): Promise<QuietReport>;
}

const SIDES: readonly Side[] = ['jira', 'salesforce'];

/** Fast retries by default: the harness lives in a manual clock, and faults must be outlasted. */
const HARNESS_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 30_000, maxAttempts: 100 };

/**
 * Builds two nodes and pairs them: Jira (the initiator, hosting the rendezvous) makes an
 * invitation; Salesforce reads the code and sends a signed `hello`; Jira accepts it (the code is
 * then spent) and answers with a signed `hello-ack`, which Salesforce verifies. Both then hold the
 * derived connection secret and start their engines.
 */
export async function createTwoNodeHarness(options: TwoNodeHarnessOptions = {}): Promise<TwoNodeHarness> {
  const seed = options.seed ?? 1;
  const clock = new ManualClock(options.start ?? '2026-11-20T10:00:00.000Z');
  const network = new Network(clock, seededRandom(seed * 7919 + 1));
  const policy = (side: Side): SyncPolicy => ({
    conflict: options.policies?.[side] ?? DEFAULT_SYNC_POLICY.conflict,
    deletes: { comments: options.deleteComments ?? false, attachments: false },
  });
  const retry = options.retry ?? HARNESS_RETRY;
  const nodes: Record<Side, HarnessNode> = {
    jira: new HarnessNode({
      side: 'jira',
      policy: policy('jira'),
      retry,
      clock,
      network,
      seed: seed * 31 + 2,
      topology: options.topology ?? 'push',
      ...(options.maxBatchBytes === undefined ? {} : { maxBatchBytes: options.maxBatchBytes }),
      ...(options.attachmentCaps === undefined ? {} : { attachmentCaps: options.attachmentCaps }),
    }),
    salesforce: new HarnessNode({
      side: 'salesforce',
      policy: policy('salesforce'),
      retry,
      clock,
      network,
      seed: seed * 31 + 3,
      topology: options.topology ?? 'push',
      ...(options.salesforceAttachmentCaps === undefined
        ? {}
        : { attachmentCaps: options.salesforceAttachmentCaps }),
      ...(options.salesforceSpeaks === undefined ? {} : { speaks: options.salesforceSpeaks }),
    }),
  };
  for (const side of SIDES) network.attach(side, nodes[side]);

  const invitationCode = await pair(nodes, clock);
  const connectionId = nodes.jira.connectionId;
  if (!connectionId) throw new Error('The handshake did not pair the Jira node.');

  const running = (side: Side): HarnessNode => {
    const node = nodes[side];
    node.restart();
    return node;
  };

  /** Runs an engine operation; a crash midway ends it (the process is restarted on next use). */
  const survive = async (run: () => Promise<QueueRunSummary>): Promise<QueueRunSummary> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof NodeCrashedError) return { done: 0, retrying: 0, failed: 0, remaining: 0 };
      throw error;
    }
  };

  const topology = options.topology ?? 'push';
  const pullLimit = options.pullLimit ?? 20;
  const deliver = async (side: Side): Promise<QueueRunSummary> => {
    if (topology === 'push') return running(side).engine.deliverOutbox();
    running('jira');
    const salesforce = running('salesforce');
    if (side === 'salesforce') return salesforce.push();
    const pulled = await salesforce.pull(pullLimit, 'jira');
    // Jira's wants are answered in a request of their own (a new transaction on Salesforce).
    if (pulled.ok && pulled.wants) await salesforce.answerWants(pulled.wants, 'jira');
    return pulled.ok
      ? { done: pulled.received, retrying: 0, failed: pulled.rejected, remaining: 0 }
      : { done: 0, retrying: 1, failed: 0, remaining: 0 };
  };

  const touch = (side: Side, ref: EntityRef, changes: Record<string, JsonValue>) =>
    running(side).entities.edit(ref, { ...changes, [MODIFIED_FIELD[side]]: clock.iso() });

  const harness: TwoNodeHarness = {
    jira: nodes.jira,
    salesforce: nodes.salesforce,
    network,
    clock,
    connectionId,
    invitationCode,
    topology,
    node: (side) => nodes[side],
    async createEntity(side, id, fields) {
      const node = running(side);
      const ref: EntityRef = { platform: node.entities.platform, type: node.entities.type, id };
      node.entities.put({
        ref,
        view: { comments: [], ...fields, [MODIFIED_FIELD[side]]: clock.iso() },
        modifiedAt: clock.iso(),
      });
      await node.engine.syncLocalChange(ref);
      return ref;
    },
    async editLocal(side, ref, changes) {
      touch(side, ref, changes);
      return nodes[side].engine.syncLocalChange(ref);
    },
    async addComment(side, ref, text) {
      const node = running(side);
      const id = node.entities.addComment(ref, { body: localCommentBody(side, text), created: clock.iso() });
      touch(side, ref, {});
      await node.engine.syncLocalChange(ref);
      return id;
    },
    unlink: (side, ref, reason) => running(side).engine.unlink(ref, reason ?? null),
    async counterpart(side, ref) {
      const link = await nodes[side].links.get(connectionId, ref);
      return link?.remote ?? null;
    },
    deliver: (side) => survive(() => deliver(side)),
    process: (side) => survive(() => running(side).engine.processInbox()),
    async addFile(side, ref, file) {
      const node = running(side);
      const sha256 = sha256HexOfBytes(file.bytes);
      node.files.source.add(
        `attachment:${file.id}`,
        {
          id: file.id,
          filename: file.filename,
          size: file.bytes.length,
          sha256,
          url: null,
          platformName: side === 'jira' ? 'Jira' : 'Salesforce',
        },
        file.bytes,
      );
      const view = (await node.entities.read(ref))?.view;
      const attachments = Array.isArray(view?.attachments) ? view.attachments : [];
      const added = {
        id: file.id,
        filename: file.filename,
        mimeType: 'application/octet-stream',
        size: file.bytes.length,
        sha256,
        created: clock.iso(),
      };
      touch(side, ref, { attachments: [...attachments, added] });
      await node.engine.syncLocalChange(ref);
    },
    async fetchAttachments() {
      if (topology !== 'rendezvous') return;
      for (let round = 0; round < 50; round++) {
        running('jira');
        let more = false;
        try {
          const fetched = await running('salesforce').fetchAttachments('jira');
          more = fetched.ok && fetched.more;
        } catch (error) {
          if (!(error instanceof NodeCrashedError)) throw error;
        }
        if (!more) return;
      }
    },
    async runUntilQuiet({ maxRounds = 500 } = {}) {
      for (let round = 1; round <= maxRounds; round++) {
        await network.deliverHeld();
        for (const side of SIDES) await harness.deliver(side);
        for (const side of SIDES) await harness.process(side);
        await harness.fetchAttachments();
        const pending = await nextPendingAt(nodes, topology);
        if (pending === null) {
          if (network.inFlight === 0) {
            for (const side of SIDES) running(side);
            return {
              rounds: round,
              errors: {
                jira: await nodes.jira.engine.errors(),
                salesforce: await nodes.salesforce.engine.errors(),
              },
            };
          }
          // Nothing else will overtake what is held for a reorder: let it through.
          await network.deliverHeld(true);
          continue;
        }
        const held = network.nextDueAt();
        const next = held === null ? pending : Math.min(pending, held);
        if (next > clock.now()) clock.advance(next - clock.now());
      }
      throw new Error(`The harness did not settle within ${maxRounds} rounds.`);
    },
  };
  return harness;
}

/**
 * The earliest `nextAttemptAt` of a pending item in any queue of either node (Salesforce's
 * attachments queues too on the rendezvous topology, where files travel), or null.
 */
async function nextPendingAt(
  nodes: Record<Side, HarnessNode>,
  topology: 'push' | 'rendezvous',
): Promise<number | null> {
  let next: number | null = null;
  for (const side of SIDES) {
    const fetched = topology === 'rendezvous' ? [nodes[side].files.queue] : [];
    for (const queue of [nodes[side].outbox, nodes[side].inbox, ...fetched]) {
      for (const item of queue.items.values()) {
        if (item.state !== 'pending' || (!item.message && !item.attachment)) continue;
        const due = Date.parse(item.nextAttemptAt);
        if (next === null || due < next) next = due;
      }
    }
  }
  return next;
}

/** The handshake, over the real protocol; returns the (now spent) invitation code. */
async function pair(nodes: Record<Side, HarnessNode>, clock: ManualClock): Promise<string> {
  const { jira, salesforce } = nodes;
  const created = await createInvitation({
    connectionName: 'Acme support',
    site: jira.site,
    rendezvousUrl: 'https://tandem.example.net/x1/rendezvous',
    clock,
    randomBytes: jira.randomBytes,
  });
  if (!created.ok) throw new Error(created.error.message);
  await jira.invitations.save(created.invitation);

  const parsed = await parseInvitation(created.code, clock.now());
  if (!parsed.ok) throw new Error(parsed.error.message);
  const hello = await createHello({
    invitation: parsed.invitation,
    platform: 'salesforce',
    site: salesforce.site,
    clock,
    messageIds: () => salesforce.nextMessageId(),
    randomBytes: salesforce.randomBytes,
    speaks: salesforce.speaks,
  });
  const answer = await jira.endpoint(hello.request);
  if (answer.status !== 200) throw new Error(`The hello was refused: ${answer.message.body}`);
  const acked = await verifyHelloAck(answer.message, hello, {
    clock,
    replayCache: salesforce.answerReplayCache,
  });
  if (!acked.ok) throw new Error(acked.error.message);
  salesforce.pair(hello.connectionId, hello.connectionSecret, acked.speaks);
  return created.code;
}
