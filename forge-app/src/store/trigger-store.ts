/**
 * Triggers on plain KVS: one value per trigger under `tr:<id>` (JQL, active, notes), listed with
 * a `beginsWith('tr:')` query a page of 20 at a time. docs/forge-storage.md.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { Trigger, TriggerStore } from '../app/app-ports';
import { kvsKey } from './kvs-key';

/** KVS answers at most 20 entries per query page. */
const QUERY_PAGE = 20;
/** Most triggers listed (and so most triggers a site keeps in use). */
export const MAX_TRIGGERS = 50;

/** The triggers of this installation on @forge/kvs. */
export class ForgeTriggerStore implements TriggerStore {
  async list(limit: number): Promise<Trigger[]> {
    const cap = Number.isFinite(limit) ? Math.max(0, Math.min(MAX_TRIGGERS, Math.floor(limit))) : 0;
    const found: Trigger[] = [];
    let cursor: string | undefined;
    while (found.length < cap) {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith('tr:'))
        .limit(Math.min(QUERY_PAGE, cap - found.length));
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<Trigger>();
      for (const entry of page.results) if (isTrigger(entry.value)) found.push(entry.value);
      cursor = page.nextCursor;
      if (!cursor || page.results.length === 0) break;
    }
    return found;
  }

  async get(id: string): Promise<Trigger | null> {
    const stored = await kvs.get<Trigger>(kvsKey('tr', id));
    return isTrigger(stored) ? stored : null;
  }

  async save(trigger: Trigger): Promise<void> {
    await kvs.set(kvsKey('tr', trigger.id), trigger);
  }

  async delete(id: string): Promise<void> {
    await kvs.delete(kvsKey('tr', id));
  }
}

function isTrigger(value: unknown): value is Trigger {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.id === 'string' &&
    typeof t.jql === 'string' &&
    typeof t.active === 'boolean' &&
    typeof t.notes === 'string' &&
    typeof t.updatedAt === 'string'
  );
}
