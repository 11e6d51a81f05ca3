/**
 * In-memory implementations of every port, faithful enough to run whole engines against each
 * other: the unit tests of the orchestrators use them, and so can the two-node harness.
 * Everything handed in or out is copied through JSON, so no caller can change stored state
 * behind the engine's back and nothing but JSON survives (as with a real store).
 */
import { replicaContentHash, type EntityRef, type JsonValue, type Replica } from '../../replica';
import type { IdPair, Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import type {
  Clock,
  ConditionalWrite,
  EntityStore,
  IdGenerator,
  LinkStore,
  RandomSource,
  ReplicaHasher,
  StatsStore,
  SyncLog,
  Transport,
  WorkQueue,
} from '../model/ports';
import type { QueueItem } from '../model/queue-item';
import type { SyncFailure } from '../model/sync-failure';
import type { SyncMessage } from '../model/sync-message';
import type { SyncLogEntry } from '../model/sync-log-entry';
import type { SyncStatsCounters } from '../model/sync-statistics';
import type { ApplyResult, CollectionPlan, WritePlan } from '../model/write-plan';

/** Stores keep JSON, so a stored value is its JSON round trip (undefined members vanish, as in a real store). */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function refKey(ref: EntityRef): string {
  return `${ref.type}:${ref.id}`;
}

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  private time: number;
  constructor(start: string | number = '2026-11-20T10:00:00.000Z') {
    this.time = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.time;
  }
  /** Moves time forward. */
  advance(ms: number): void {
    this.time += ms;
  }
  /** The current instant, ISO-8601. */
  iso(): string {
    return new Date(this.time).toISOString();
  }
}

/** Ids `prefix1`, `prefix2`, ... */
export function sequentialIds(prefix = 'id-'): IdGenerator {
  let next = 0;
  return { next: () => `${prefix}${++next}` };
}

/** A reproducible uniform random source in [0, 1) (mulberry32). */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The real replica content hash (docs/replica.md). */
export const contentHash: ReplicaHasher = replicaContentHash;

/**
 * Work to run once just before a store's next write, as another process would: a test or the
 * harness interleaves a second operation between the first one's reads and its write.
 */
export type BeforeWrite = () => Promise<void> | void;

/** Runs and forgets the first hook of a list. */
async function runHook(hooks: BeforeWrite[]): Promise<void> {
  const hook = hooks.shift();
  if (hook) await hook();
}

/** A failure to inject into the next apply, after creating `afterAdds` comment copies. */
interface InjectedFailure {
  failure: SyncFailure;
  afterAdds: number;
}

/**
 * Entities held as their rules view. `apply` carries out write plans like a platform adapter
 * would, as the integration identity (so `modifiedAt` does not move); `edit` is a person's edit.
 */
export class InMemoryEntityStore implements EntityStore {
  readonly entities = new Map<string, LocalEntity>();
  readonly plans: WritePlan[] = [];
  private created = 0;
  private copies = 0;
  private injected: InjectedFailure[] = [];
  /** Hooks run once, before the next `apply` writes anything (then after it, see `afterApply`). */
  readonly beforeApply: BeforeWrite[] = [];
  /** Hooks run once, after the next `apply` wrote everything and before it answers (a crash there loses the answer). */
  readonly afterApply: BeforeWrite[] = [];
  /** The copies this store created, by entity, collection and remote id: adds are idempotent by remote id. */
  private readonly copiesByRemote = new Map<string, string>();
  /** The entities this store created, by the remote entity they were created from: creation is idempotent too. */
  private readonly createdFrom = new Map<string, string>();

  constructor(
    readonly platform: string,
    readonly type: string,
    private readonly clock: Clock,
  ) {}

  /** Stores an entity as is (test setup). */
  put(entity: LocalEntity): void {
    this.entities.set(refKey(entity.ref), clone(entity));
  }

  /** A person's edit: sets top-level fields and stamps `modifiedAt`. */
  edit(ref: EntityRef, changes: Record<string, JsonValue>): void {
    const entity = this.require(ref);
    Object.assign(entity.view, clone(changes));
    entity.modifiedAt = new Date(this.clock.now()).toISOString();
  }

  /** A person adds a comment; returns its id. */
  addComment(ref: EntityRef, comment: Record<string, JsonValue>): string {
    const entity = this.require(ref);
    const id = `${this.type}-native-${++this.copies}`;
    const list = Array.isArray(entity.view.comments) ? entity.view.comments : [];
    entity.view.comments = [...list, { ...clone(comment), id }];
    entity.modifiedAt = new Date(this.clock.now()).toISOString();
    return id;
  }

  /** Makes the next `apply` fail with `failure`, after creating `afterAdds` comment copies. */
  failNextApply(failure: SyncFailure, afterAdds = 0): void {
    this.injected.push({ failure, afterAdds });
  }

  async read(ref: EntityRef): Promise<LocalEntity | null> {
    const entity = this.entities.get(refKey(ref));
    return entity ? clone(entity) : null;
  }

  async apply(plan: WritePlan, source?: EntityRef): Promise<ApplyResult> {
    await runHook(this.beforeApply);
    const result = this.write(plan, source);
    await runHook(this.afterApply);
    return result;
  }

  private write(plan: WritePlan, source?: EntityRef): ApplyResult {
    this.plans.push(clone(plan));
    const failing = this.injected.shift();
    let entity: LocalEntity;
    let createdEntity: EntityRef | null = null;
    const made = source && !plan.target ? this.createdFrom.get(refKey(source)) : undefined;
    const target =
      plan.target ?? (made && this.entities.has(made) ? this.entities.get(made)?.ref : undefined);
    if (target) {
      entity = this.require(target);
      // Reported like a creation, so a failed apply's link still records it.
      if (!plan.target) createdEntity = target;
    } else {
      const ref = { platform: this.platform, type: this.type, id: `${this.type}-${++this.created}` };
      entity = { ref, view: {}, modifiedAt: null };
      this.entities.set(refKey(ref), entity);
      if (source) this.createdFrom.set(refKey(source), refKey(ref));
      createdEntity = ref;
    }
    const created: { comments: IdPair[]; attachments: IdPair[] } = { comments: [], attachments: [] };
    if (failing) {
      for (const add of plan.comments.add.slice(0, failing.afterAdds)) {
        created.comments.push(this.addCopy(entity, 'comments', add.remoteId, add.value));
      }
      return { ok: false, error: failing.failure, entity: createdEntity, created };
    }
    for (const field of plan.fields) setPath(entity.view, field.path, clone(field.value));
    this.applyCollection(entity, 'comments', plan.comments, created.comments);
    this.applyCollection(entity, 'attachments', plan.attachments, created.attachments);
    return { ok: true, outcome: { entity: clone(entity), created } };
  }

  private applyCollection(
    entity: LocalEntity,
    name: 'comments' | 'attachments',
    plan: CollectionPlan,
    created: IdPair[],
  ): void {
    for (const add of plan.add) created.push(this.addCopy(entity, name, add.remoteId, add.value));
    const list = () => (Array.isArray(entity.view[name]) ? (entity.view[name] as JsonValue[]) : []);
    for (const update of plan.update) {
      entity.view[name] = list().map((item) =>
        idOf(item) === update.localId ? withId(update.value, update.localId) : item,
      );
    }
    const removed = new Set(plan.remove.map((remove) => remove.localId));
    if (removed.size > 0) entity.view[name] = list().filter((item) => !removed.has(idOf(item) ?? ''));
  }

  private addCopy(
    entity: LocalEntity,
    name: 'comments' | 'attachments',
    remoteId: string,
    value: JsonValue,
  ): IdPair {
    const copyKey = `${refKey(entity.ref)}|${name}|${remoteId}`;
    const existing = this.copiesByRemote.get(copyKey);
    const list = Array.isArray(entity.view[name]) ? (entity.view[name] as JsonValue[]) : [];
    // A copy a person deleted since is not brought back by a retry either: the id is reported as is.
    if (existing !== undefined) return { remote: remoteId, local: existing };
    const local = `${this.type}-copy-${++this.copies}`;
    this.copiesByRemote.set(copyKey, local);
    entity.view[name] = [...list, withId(value, local)];
    return { remote: remoteId, local };
  }

  private require(ref: EntityRef): LocalEntity {
    const entity = this.entities.get(refKey(ref));
    if (!entity) throw new Error(`no entity ${refKey(ref)}`);
    return entity;
  }
}

function setPath(root: Record<string, JsonValue>, path: string[], value: JsonValue): void {
  let node: Record<string, JsonValue> = root;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === null || next === undefined || typeof next !== 'object' || Array.isArray(next))
      node[segment] = {};
    node = node[segment] as Record<string, JsonValue>;
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

function idOf(item: JsonValue): string | null {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
  return typeof item.id === 'string' ? item.id : null;
}

function withId(value: JsonValue, id: string): JsonValue {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...clone(value), id }
    : { value, id };
}

/** Links and their `previous` replicas, in maps. */
export class InMemoryLinkStore implements LinkStore {
  readonly links = new Map<string, Link>();
  readonly previous = new Map<string, Replica>();
  /** Hooks run once each, in order, before the next saves (another process writing first). */
  readonly beforeSave: BeforeWrite[] = [];
  /** How many saves were refused as conflicts. */
  conflicts = 0;

  async get(connectionId: string, local: EntityRef): Promise<Link | null> {
    const link = this.links.get(`${connectionId}|${refKey(local)}`);
    return link ? clone(link) : null;
  }

  async findByRemote(connectionId: string, remote: EntityRef): Promise<Link | null> {
    for (const link of this.links.values()) {
      if (link.connectionId === connectionId && link.remote && refKey(link.remote) === refKey(remote))
        return clone(link);
    }
    return null;
  }

  async loadPrevious(link: Link): Promise<Replica | null> {
    const previous = this.previous.get(`${link.connectionId}|${refKey(link.local)}`);
    return previous ? clone(previous) : null;
  }

  async save(link: Link, previous?: Replica): Promise<ConditionalWrite> {
    await runHook(this.beforeSave);
    const key = `${link.connectionId}|${refKey(link.local)}`;
    if ((this.links.get(key)?.version ?? 0) !== link.version) {
      this.conflicts++;
      return { ok: false, conflict: true };
    }
    const version = link.version + 1;
    this.links.set(key, clone({ ...link, version }));
    if (previous) this.previous.set(key, clone(previous));
    return { ok: true, version };
  }
}

/** An outbox or inbox in a map. */
export class InMemoryWorkQueue implements WorkQueue {
  readonly items = new Map<string, QueueItem>();
  /** Hooks run once each, in order, before the next puts (another process writing first). */
  readonly beforePut: BeforeWrite[] = [];
  /** How many puts were refused as conflicts. */
  conflicts = 0;

  async get(key: string): Promise<QueueItem | null> {
    const item = this.items.get(key);
    return item ? clone(item) : null;
  }

  async put(item: QueueItem): Promise<ConditionalWrite> {
    await runHook(this.beforePut);
    if ((this.items.get(item.key)?.version ?? 0) !== item.version) {
      this.conflicts++;
      return { ok: false, conflict: true };
    }
    const version = item.version + 1;
    this.items.set(item.key, clone({ ...item, version }));
    return { ok: true, version };
  }

  async remove(key: string, id: string): Promise<void> {
    if (this.items.get(key)?.id === id) this.items.delete(key);
  }

  async due(connectionId: string, now: string, limit: number): Promise<QueueItem[]> {
    return [...this.items.values()]
      .filter(
        (item) => item.connectionId === connectionId && item.state === 'pending' && item.nextAttemptAt <= now,
      )
      .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : 0))
      .slice(0, limit)
      .map(clone);
  }

  async errors(connectionId: string): Promise<QueueItem[]> {
    return [...this.items.values()]
      .filter((item) => item.connectionId === connectionId && item.state === 'error')
      .map(clone);
  }

  async depth(connectionId: string): Promise<{ pending: number; error: number }> {
    let pending = 0;
    let error = 0;
    for (const item of this.items.values()) {
      if (item.connectionId !== connectionId) continue;
      if (item.state === 'error') error++;
      else pending++;
    }
    return { pending, error };
  }
}

/** The sync log as a list. */
export class InMemorySyncLog implements SyncLog {
  readonly entries: SyncLogEntry[] = [];
  async append(entry: SyncLogEntry): Promise<void> {
    this.entries.push(clone(entry));
  }
}

/** Statistics counters in a map. */
export class InMemoryStatsStore implements StatsStore {
  readonly counters = new Map<string, SyncStatsCounters>();
  async get(connectionId: string): Promise<SyncStatsCounters | null> {
    const counters = this.counters.get(connectionId);
    return counters ? clone(counters) : null;
  }
  async put(connectionId: string, counters: SyncStatsCounters): Promise<void> {
    this.counters.set(connectionId, clone(counters));
  }
}

/**
 * A transport that records what it sends and answers from a script of results; with the script
 * empty it hands the message to `deliverTo` (another engine's `receive`) or simply succeeds.
 */
export class RecordingTransport implements Transport {
  readonly sent: QueueItem[] = [];
  readonly answers: ({ ok: true } | { ok: false; error: SyncFailure } | Error)[] = [];
  deliverTo: ((message: SyncMessage) => Promise<{ ok: true } | { ok: false; error: SyncFailure }>) | null =
    null;

  async send(item: QueueItem): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
    this.sent.push(clone(item));
    const answer = this.answers.shift();
    if (answer instanceof Error) throw answer;
    if (answer) return answer;
    if (this.deliverTo && item.message) return this.deliverTo(clone(item.message));
    return { ok: true };
  }
}
