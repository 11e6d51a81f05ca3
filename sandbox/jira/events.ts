/**
 * Product events as Forge delivers them to a `trigger` module (`avi:jira:created:issue`,
 * `avi:jira:updated:issue` with `changelog.items`, ...), held in an outbox and delivered to
 * subscribers. Chaos knobs reproduce what the platform does: delivery late (`delayMs`), twice
 * (`duplicates`) and out of order (`reorder`), from a seeded random so a failing test replays.
 */

/** The event types the stand-in raises (Forge has no comment-updated event). */
export type ProductEventType =
  | 'avi:jira:created:issue'
  | 'avi:jira:updated:issue'
  | 'avi:jira:deleted:issue'
  | 'avi:jira:commented:issue'
  | 'avi:jira:created:attachment'
  | 'avi:jira:deleted:attachment';

/** One product event's payload. */
export interface ProductEvent {
  eventType: ProductEventType;
  /** The account that made the change. */
  atlassianId: string;
  /** True when the app's own REST calls made the change (`filter.ignoreSelf` drops these). */
  selfGenerated: boolean;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  changelog?: {
    items: {
      field: string;
      fieldId: string;
      from: string | null;
      fromString: string | null;
      to: string | null;
      toString: string | null;
    }[];
  };
  comment?: { id: string };
  attachment?: { id: string; fileName?: string; mimeType?: string; size?: number };
}

/** How events misbehave on their way to a subscriber. */
export interface EventChaos {
  /** Wait this long before delivering a drained batch (setTimeout); 0 delivers at once. */
  delayMs?: number;
  /** Deliver every event twice. */
  duplicates?: boolean;
  /** Shuffle each drained batch. */
  reorder?: boolean;
  /** Seed of the shuffle. */
  seed?: number;
}

export type EventSubscriber = (event: ProductEvent) => void | Promise<void>;

/** The outbox: changes push events; `deliver` hands the pending ones to subscribers. */
export interface EventOutbox {
  push(event: ProductEvent): void;
  subscribe(subscriber: EventSubscriber): () => void;
  /** Sets the chaos knobs for later deliveries. */
  setChaos(chaos: EventChaos): void;
  /** Events raised and not yet delivered. */
  pending(): readonly ProductEvent[];
  /** Delivers the pending events (after `delayMs`, duplicated and reordered as configured). */
  deliver(): Promise<number>;
}

/** Makes an empty outbox. */
export function createEventOutbox(): EventOutbox {
  let queue: ProductEvent[] = [];
  let chaos: EventChaos = {};
  let state = 0;
  const subscribers = new Set<EventSubscriber>();
  const random = (): number => {
    // mulberry32: tiny, seeded, good enough for shuffling test batches
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    push: (event) => {
      queue.push(structuredClone(event));
    },
    subscribe: (subscriber) => {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    setChaos: (next) => {
      chaos = { ...next };
      state = next.seed ?? 1;
    },
    pending: () => queue,
    deliver: async () => {
      const batch = queue.flatMap((event) => (chaos.duplicates ? [event, structuredClone(event)] : [event]));
      queue = [];
      if (chaos.reorder) {
        for (let i = batch.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [batch[i], batch[j]] = [batch[j] as ProductEvent, batch[i] as ProductEvent];
        }
      }
      if ((chaos.delayMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, chaos.delayMs));
      for (const event of batch) for (const subscriber of subscribers) await subscriber(event);
      return batch.length;
    },
  };
}
