import type { AppPorts } from '../app/app-ports';
import { refuse, UNAVAILABLE, type ResolverAnswer, type ResolverError } from './resolver-answer';
import { CONNECTION_ID, NOT_AN_OBJECT, payloadOf, readFlag, readText, type UiCall } from './ui-call';

async function namedConnection(
  call: UiCall,
  ports: AppPorts,
): Promise<
  | { ok: true; value: { connectionId: string; payload: Record<string, unknown> } }
  | { ok: false; error: ResolverError }
> {
  const payload = payloadOf(call);
  if (!payload) return NOT_AN_OBJECT;
  const id = readText(payload, 'connectionId', { max: 64, pattern: CONNECTION_ID, what: 'a connection id' });
  if (!id.ok) return id;
  if (!(await ports.admin.connection(id.value)))
    return refuse('not-found', `There is no connection ${id.value} (it may have been deleted).`);
  return { ok: true, value: { connectionId: id.value, payload } };
}

/**
 * `setConnectionActive` `{ connectionId, active }`: a deactivated connection syncs nothing either
 * way (no builds, and the rendezvous refuses its peer) until it is activated again; its links
 * and queues are kept. Never throws.
 */
export async function setConnectionActive(
  call: UiCall,
  ports: AppPorts,
): Promise<ResolverAnswer<{ connectionId: string; active: boolean }>> {
  try {
    const named = await namedConnection(call, ports);
    if (!named.ok) return named;
    const active = readFlag(named.value.payload, 'active');
    if (!active.ok) return active;
    await ports.admin.setActive(named.value.connectionId, active.value);
    return { ok: true, value: { connectionId: named.value.connectionId, active: active.value } };
  } catch {
    return UNAVAILABLE;
  }
}

/**
 * `deleteConnection` `{ connectionId }`: forgets the connection and its secret, so its peer's
 * calls are refused; the issues keep their data and their link property, and its links and
 * queue items stay inert in storage until the app is uninstalled. Never throws.
 */
export async function deleteConnection(
  call: UiCall,
  ports: AppPorts,
): Promise<ResolverAnswer<{ connectionId: string; deleted: true }>> {
  try {
    const named = await namedConnection(call, ports);
    if (!named.ok) return named;
    await ports.admin.deleteConnection(named.value.connectionId);
    return { ok: true, value: { connectionId: named.value.connectionId, deleted: true } };
  } catch {
    return UNAVAILABLE;
  }
}
