/**
 * One side of the two-node harness: a real sync engine on in-memory ports, the real rules
 * runtime, and the real protocol at its edges. Its endpoint is the production rendezvous
 * (`handleRendezvousRequest`): it verifies each request (signature, time window, replay cache)
 * before the engine sees it. As a sender it either signs each outbox item as a new envelope and
 * verifies the signed `ack` (the push topology), or, as the rendezvous's client, pushes its
 * outbox in one request and pulls what waits for it (`pushOutbox`, `pullOnce`). Its process can
 * crash and restart: the stores survive, everything else is rebuilt.
 */
import {
  ATTACHMENTS_BOTH_WAYS,
  ATTACHMENTS_V1,
  createMessageIdGenerator,
  readErrorResponse,
  signMessage,
  THIS_NODE_SPEAKS,
  verifyMessage,
  type EnvelopeOf,
  type MessageIdGenerator,
  type RandomBytes,
  type RawMessage,
  type SignedMessage,
  type SiteInfo,
  type Speaks,
} from '../../protocol';
import { InMemoryInvitationStore, InMemoryReplayCache } from '../../protocol/testing';
import type { EntityRef, JsonValue } from '../../replica';
import { runRules } from '../../rules';
import type { Side } from '../../rules/runtime/types';
import { createSyncEngine, type SyncEngine } from '../engine/create-sync-engine';
import type { EntityStore, RandomSource } from '../model/ports';
import type { QueueItem } from '../model/queue-item';
import type { QueueRunSummary } from '../queue/queue-run-summary';
import { InMemoryAckStore } from '../rendezvous/testing/in-memory-ack-store';
import { envelopeOf } from '../rendezvous/carried-message';
import { handleRendezvousRequest, type RendezvousDeps } from '../rendezvous/handle-rendezvous-request';
import {
  answerBatchWants,
  fetchAttachmentsOnce,
  pullOnce,
  pushOutbox,
  type AnswerWantsResult,
  type BatchWants,
  type FetchAttachmentsResult,
  type PullResult,
  type RendezvousClientDeps,
} from '../rendezvous/rendezvous-client';
import type { SendingAttachmentPorts } from '../attachments/attachment-ports';
import {
  InMemoryAttachmentAllowance,
  InMemoryAttachmentChunkStore,
  InMemoryAttachmentSource,
  InMemoryAttachmentStore,
} from '../attachments/testing/in-memory-attachment-ports';
import type { RetryPolicy } from '../queue/retry-policy';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { SyncPolicy } from '../model/sync-policy';
import {
  contentHash,
  InMemoryEntityStore,
  InMemoryLinkStore,
  InMemoryStatsStore,
  InMemorySyncLog,
  InMemoryWorkQueue,
  ManualClock,
  seededRandom,
  sequentialIds,
} from '../testing/in-memory-ports';
import type { ApplyResult, WritePlan } from '../model/write-plan';
import { CrashGate, guarded, NodeCrashedError } from './crash-gate';
import { HARNESS_RULES } from './harness-rules';
import type { Network, WireResponse } from './network';

/** How a node is built. */
export interface HarnessNodeOptions {
  side: Side;
  policy: SyncPolicy;
  retry: RetryPolicy;
  clock: ManualClock;
  network: Network;
  /** Seeds the node's jitter, message ids and secrets. */
  seed: number;
  /** Largest body the node's rendezvous takes, UTF-8 bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Largest batch its rendezvous sends, UTF-8 bytes (default: `maxBodyBytes`). */
  maxBatchBytes?: number;
  /** What the node speaks (default `THIS_NODE_SPEAKS`). */
  speaks?: Speaks;
  /** The caps it applies to the files it serves (defaults: 25 MiB per file, 1 GiB a day). */
  attachmentCaps?: SendingAttachmentPorts['caps'];
  /**
   * How the nodes talk (default `push`). Files travel only on `rendezvous`: to Salesforce with
   * `attachments-v1`, and to Jira too with `attachments-both-ways`.
   */
  topology?: 'push' | 'rendezvous';
}

/** A node's files: those it serves (source, day counter) and those it fetches (queue, chunks, store). */
export interface HarnessFiles {
  source: InMemoryAttachmentSource;
  allowance: InMemoryAttachmentAllowance;
  queue: InMemoryWorkQueue;
  chunks: InMemoryAttachmentChunkStore;
  store: InMemoryAttachmentStore;
}

/** The connection, once paired. */
interface Pairing {
  connectionId: string;
  secret: string;
  /** What both sides speak. */
  speaks: Speaks;
}

const SITES: Record<Side, SiteInfo> = {
  jira: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
  salesforce: { name: 'Acme Support org', url: 'https://acme.my.salesforce.com' },
};

/** One side of the harness. */
export class HarnessNode {
  readonly side: Side;
  readonly site: SiteInfo;
  /** The platform's storage: survives crashes. Read them freely; write through the harness. */
  readonly entities: InMemoryEntityStore;
  readonly links = new InMemoryLinkStore();
  readonly outbox = new InMemoryWorkQueue();
  readonly inbox = new InMemoryWorkQueue();
  readonly log = new InMemorySyncLog();
  readonly stats = new InMemoryStatsStore();
  /** Message ids this side accepted (requests), and those of answers it accepted. */
  readonly replayCache: InMemoryReplayCache;
  readonly answerReplayCache: InMemoryReplayCache;
  /** The invitations this side made (the initiator's store). */
  readonly invitations = new InMemoryInvitationStore();
  /** The acks this side owes the rendezvous (as its client). */
  readonly acks = new InMemoryAckStore();
  /** The platform's files: survive crashes. */
  readonly files: HarnessFiles = {
    source: new InMemoryAttachmentSource(),
    allowance: new InMemoryAttachmentAllowance(),
    queue: new InMemoryWorkQueue(),
    chunks: new InMemoryAttachmentChunkStore(),
    store: new InMemoryAttachmentStore(),
  };
  /** How many times the process was restarted after a crash. */
  restarts = 0;
  /** Random bytes for secrets, nonces and message ids: seeded, so runs repeat. */
  readonly randomBytes: RandomBytes;

  private readonly gate: CrashGate;
  private readonly random: RandomSource;
  private readonly options: HarnessNodeOptions;
  private pairing: Pairing | null = null;
  private current: SyncEngine | null = null;
  private messageIds: MessageIdGenerator;

  constructor(options: HarnessNodeOptions) {
    this.options = options;
    this.side = options.side;
    this.site = SITES[options.side];
    this.gate = new CrashGate(options.side);
    this.entities =
      options.side === 'jira'
        ? new InMemoryEntityStore('jira', 'issue', options.clock)
        : new InMemoryEntityStore('salesforce', 'Case', options.clock);
    this.replayCache = new InMemoryReplayCache(options.clock);
    this.answerReplayCache = new InMemoryReplayCache(options.clock);
    this.random = seededRandom(options.seed);
    const bytes = seededRandom(options.seed ^ 0x5eed);
    this.randomBytes = (length) => Uint8Array.from({ length }, () => Math.floor(bytes() * 256));
    this.messageIds = createMessageIdGenerator({ clock: options.clock, randomBytes: this.randomBytes });
  }

  /** The engine of the running process (after `pair`). */
  get engine(): SyncEngine {
    if (!this.current) throw new Error(`The ${this.side} node is not paired yet.`);
    return this.current;
  }

  /** The connection id, once paired. */
  get connectionId(): string | null {
    return this.pairing?.connectionId ?? null;
  }

  /** Whether the process is down. */
  get crashed(): boolean {
    return this.gate.crashed;
  }

  /** Takes the process down: nothing more is written or sent until `restart`. */
  crash(): void {
    this.gate.crash();
  }

  /** Brings the process back: a new engine over the same stores (as after a platform restart). */
  restart(): void {
    if (!this.gate.crashed) return;
    this.gate.restart();
    this.restarts++;
    this.messageIds = createMessageIdGenerator({ clock: this.options.clock, randomBytes: this.randomBytes });
    if (this.pairing) this.current = this.buildEngine(this.pairing.connectionId);
  }

  /** Stores the connection made by the handshake and starts the engine. */
  pair(connectionId: string, secret: string, speaks: Speaks = { ...THIS_NODE_SPEAKS }): void {
    this.pairing = { connectionId, secret, speaks };
    this.current = this.buildEngine(connectionId);
  }

  /** What this side speaks (told in the hello or hello-ack). */
  get speaks(): Speaks {
    return this.options.speaks ?? { ...THIS_NODE_SPEAKS };
  }

  /** What both sides agreed at pairing, or null before. */
  get agreed(): Speaks | null {
    return this.pairing?.speaks ?? null;
  }

  /** A new message id from this process. */
  nextMessageId(): string {
    return this.messageIds();
  }

  /** The entity's view as stored (for assertions), or null. */
  async view(ref: EntityRef): Promise<Record<string, JsonValue> | null> {
    return (await this.entities.read(ref))?.view ?? null;
  }

  /**
   * The web endpoint: the production rendezvous handler over this node's stores. A `hello` goes
   * to the handshake (initiator only); anything else must verify against the connection's
   * secret, the time window and the replay cache before the engine gets it.
   */
  endpoint = async (request: RawMessage): Promise<WireResponse> => {
    this.gate.check();
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = typeof value === 'string' ? [value] : [...value];
    }
    const response = await handleRendezvousRequest(
      { method: 'POST', path: '/', headers, body: request.body },
      this.rendezvousDeps,
    );
    return { status: response.statusCode, message: { headers: response.headers, body: response.body } };
  };

  /**
   * As the rendezvous's client: sends the due outbox in one request (a `push` when both speak
   * `batch-push`). Faults are those scheduled for this side.
   */
  push(): Promise<QueueRunSummary & { more: boolean }> {
    return pushOutbox(this.clientDeps(this.side));
  }

  /**
   * As the rendezvous's client: one pull, with the acks owed. Faults are those scheduled for
   * `faultsOf` (the harness books a pull as the other side's delivery).
   */
  pull(limit: number, faultsOf: Side): Promise<PullResult> {
    return pullOnce({ ...this.clientDeps(faultsOf), acks: guarded(this.acks, this.gate), limit });
  }

  /**
   * As the rendezvous's client: one attachment fetch for the due files (when both speak
   * `attachments-v1`). Faults are those scheduled for `faultsOf`.
   */
  fetchAttachments(faultsOf: Side): Promise<FetchAttachmentsResult> {
    return fetchAttachmentsOnce(this.clientDeps(faultsOf));
  }

  /**
   * As the rendezvous's client: answers the wants a batch carried, in a request of its own (when
   * both speak `attachments-both-ways`). Faults are those scheduled for `faultsOf`.
   */
  answerWants(wants: BatchWants, faultsOf: Side): Promise<AnswerWantsResult> {
    return answerBatchWants(this.clientDeps(faultsOf), wants);
  }

  private clientDeps(faultsOf: Side): RendezvousClientDeps {
    const pairing = this.requirePairing();
    return {
      connectionId: pairing.connectionId,
      secret: pairing.secret,
      speaks: pairing.speaks,
      engine: this.engine,
      clock: this.options.clock,
      messageIds: () => this.nextMessageId(),
      answerReplayCache: this.answerReplayCache,
      attachments: this.sendingFiles,
      ...(this.options.maxBodyBytes === undefined ? {} : { maxBodyBytes: this.options.maxBodyBytes }),
      post: async (request: SignedMessage) => {
        this.gate.check();
        const sent = await this.options.network.transmit(this.side, request, faultsOf);
        if (sent.kind === 'sender-crashed') {
          this.gate.crash();
          throw new NodeCrashedError(this.side);
        }
        if (sent.kind === 'lost')
          return {
            ok: false,
            error: syncFailure('network', 'No answer: the request or its answer was lost.'),
          };
        if (sent.kind === 'timeout')
          return { ok: false, error: syncFailure('timeout', 'The other side did not answer in time.') };
        return {
          ok: true,
          answer: {
            statusCode: sent.response.status,
            headers: sent.response.message.headers as Record<string, string | string[]>,
            body: sent.response.message.body,
          },
        };
      },
    };
  }

  /** The files this node serves, with its caps. */
  private get sendingFiles(): SendingAttachmentPorts {
    return {
      source: guarded(this.files.source, this.gate),
      allowance: guarded(this.files.allowance, this.gate),
      ...(this.options.attachmentCaps ? { caps: this.options.attachmentCaps } : {}),
    };
  }

  private get rendezvousDeps(): RendezvousDeps {
    return {
      connection: async (connectionId) => {
        const pairing = this.pairing;
        if (!pairing || pairing.connectionId !== connectionId || !this.current) return null;
        return {
          secret: pairing.secret,
          speaks: pairing.speaks,
          engine: this.current,
          findQueued: async (messageId) => {
            this.gate.check();
            for (const item of this.outbox.items.values()) if (item.messageId === messageId) return item;
            return null;
          },
          attachments: this.sendingFiles,
          findAttachmentItem: async (remoteAttachmentId) => {
            this.gate.check();
            for (const item of this.files.queue.items.values())
              if (item.attachment?.remote.id === remoteAttachmentId) return item;
            return null;
          },
        };
      },
      saveConnection: async (connection) => {
        if (!this.pairing) this.pair(connection.connectionId, connection.secret, connection.speaks);
      },
      invitations: this.invitations,
      replayCache: this.replayCache,
      clock: this.options.clock,
      messageIds: () => this.nextMessageId(),
      platform: this.side,
      site: this.site,
      speaks: this.speaks,
      ...(this.options.maxBodyBytes === undefined ? {} : { maxBodyBytes: this.options.maxBodyBytes }),
      ...(this.options.maxBatchBytes === undefined ? {} : { maxBatchBytes: this.options.maxBatchBytes }),
    };
  }

  /** Sends one outbox item as a new signed envelope and reads the signed answer. */
  private async send(item: QueueItem): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
    this.gate.check();
    const pairing = this.requirePairing();
    const message = item.message;
    if (!message) return { ok: false, error: syncFailure('schema', 'The outbox item has no message.') };
    const stamp = {
      connectionId: pairing.connectionId,
      messageId: this.nextMessageId(),
      sentAt: this.options.clock.now(),
    };
    const envelope = envelopeOf(message, stamp);
    const request = await signMessage(envelope, pairing.secret);
    const sent = await this.options.network.transmit(this.side, request);
    if (sent.kind === 'sender-crashed') {
      this.gate.crash();
      throw new NodeCrashedError(this.side);
    }
    if (sent.kind === 'lost')
      return { ok: false, error: syncFailure('network', 'No answer: the request or its answer was lost.') };
    if (sent.kind === 'timeout')
      return { ok: false, error: syncFailure('timeout', 'The other side did not answer in time.') };
    return this.readAnswer(sent.response, envelope.messageId, pairing);
  }

  private async readAnswer(
    response: WireResponse,
    messageId: string,
    pairing: Pairing,
  ): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
    if (response.status !== 200) {
      const error = readErrorResponse(response.message.body);
      return {
        ok: false,
        error: syncFailure(
          'http',
          `Refused: ${error ? `${error.code}: ${error.message}` : response.message.body}`,
          {
            status: response.status,
          },
        ),
      };
    }
    const verified = await verifyMessage(response.message, {
      secretFor: async (connectionId) => (connectionId === pairing.connectionId ? pairing.secret : null),
      clock: this.options.clock,
      replayCache: this.answerReplayCache,
      kinds: ['ack'],
    });
    if (!verified.ok) {
      return {
        ok: false,
        error: syncFailure('network', `The answer did not verify: ${verified.error.message}`),
      };
    }
    const ack = verified.envelope as EnvelopeOf<'ack'>;
    const result = ack.body.results.find((candidate) => candidate.messageId === messageId);
    if (!result)
      return { ok: false, error: syncFailure('network', `The answer does not acknowledge ${messageId}.`) };
    if (result.outcome === 'accepted') return { ok: true };
    return {
      ok: false,
      error: syncFailure(
        result.error.retryable ? 'unavailable' : 'rejected',
        `${result.error.code}: ${result.error.message}`,
      ),
    };
  }

  private requirePairing(): Pairing {
    if (!this.pairing) throw new Error(`The ${this.side} node is not paired yet.`);
    return this.pairing;
  }

  /** Whether this side fetches the other's files (its engine queues wants). */
  private get fetchesFiles(): boolean {
    const agreed = this.pairing?.speaks.capabilities ?? [];
    if (!agreed.includes(ATTACHMENTS_V1)) return false;
    if (this.side === 'salesforce') return true;
    return this.options.topology === 'rendezvous' && agreed.includes(ATTACHMENTS_BOTH_WAYS);
  }

  private buildEngine(connectionId: string): SyncEngine {
    const gate = this.gate;
    const entities: EntityStore =
      this.side === 'jira' ? new NamedFieldEntityStore(this.entities) : this.entities;
    return createSyncEngine(
      {
        connectionId,
        side: this.side,
        rules: HARNESS_RULES[this.side],
        policy: this.options.policy,
        retry: this.options.retry,
        // Files travel to the rendezvous's client with attachments-v1, and to the rendezvous's
        // side with attachments-both-ways too (docs/protocol.md, "Attachments", Direction).
        attachmentTransfer: this.fetchesFiles,
      },
      {
        entities: guarded(entities, gate),
        links: guarded(this.links, gate),
        outbox: guarded(this.outbox, gate),
        inbox: guarded(this.inbox, gate),
        log: guarded(this.log, gate),
        stats: guarded(this.stats, gate),
        transport: { send: (item) => this.send(item) },
        clock: this.options.clock,
        // A restarted process must not reuse queue item ids: they tell a late result from a newer item.
        ids: sequentialIds(`${this.side}-${this.restarts}-q`),
        messageIds: () => this.nextMessageId(),
        random: this.random,
        runRules,
        hashReplica: contentHash,
        attachments: {
          queue: guarded(this.files.queue, gate),
          chunks: guarded(this.files.chunks, gate),
          store: guarded(this.files.store, gate),
        },
      },
    );
  }
}

/**
 * Jira's entity store as its adapter behaves: rules write status and priority by name
 * (`issue.status = "Done"`) and reading the issue back gives a named object (`{name: "Done"}`).
 */
class NamedFieldEntityStore implements EntityStore {
  constructor(private readonly inner: InMemoryEntityStore) {}

  read(ref: EntityRef) {
    return this.inner.read(ref);
  }

  apply(plan: WritePlan, source?: EntityRef): Promise<ApplyResult> {
    return this.inner.apply(
      {
        ...plan,
        fields: plan.fields.map((field) =>
          field.path.length === 1 &&
          (field.path[0] === 'status' || field.path[0] === 'priority') &&
          typeof field.value === 'string'
            ? { ...field, value: { name: field.value } }
            : field,
        ),
      },
      source,
    );
  }
}
