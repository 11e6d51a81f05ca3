import { encodeBase64Url } from './base64url';
import { hmacSha256 } from './hmac-sha256';
import { secretBytes } from './secret-bytes';

/** The first line of the derivation input. */
export const CONNECTION_SECRET_LABEL = 'TANDEM-CONNECTION-SECRET-V1';

/**
 * The connection's own secret, which both sides compute after the hello:
 * HMAC-SHA256(invitation secret, "TANDEM-CONNECTION-SECRET-V1\n" + invitationId + "\n" + nonce),
 * base64url. The code alone is then worth nothing once used: a leaked code (a chat log, a
 * ticket) does not give the secret that signs replicas, which also needs the hello's nonce.
 *
 * @throws RangeError when the invitation secret is not 32 bytes of base64url.
 */
export async function deriveConnectionSecret(
  invitationSecret: string,
  invitationId: string,
  nonce: string,
): Promise<string> {
  const key = secretBytes(invitationSecret);
  if (!key) throw new RangeError('The invitation secret must be 32 bytes written as unpadded base64url.');
  const input = new TextEncoder().encode(`${CONNECTION_SECRET_LABEL}\n${invitationId}\n${nonce}`);
  return encodeBase64Url(await hmacSha256(key, input));
}
