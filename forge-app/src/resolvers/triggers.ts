import { randomUUID } from 'node:crypto';
import type { AppPorts, Trigger } from '../app/app-ports';
import { MAX_TRIGGERS } from '../store/trigger-store';
import { refuse, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';
import { NOT_AN_OBJECT, payloadOf, readFlag, readText, type UiCall } from './ui-call';

/** Longest trigger JQL, characters. */
export const MAX_JQL_CHARS = 5_000;
/** Longest notes, characters. */
export const MAX_NOTES_CHARS = 2_000;
const TRIGGER_ID = /^t[A-Za-z0-9_-]{1,40}$/;
/** ORDER BY would break `issue = KEY AND (<jql>)`; the sweep orders by itself. */
const ORDER_BY = /\border\s+by\b/i;

/** `listTriggers`: the site's triggers, oldest first (at most 50). Never throws. */
export async function listTriggers(ports: AppPorts): Promise<ResolverAnswer<Trigger[]>> {
  try {
    return { ok: true, value: await ports.triggers.list(MAX_TRIGGERS) };
  } catch {
    return UNAVAILABLE;
  }
}

/**
 * `saveTrigger` `{ id?, jql, notes?, active? }`: creates a trigger (no id) or edits one. The JQL
 * is validated by Jira (`/rest/api/3/jql/parse`, strict): its errors come back as `jql-invalid`
 * with Jira's words in `details`, and nothing is stored. A new trigger is active unless
 * `active: false`. Never throws.
 */
export async function saveTrigger(call: UiCall, ports: AppPorts): Promise<ResolverAnswer<Trigger>> {
  const payload = payloadOf(call);
  if (!payload) return NOT_AN_OBJECT;
  const id = readText(payload, 'id', { max: 41, pattern: TRIGGER_ID, optional: true, what: 'a trigger id' });
  if (!id.ok) return id;
  const jql = readText(payload, 'jql', { max: MAX_JQL_CHARS, what: 'a JQL query' });
  if (!jql.ok) return jql;
  if (ORDER_BY.test(jql.value))
    return refuse(
      'jql-invalid',
      'Leave ORDER BY out of a trigger: Tandem orders the issues it sweeps itself.',
    );
  const notes = payload.notes ?? '';
  if (typeof notes !== 'string' || notes.length > MAX_NOTES_CHARS)
    return refuse('payload-invalid', `notes must be text of at most ${MAX_NOTES_CHARS} characters.`);
  const active =
    payload.active === undefined ? { ok: true as const, value: undefined } : readFlag(payload, 'active');
  if (!active.ok) return active;
  try {
    const existing = id.value === undefined ? null : await ports.triggers.get(id.value);
    if (id.value !== undefined && !existing) return refuse('not-found', `There is no trigger ${id.value}.`);
    if (!existing && (await ports.triggers.list(MAX_TRIGGERS)).length >= MAX_TRIGGERS)
      return refuse(
        'too-many-triggers',
        `A site keeps at most ${MAX_TRIGGERS} triggers: delete or reuse one.`,
      );
    const checked = await ports.admin.validateJql([jql.value]);
    if (!checked.ok) return UNAVAILABLE;
    const errors = checked.value[0] ?? [];
    if (errors.length > 0) return refuse('jql-invalid', `Jira refused this JQL: ${errors.join(' ')}`, errors);
    const trigger: Trigger = {
      id: existing?.id ?? `t${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      jql: jql.value,
      active: active.value ?? existing?.active ?? true,
      notes,
      updatedAt: new Date(ports.clock.now()).toISOString(),
    };
    await ports.triggers.save(trigger);
    return { ok: true, value: trigger };
  } catch {
    return UNAVAILABLE;
  }
}

/** `setTriggerActive` `{ id, active }`: an inactive trigger is neither tested by events nor swept. Never throws. */
export async function setTriggerActive(call: UiCall, ports: AppPorts): Promise<ResolverAnswer<Trigger>> {
  const payload = payloadOf(call);
  if (!payload) return NOT_AN_OBJECT;
  const id = readText(payload, 'id', { max: 41, pattern: TRIGGER_ID, what: 'a trigger id' });
  if (!id.ok) return id;
  const active = readFlag(payload, 'active');
  if (!active.ok) return active;
  try {
    const existing = await ports.triggers.get(id.value);
    if (!existing) return refuse('not-found', `There is no trigger ${id.value}.`);
    const trigger = {
      ...existing,
      active: active.value,
      updatedAt: new Date(ports.clock.now()).toISOString(),
    };
    await ports.triggers.save(trigger);
    return { ok: true, value: trigger };
  } catch {
    return UNAVAILABLE;
  }
}
