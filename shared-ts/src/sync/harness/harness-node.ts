/**
 * One side of the two-node harness: a real sync engine on in-memory ports, the real rules
 * runtime, and the real protocol at its edges. Its transport signs each outbox item as a new
 * envelope and verifies the signed `ack`; its endpoint verifies each request (signature, time
 * window, replay cache) before the engine sees it. Its process can crash and restart: the stores
 * survive, everything else is rebuilt.
 */
import {
  acceptHello,
  createEnvelope,
  createMessageIdGenerator,
  errorResponse,
  InMemoryInvitationStore,
  InMemoryReplayCache,
  peekMessageKind,
  readErrorResponse,
  signMessage,
  verifyMessage,
  type EnvelopeOf,
  type MessageIdGenerator,
  type RandomBytes,
  type RawMessage,
  type SiteInfo,
} from '../../protocol';
import type { EntityRef, JsonValue } from '../../replica';
import { runRules } from '../../rules';
import type { Side } from '../../rules/types';
import { classifyFailure } from '../classify-failure';
import { createSyncEngine, type SyncEngine } from '../create-sync-engine';
import type { EntityStore, RandomSource } from '../ports';
import type { QueueItem } from '../queue-item';
import type { RetryPolicy } from '../retry-policy';
import { syncFailure, type SyncFailure } from '../sync-failure';
import type { SyncMessage } from '../sync-message';
import type { SyncPolicy } from '../sync-policy';
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
import type { ApplyResult, WritePlan } from '../write-plan';
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
}

/** The connection, once paired. */
interface Pairing {
  connectionId: string;
  secret: string;
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
  pair(connectionId: string, secret: string): void {
    this.pairing = { connectionId, secret };
    this.current = this.buildEngine(connectionId);
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
   * The web endpoint: a `hello` goes to the handshake (initiator only); anything else must verify
   * against the connection's secret, the time window and the replay cache before the engine gets
   * it. Refusals are unsigned error responses and change nothing.
   */
  endpoint = async (request: RawMessage): Promise<WireResponse> => {
    this.gate.check();
    if (peekMessageKind(request) === 'hello') return this.acceptHelloRequest(request);
    const pairing = this.pairing;
    const verified = await verifyMessage(request, {
      secretFor: async (connectionId) =>
        pairing && pairing.connectionId === connectionId ? pairing.secret : null,
      clock: this.options.clock,
      replayCache: this.replayCache,
      kinds: ['replica', 'unlink'],
    });
    if (!verified.ok) {
      const response = errorResponse(verified.error);
      return { status: response.statusCode, message: { headers: {}, body: response.body } };
    }
    const envelope = verified.envelope;
    const message: SyncMessage | null =
      envelope.kind === 'replica'
        ? { kind: 'replica', ...envelope.body }
        : envelope.kind === 'unlink'
          ? { kind: 'unlink', ...envelope.body }
          : null;
    const received: { ok: true } | { ok: false; failure: SyncFailure } = message
      ? await this.engine.receive(message)
      : { ok: false, failure: syncFailure('schema', `A ${envelope.kind} is not taken here.`) };
    const ack = createEnvelope(
      'ack',
      {
        results: [
          received.ok
            ? { messageId: envelope.messageId, outcome: 'accepted' }
            : {
                messageId: envelope.messageId,
                outcome: 'rejected',
                error: {
                  code: received.failure.code,
                  message: received.failure.message,
                  retryable: classifyFailure(received.failure) === 'transient',
                },
              },
        ],
      },
      {
        connectionId: envelope.connectionId,
        messageId: this.nextMessageId(),
        sentAt: this.options.clock.now(),
      },
    );
    return { status: 200, message: await signMessage(ack, this.requirePairing().secret) };
  };

  private async acceptHelloRequest(request: RawMessage): Promise<WireResponse> {
    const accepted = await acceptHello(request, {
      invitations: this.invitations,
      replayCache: this.replayCache,
      clock: this.options.clock,
      messageIds: () => this.nextMessageId(),
      platform: this.side,
      site: this.site,
    });
    if (!accepted.ok) {
      const response = errorResponse(accepted.error);
      return { status: response.statusCode, message: { headers: {}, body: response.body } };
    }
    if (!this.pairing) this.pair(accepted.connection.connectionId, accepted.connectionSecret);
    return { status: 200, message: accepted.response };
  }

  /** Sends one outbox item as a new signed envelope and reads the signed answer. */
  private async send(item: QueueItem): Promise<{ ok: true } | { ok: false; failure: SyncFailure }> {
    this.gate.check();
    const pairing = this.requirePairing();
    const message = item.message;
    if (!message) return { ok: false, failure: syncFailure('schema', 'The outbox item has no message.') };
    const stamp = {
      connectionId: pairing.connectionId,
      messageId: this.nextMessageId(),
      sentAt: this.options.clock.now(),
    };
    const envelope: EnvelopeOf<'replica'> | EnvelopeOf<'unlink'> =
      message.kind === 'replica'
        ? createEnvelope(
            'replica',
            {
              replica: message.replica,
              target: message.target,
              applied: message.applied,
              ...(message.policy === undefined ? {} : { policy: message.policy }),
            },
            stamp,
          )
        : createEnvelope(
            'unlink',
            { entity: message.entity, target: message.target, reason: message.reason },
            stamp,
          );
    const request = await signMessage(envelope, pairing.secret);
    const sent = await this.options.network.transmit(this.side, request);
    if (sent.kind === 'sender-crashed') {
      this.gate.crash();
      throw new NodeCrashedError(this.side);
    }
    if (sent.kind === 'lost')
      return { ok: false, failure: syncFailure('network', 'No answer: the request or its answer was lost.') };
    if (sent.kind === 'timeout')
      return { ok: false, failure: syncFailure('timeout', 'The other side did not answer in time.') };
    return this.readAnswer(sent.response, envelope.messageId, pairing);
  }

  private async readAnswer(
    response: WireResponse,
    messageId: string,
    pairing: Pairing,
  ): Promise<{ ok: true } | { ok: false; failure: SyncFailure }> {
    if (response.status !== 200) {
      const error = readErrorResponse(response.message.body);
      return {
        ok: false,
        failure: syncFailure(
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
        failure: syncFailure('network', `The answer did not verify: ${verified.error.message}`),
      };
    }
    const ack = verified.envelope as EnvelopeOf<'ack'>;
    const result = ack.body.results.find((candidate) => candidate.messageId === messageId);
    if (!result)
      return { ok: false, failure: syncFailure('network', `The answer does not acknowledge ${messageId}.`) };
    if (result.outcome === 'accepted') return { ok: true };
    return {
      ok: false,
      failure: syncFailure(
        result.error.retryable ? 'unavailable' : 'rejected',
        `${result.error.code}: ${result.error.message}`,
      ),
    };
  }

  private requirePairing(): Pairing {
    if (!this.pairing) throw new Error(`The ${this.side} node is not paired yet.`);
    return this.pairing;
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
        random: this.random,
        runRules,
        hashReplica: contentHash,
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
