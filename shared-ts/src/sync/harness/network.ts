/**
 * The wire between the two harness nodes, with faults. Every request is a signed message (headers
 * and the exact body text); the receiving node's endpoint answers it. Faults come from an explicit
 * schedule per sending side first, then (when rates are set) from a seeded random source, so every
 * failure is reproducible from the schedule or the seed.
 */
import type { RawMessage } from '../../protocol';
import type { Side } from '../../rules/runtime/types';
import type { RandomSource } from '../model/ports';

/** What a node's endpoint answers: an HTTP status and a message (signed `ack`, or an unsigned error). */
export interface WireResponse {
  status: number;
  message: RawMessage;
}

/** A node's endpoint: verifies a request and answers it. */
export type Endpoint = (request: RawMessage) => Promise<WireResponse>;

/** Every kind of fault the network can inject into one request. */
export const FAULT_KINDS = [
  'drop',
  'drop-ack',
  'delay',
  'duplicate',
  'reorder',
  'crash-sender',
  'crash-receiver',
] as const;

/** One of `FAULT_KINDS`. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * What happens to one request:
 * - `drop`: it is lost; the sender sees a network error and retries later.
 * - `drop-ack`: it is delivered but the answer is lost; the sender sees a timeout and sends the
 *   same item again (as a new message), so the receiver gets it twice.
 * - `delay`: it is held for `ms` (default: 1 to 30 s, from the random source) and then delivered;
 *   the sender times out meanwhile and retries, so old and new copies may cross.
 * - `duplicate`: it is delivered, and the same bytes again `ms` later (default 0): the replay
 *   cache must refuse the copy.
 * - `reorder`: it is held until the next request between the same two nodes has been delivered,
 *   then delivered after it; the sender times out meanwhile.
 * - `crash-sender`: the sender's process dies just before sending, after its outbox was persisted;
 *   nothing is sent and nothing more is written until it restarts.
 * - `crash-receiver`: the receiver persists the message in its inbox, then dies before answering;
 *   the sender sees a network error and sends it again.
 */
export interface Fault {
  /** `none` delivers the request normally (a placeholder in a schedule). */
  kind: FaultKind | 'none';
  ms?: number;
}

/** Random fault rates: the probability of each kind, per request (their sum at most 1). */
export type FaultRates = Partial<Record<FaultKind, number>>;

/** What became of one request, for tests to read. */
export interface PacketRecord {
  from: Side;
  to: Side;
  /** The envelope's kind and message id, as the sender claims them (read before verification). */
  kind: string | null;
  messageId: string | null;
  /** The fault injected into this attempt, if any (`copy` for the late copy of a duplicate). */
  fault: FaultKind | 'copy' | null;
  /** The receiver's HTTP status, or `lost` when no answer reached anyone. */
  outcome: number | 'lost' | 'not-sent';
  /** The epoch ms of the delivery (or loss). */
  at: number;
  /** The request as it was on the wire (to replay or tamper with in tests). */
  request: RawMessage;
}

/** What the sender's transport learns about its request. */
export type TransmitResult =
  | { kind: 'answered'; response: WireResponse }
  | { kind: 'lost' }
  | { kind: 'timeout' }
  | { kind: 'sender-crashed' };

interface HeldPacket {
  from: Side;
  to: Side;
  request: RawMessage;
  fault: FaultKind | 'copy';
  /** Epoch ms at which it is delivered, or null: after the next request between the same nodes. */
  deliverAt: number | null;
}

/** The two ends a network joins, and what a crash-receiver fault does to a node. */
export interface NetworkNode {
  endpoint: Endpoint;
  /** Kills the node's process (persisted state stays). */
  crash(): void;
  /** Whether its process is down (requests to it are lost). */
  readonly crashed: boolean;
}

/**
 * The network between the nodes. `transmit` is the sender's side of one request; held packets
 * (delayed, reordered, duplicated) are delivered by `deliverHeld`, which the harness calls.
 */
export class Network {
  /** Every delivery attempt, in order. */
  readonly log: PacketRecord[] = [];
  private readonly scheduled: Record<Side, Fault[]> = { jira: [], salesforce: [] };
  private readonly held: HeldPacket[] = [];
  private readonly nodes = new Map<Side, NetworkNode>();
  private rates: FaultRates = {};

  constructor(
    private readonly clock: { now(): number },
    private readonly random: RandomSource,
  ) {}

  /** Joins a node to the network under its side. */
  attach(side: Side, node: NetworkNode): void {
    this.nodes.set(side, node);
  }

  /** Queues faults for the next requests `from` sends, one per request, in order. */
  schedule(from: Side, ...faults: Fault[]): void {
    this.scheduled[from].push(...faults);
  }

  /** Sets random fault rates for requests with no scheduled fault (none by default). */
  setRates(rates: FaultRates): void {
    const total = Object.values(rates).reduce((sum, rate) => sum + (rate ?? 0), 0);
    if (total > 1) throw new RangeError(`Fault rates add up to ${total}; at most 1.`);
    this.rates = { ...rates };
  }

  /** Stops injecting faults: clears schedules and rates. Held packets stay in flight. */
  calm(): void {
    this.scheduled.jira.length = 0;
    this.scheduled.salesforce.length = 0;
    this.rates = {};
  }

  /** How many packets are held in flight. */
  get inFlight(): number {
    return this.held.length;
  }

  /** The earliest time a delayed or duplicated packet is due, or null (reordered ones wait for a follower, not a time). */
  nextDueAt(): number | null {
    let next: number | null = null;
    for (const packet of this.held) {
      if (packet.deliverAt !== null && (next === null || packet.deliverAt < next)) next = packet.deliverAt;
    }
    return next;
  }

  /**
   * The sender's side of one request: applies the next fault and says what the sender sees. The
   * fault is the next one scheduled for `faultsOf` (the sender by default; a pull takes those of
   * the side whose messages it fetches).
   */
  async transmit(from: Side, request: RawMessage, faultsOf: Side = from): Promise<TransmitResult> {
    const to: Side = from === 'jira' ? 'salesforce' : 'jira';
    const next = this.nextFault(faultsOf);
    const fault = next?.kind === 'none' ? null : next;
    switch (fault?.kind) {
      case 'crash-sender':
        this.record(from, to, request, 'crash-sender', 'not-sent');
        return { kind: 'sender-crashed' };
      case 'drop':
        this.record(from, to, request, 'drop', 'lost');
        return { kind: 'lost' };
      case 'delay':
        this.held.push({
          from,
          to,
          request,
          fault: 'delay',
          deliverAt: this.clock.now() + (fault.ms ?? 1_000 + Math.floor(this.random() * 29_000)),
        });
        return { kind: 'timeout' };
      case 'reorder':
        this.held.push({ from, to, request, fault: 'reorder', deliverAt: null });
        return { kind: 'timeout' };
      case 'drop-ack': {
        await this.deliver(from, to, request, 'drop-ack');
        return { kind: 'timeout' };
      }
      case 'crash-receiver': {
        const response = await this.deliver(from, to, request, 'crash-receiver');
        if (response) this.nodes.get(to)?.crash();
        return { kind: 'lost' };
      }
      case 'duplicate': {
        const response = await this.deliver(from, to, request, 'duplicate');
        this.held.push({ from, to, request, fault: 'copy', deliverAt: this.clock.now() + (fault.ms ?? 0) });
        return response ? { kind: 'answered', response } : { kind: 'lost' };
      }
      default: {
        const response = await this.deliver(from, to, request, null);
        return response ? { kind: 'answered', response } : { kind: 'lost' };
      }
    }
  }

  /**
   * Delivers the held packets that are due at the clock's time (with `all`, every held packet);
   * their answers reach nobody, as the senders have given up on them.
   */
  async deliverHeld(all = false): Promise<number> {
    let delivered = 0;
    for (;;) {
      const now = this.clock.now();
      const index = this.held.findIndex((packet) =>
        packet.deliverAt === null ? all : all || packet.deliverAt <= now,
      );
      if (index < 0) return delivered;
      const [packet] = this.held.splice(index, 1);
      if (!packet) return delivered;
      await this.deliver(packet.from, packet.to, packet.request, packet.fault);
      delivered++;
    }
  }

  private nextFault(from: Side): Fault | null {
    const scheduled = this.scheduled[from].shift();
    if (scheduled) return scheduled;
    let roll = this.random();
    for (const kind of FAULT_KINDS) {
      const rate = this.rates[kind] ?? 0;
      if (roll < rate) return { kind };
      roll -= rate;
    }
    return null;
  }

  /** Hands a request to the receiver; null when it is down. Releases packets held for a reorder after it. */
  private async deliver(
    from: Side,
    to: Side,
    request: RawMessage,
    fault: FaultKind | 'copy' | null,
  ): Promise<WireResponse | null> {
    const node = this.nodes.get(to);
    let response: WireResponse | null = null;
    if (node && !node.crashed) response = await node.endpoint(request);
    this.record(from, to, request, fault, response ? response.status : 'lost');
    if (fault !== 'reorder' && fault !== 'copy') {
      for (;;) {
        const index = this.held.findIndex(
          (packet) => packet.deliverAt === null && packet.from === from && packet.to === to,
        );
        if (index < 0) break;
        const [overtaken] = this.held.splice(index, 1);
        if (overtaken) await this.deliver(overtaken.from, overtaken.to, overtaken.request, 'reorder');
      }
    }
    return response;
  }

  private record(
    from: Side,
    to: Side,
    request: RawMessage,
    fault: FaultKind | 'copy' | null,
    outcome: PacketRecord['outcome'],
  ): void {
    const claimed = peek(request.body);
    this.log.push({ from, to, ...claimed, fault, outcome, at: this.clock.now(), request });
  }
}

function peek(body: string): { kind: string | null; messageId: string | null } {
  try {
    const value: unknown = JSON.parse(body);
    if (value === null || typeof value !== 'object') return { kind: null, messageId: null };
    const { kind, messageId } = value as { kind?: unknown; messageId?: unknown };
    return {
      kind: typeof kind === 'string' ? kind : null,
      messageId: typeof messageId === 'string' ? messageId : null,
    };
  } catch {
    return { kind: null, messageId: null };
  }
}
