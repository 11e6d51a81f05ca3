/**
 * The async events stand-in: what `Queue.push` of @forge/events 3.0.8 posts
 * (`/webhook/queue/publish/...`, a `PushRequest` body) is kept per queue and delivered to the
 * queue's consumer when due on the runtime's clock, as an `AsyncEvent` (`body`, `queueName`,
 * `jobId`, `eventId`, `retryContext` from the first retry on). A consumer that returns an
 * `InvocationError` (`{ _retry: true, retryOptions }`) is retried after `retryAfter` seconds
 * (at most 900), at most `MAX_RETRIES` times; a consumer that throws or runs over its time limit
 * is retried the same way with the platform's reason. Limits as documented: 50 events and 200 KB
 * per push, `delayInSeconds` 0..900.
 */
import { randomUUID } from 'node:crypto';

/** Most retries of one event after its first delivery. */
export const MAX_RETRIES = 4;
/** Most events per push. */
export const MAX_EVENTS_PER_PUSH = 50;
/** Largest push payload, bytes (200 KB as the SDK counts it: KB of 1024). */
export const MAX_PUSH_BYTES = 200 * 1024;
/** Longest delay and `retryAfter`, seconds. */
export const MAX_DELAY_SECONDS = 900;

/** An event as a consumer function receives it. */
export interface AsyncEvent {
  body: Record<string, unknown>;
  queueName: string;
  jobId: string;
  eventId: string;
  delayInSeconds?: number;
  retryContext?: { retryCount: number; retryReason: string; retryData: unknown };
}

/** How one delivery ended, as the runtime reports it. */
export interface DeliveryOutcome {
  /** The consumer asked for a retry, threw, or ran over its time limit. */
  retry: boolean;
  retryAfterSeconds?: number;
  retryReason?: string;
  retryData?: unknown;
}

/** One delivery, kept for tests and for `npm start`'s log. */
export interface DeliveryRecord {
  event: AsyncEvent;
  at: number;
  outcome: DeliveryOutcome;
  /** True when the event was dropped after this delivery: it asked for a retry with none left. */
  gaveUp: boolean;
}

interface Pending {
  event: AsyncEvent;
  dueAt: number;
  sequence: number;
}

/** The queues of one installation. */
export class EventQueues {
  private readonly pending: Pending[] = [];
  private sequence = 0;
  /** Every delivery made, in order. */
  readonly deliveries: DeliveryRecord[] = [];

  constructor(private readonly now: () => number) {}

  /** Answers the publish call: `{ status, body }` as the SDK's validators read them. */
  publish(body: string): { status: number; body: string } {
    let request: { queueName?: unknown; jobId?: unknown; payload?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return { status: 400, body: JSON.stringify({ message: 'The push body is not JSON.' }) };
    }
    const events = Array.isArray(request.payload) ? (request.payload as Record<string, unknown>[]) : [];
    if (typeof request.queueName !== 'string' || !/^[a-zA-Z0-9-_]+$/.test(request.queueName))
      return { status: 400, body: JSON.stringify({ message: 'The queue name is invalid.' }) };
    if (events.length === 0 || events.length > MAX_EVENTS_PER_PUSH)
      return {
        status: 400,
        body: JSON.stringify({
          message: `A push carries 1 to ${MAX_EVENTS_PER_PUSH} events; ${events.length} given.`,
        }),
      };
    const bytes = Buffer.byteLength(JSON.stringify(events));
    if (bytes > MAX_PUSH_BYTES)
      return {
        status: 413,
        body: JSON.stringify({
          errorMessage: `The push is ${bytes} bytes; at most ${MAX_PUSH_BYTES} are taken.`,
        }),
      };
    const jobId = typeof request.jobId === 'string' ? request.jobId : randomUUID();
    for (const pushed of events) {
      const delay = typeof pushed.delayInSeconds === 'number' ? pushed.delayInSeconds : 0;
      if (delay < 0 || delay > MAX_DELAY_SECONDS)
        return {
          status: 400,
          body: JSON.stringify({ message: `delayInSeconds must be 0..${MAX_DELAY_SECONDS}.` }),
        };
    }
    for (const pushed of events) {
      const delay = typeof pushed.delayInSeconds === 'number' ? pushed.delayInSeconds : 0;
      const event: AsyncEvent = {
        body: (pushed.body ?? {}) as Record<string, unknown>,
        queueName: request.queueName,
        jobId,
        eventId: randomUUID(),
        ...(delay > 0 ? { delayInSeconds: delay } : {}),
      };
      this.pending.push({ event, dueAt: this.now() + delay * 1000, sequence: ++this.sequence });
    }
    return { status: 201, body: JSON.stringify({ jobId }) };
  }

  /** The events waiting, any queue. */
  get size(): number {
    return this.pending.length;
  }

  /** Takes the earliest event due now (by due time, then push order), or null. */
  takeDue(): AsyncEvent | null {
    let best = -1;
    const now = this.now();
    this.pending.forEach((item, at) => {
      const current = this.pending[best];
      if (item.dueAt > now) return;
      if (
        !current ||
        item.dueAt < current.dueAt ||
        (item.dueAt === current.dueAt && item.sequence < current.sequence)
      )
        best = at;
    });
    if (best < 0) return null;
    const [taken] = this.pending.splice(best, 1);
    return taken ? taken.event : null;
  }

  /** The earliest due time of a waiting event, or null. */
  nextDueAt(): number | null {
    return this.pending.reduce<number | null>(
      (min, item) => (min === null || item.dueAt < min ? item.dueAt : min),
      null,
    );
  }

  /** Records a delivery and schedules the retry it asks for, while retries are left. */
  settle(event: AsyncEvent, outcome: DeliveryOutcome): DeliveryRecord {
    const retries = event.retryContext?.retryCount ?? 0;
    const gaveUp = outcome.retry && retries >= MAX_RETRIES;
    const record: DeliveryRecord = { event, at: this.now(), outcome, gaveUp };
    this.deliveries.push(record);
    if (outcome.retry && !gaveUp) {
      const after = Math.min(Math.max(outcome.retryAfterSeconds ?? 1, 1), MAX_DELAY_SECONDS);
      this.pending.push({
        event: {
          ...event,
          retryContext: {
            retryCount: retries + 1,
            retryReason: outcome.retryReason ?? 'FUNCTION_RETRY_REQUEST',
            retryData: outcome.retryData,
          },
        },
        dueAt: this.now() + after * 1000,
        sequence: ++this.sequence,
      });
    }
    return record;
  }
}

/** Reads a consumer's answer: an `InvocationError` asks for a retry; anything else is done. */
export function outcomeOf(answer: unknown): DeliveryOutcome {
  if (answer === null || typeof answer !== 'object') return { retry: false };
  const { _retry: retry, retryOptions } = answer as {
    _retry?: unknown;
    retryOptions?: Record<string, unknown>;
  };
  if (retry !== true) return { retry: false };
  return {
    retry: true,
    ...(typeof retryOptions?.retryAfter === 'number' ? { retryAfterSeconds: retryOptions.retryAfter } : {}),
    ...(typeof retryOptions?.retryReason === 'string' ? { retryReason: retryOptions.retryReason } : {}),
    ...(retryOptions?.retryData !== undefined ? { retryData: retryOptions.retryData } : {}),
  };
}
