import { encodeBase64Url } from './base64url';
import { hmacSha256 } from './hmac-sha256';
import { protocolFailure, type ProtocolFailure } from './protocol-error';
import { secretBytes } from './secret-bytes';

/** The first line of the derivation input. */
export const CONNECTION_SECRET_LABEL = 'TANDEM-CONNECTION-SECRET-V1';

/**
 * The connection's own secret, which both sides compute after the hello:
 * HMAC-SHA256(invitation secret, "TANDEM-CONNECTION-SECRET-V1\n" + invitationId + "\n" + nonce),
 * base64url. The code alone is then worth nothing once used: a leaked code (a chat log, a
 * ticket) does not give the secret that signs replicas, which also needs the hello's nonce.
 *
 * Fails with `secret-invalid` when the invitation secret is not 32 bytes of base64url.
 */
export async function deriveConnectionSecret(
  invitationSecret: string,
  invitationId: string,
  nonce: string,
): Promise<{ ok: true; secret: string } | ProtocolFailure<'secret-invalid'>> {
  const key = typeof invitationSecret === 'string' ? secretBytes(invitationSecret) : null;
  if (!key) {
    return protocolFailure(
      'secret-invalid',
      'The invitation secret must be 32 bytes written as unpadded base64url (43 characters).',
    );
  }
  const input = new TextEncoder().encode(
    `${CONNECTION_SECRET_LABEL}\n${String(invitationId)}\n${String(nonce)}`,
  );
  return { ok: true, secret: encodeBase64Url(await hmacSha256(key, input)) };
}
