/**
 * The stores the app keeps for itself beside the core's ports, on plain KVS: the site's setup
 * (written by the admin console), each connection's compiled rules, the sweep's cursor, the
 * coalescing marks per issue, and the list of connection ids (`c:` keys of `ForgeConnectionStore`).
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { IrDependencies } from '@tandem/shared-ts/engine';
import type { IrProgram } from '@tandem/shared-ts/rules';
import { LINKED_SCOPE, type CoalesceMarks, type SweepCursor, type SweepCursorStore } from '../app/app-ports';
import { kvsKey } from './kvs-key';

/** The site's setup, written by the admin console: what the rendezvous tells a peer. */
export interface SiteSetup {
  site: { name: string; url: string };
}

/** A connection's rules as the console compiled them (`compile(...)`'s IR of each direction). */
export interface StoredRules {
  incomingIr: IrProgram;
  outgoingIr: IrProgram;
  /** `ir.dependencies` of the incoming IR (`SyncRules.incomingDependencies`). */
  dependencies?: IrDependencies;
}

const SETUP_KEY = 'tandem-setup';
const CURSOR_KEY = 'tandem-sweep-cursor';

/** The site's setup and the connections' rules on KVS. */
export class ForgeSetupStore {
  /** The setup, or null while the console has not written it. */
  async setup(): Promise<SiteSetup | null> {
    const stored = await kvs.get<SiteSetup>(SETUP_KEY);
    return stored ?? null;
  }
  async writeSetup(setup: SiteSetup): Promise<void> {
    await kvs.set(SETUP_KEY, setup);
  }
  /** The compiled rules of a connection, or null while none are stored. */
  async rules(connectionId: string): Promise<StoredRules | null> {
    const stored = await kvs.get<StoredRules>(kvsKey('r', connectionId));
    return stored ?? null;
  }
  async writeRules(connectionId: string, rules: StoredRules): Promise<void> {
    await kvs.set(kvsKey('r', connectionId), rules);
  }
}

/** The sweep's cursors: the linked issues' under one KVS key, each trigger's under `sc:<trigger id>`. */
export class ForgeSweepCursorStore implements SweepCursorStore {
  async read(scope: string = LINKED_SCOPE): Promise<SweepCursor | null> {
    return (await kvs.get<SweepCursor>(cursorKey(scope))) ?? null;
  }

  async write(cursor: SweepCursor, scope: string = LINKED_SCOPE): Promise<void> {
    await kvs.set(cursorKey(scope), cursor);
  }
}

function cursorKey(scope: string): string {
  return scope === LINKED_SCOPE ? CURSOR_KEY : kvsKey('sc', scope);
}

/**
 * Coalescing marks, one KVS key each (`m:<key>` holding the epoch ms it lasts until). A claim
 * reads then writes: two claims racing may both win, which costs one duplicate job (the work
 * is idempotent: a replica is built from the current state), never a lost one.
 */
export class ForgeCoalesceMarks implements CoalesceMarks {
  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }) {}
  async claim(key: string, until: number): Promise<boolean> {
    const held = await kvs.get<number>(kvsKey('m', key));
    if (typeof held === 'number' && held > this.clock.now()) return false;
    await kvs.set(kvsKey('m', key), until);
    return true;
  }
  async release(key: string): Promise<void> {
    await kvs.delete(kvsKey('m', key));
  }
}

/** KVS answers at most 20 entries per query page. */
const QUERY_PAGE = 20;

/** The ids of the stored connections (`c:` keys), at most `limit` (capped at 100), a page of 20 at a time. */
export async function listConnectionIds(limit: number): Promise<string[]> {
  const cap = Number.isFinite(limit) ? Math.max(0, Math.min(100, Math.floor(limit))) : 0;
  const ids: string[] = [];
  let cursor: string | undefined;
  while (ids.length < cap) {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith('c:'))
      .limit(Math.min(QUERY_PAGE, cap - ids.length));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<{ connectionId?: unknown }>();
    for (const entry of page.results)
      if (typeof entry.value.connectionId === 'string') ids.push(entry.value.connectionId);
    cursor = page.nextCursor;
    if (!cursor || page.results.length === 0) break;
  }
  return ids;
}
