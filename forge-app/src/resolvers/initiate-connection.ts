import { createInvitation } from '@tandem/shared-ts/protocol';
import type { AppPorts } from '../app/app-ports';
import { refuse, UNAVAILABLE, type ResolverAnswer } from './resolver-answer';
import { NOT_AN_OBJECT, payloadOf, readText, type UiCall } from './ui-call';

/** A new invitation: the code (shown once), the connection it will make and when it expires. */
export interface InitiatedConnection {
  code: string;
  connectionId: string;
  connectionName: string;
  expiresAt: string;
}

/** Longest lifetime the console offers, hours (the protocol allows 30 days). */
export const MAX_INVITATION_HOURS = 720;

/**
 * `initiateConnection` `{ connectionName, ttlHours? }`: makes a single-use invitation for this
 * site's rendezvous web trigger (`createInvitation`) and stores it, so the peer's signed `hello`
 * pairs the connection. The code carries the secret: it is answered once and never stored in
 * the clear. Never throws.
 */
export async function initiateConnection(
  call: UiCall,
  ports: AppPorts,
): Promise<ResolverAnswer<InitiatedConnection>> {
  const payload = payloadOf(call);
  if (!payload) return NOT_AN_OBJECT;
  const name = readText(payload, 'connectionName', { max: 100 });
  if (!name.ok) return name;
  const hours = payload.ttlHours ?? 24;
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > MAX_INVITATION_HOURS)
    return refuse(
      'payload-invalid',
      `ttlHours must be a whole number of hours from 1 to ${MAX_INVITATION_HOURS}.`,
    );
  try {
    const created = await createInvitation({
      connectionName: name.value,
      site: ports.rendezvous.site,
      rendezvousUrl: await ports.admin.rendezvousUrl(),
      ttlMs: hours * 3_600_000,
      clock: ports.clock,
    });
    if (!created.ok) return refuse('payload-invalid', created.error.message);
    await ports.rendezvous.invitations.save(created.invitation);
    return {
      ok: true,
      value: {
        code: created.code,
        connectionId: created.invitation.connectionId,
        connectionName: created.invitation.connectionName,
        expiresAt: created.invitation.expiresAt,
      },
    };
  } catch {
    return UNAVAILABLE;
  }
}
