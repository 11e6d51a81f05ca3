import { parseInvitation } from '@tandem/shared-ts/protocol';
import type { AppPorts } from '../app/app-ports';
import { refuse, type ResolverAnswer } from './resolver-answer';
import { NOT_AN_OBJECT, payloadOf, type UiCall } from './ui-call';

/** What a pasted code says, shown before the admin confirms. */
export interface InvitationPreview {
  connectionName: string;
  peer: { name: string; url: string };
  expiresAt: string;
}

/** Longest text read as a code (the protocol's own cap is checked by `parseInvitation`). */
const MAX_CODE_CHARS = 20_000;

/** Reads a pasted code: the preview, or `invitation-invalid` with the protocol's reason. */
async function readCode(call: UiCall, ports: AppPorts): Promise<ResolverAnswer<InvitationPreview>> {
  const payload = payloadOf(call);
  if (!payload) return NOT_AN_OBJECT;
  const code = payload.code;
  if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_CHARS)
    return refuse('payload-invalid', 'code must be the invitation code as text.');
  const parsed = await parseInvitation(code, ports.clock.now());
  if (!parsed.ok) return refuse('invitation-invalid', `${parsed.error.message} (${parsed.error.code})`);
  const { invitation } = parsed;
  return {
    ok: true,
    value: {
      connectionName: invitation.connectionName,
      peer: invitation.site,
      expiresAt: invitation.expiresAt,
    },
  };
}

/** `previewInvitation` `{ code }`: what a pasted code says (who invites, until when). Never throws. */
export async function previewInvitation(
  call: UiCall,
  ports: AppPorts,
): Promise<ResolverAnswer<InvitationPreview>> {
  try {
    return await readCode(call, ports);
  } catch {
    return refuse('invitation-invalid', 'This code could not be read.');
  }
}

/**
 * `acceptInvitation` `{ code }`: the Jira node hosts the rendezvous and makes no outgoing call
 * (no egress), so it cannot send the `hello` that accepting takes: a readable code is answered
 * `accept-unsupported`, saying where to accept it instead. Never throws.
 */
export async function acceptInvitation(call: UiCall, ports: AppPorts): Promise<ResolverAnswer<never>> {
  const read = await previewInvitation(call, ports);
  if (!read.ok) return read;
  return refuse(
    'accept-unsupported',
    `Jira cannot accept an invitation: Tandem on Jira makes no outgoing calls. Create the invitation here ` +
      `(Connections, Initiate) and accept its code on ${read.value.peer.name}; this code from ` +
      `${read.value.peer.name} stays unused.`,
  );
}
