/**
 * The byte layout of an invitation code, shared by `createInvitation` and `parseInvitation`.
 * Internal to the protocol; docs/protocol.md describes the same layout for other nodes.
 */

/** version (1) + total length (2) + invitation id (16) + secret (32) + created (4) + expires (4). */
export const FIXED_HEADER_BYTES = 59;

/** The checksum: the first 4 bytes of SHA-256 of everything before it. */
export const CHECKSUM_BYTES = 4;

/** Bytes of the invitation id. */
export const INVITATION_ID_BYTES = 16;

/** The checksum of the payload bytes (everything but the checksum itself). */
export async function invitationChecksum(payload: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const digest = await crypto.subtle.digest('SHA-256', payload);
  return new Uint8Array(digest, 0, CHECKSUM_BYTES).slice();
}
