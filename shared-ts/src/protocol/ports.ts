/**
 * What the protocol needs from its surroundings, as small interfaces: time, randomness, the
 * replay cache and the invitation store. Adapters implement them on KVS or custom settings;
 * tests and the two-node harness use the in-memory ones beside this file.
 */
import type { Invitation } from './invitation';

/** Time in epoch milliseconds. Injected so that tests and the harness control it. */
export interface EpochClock {
  now(): number;
}

/** `length` cryptographically random bytes (`cryptoRandomBytes` in production). */
export type RandomBytes = (length: number) => Uint8Array<ArrayBuffer>;

/**
 * Remembers the message ids a receiver has accepted, so that a captured message cannot be
 * played again inside the clock window.
 */
export interface ReplayCache {
  /**
   * Returns true when `messageId` was already recorded for `connectionId` (and has not expired);
   * otherwise records it until `expiresAt` (epoch ms) and returns false. Check-and-record should
   * be atomic: a race that lets a duplicate through is absorbed by idempotent apply, but it is
   * still a duplicate.
   */
  seen(connectionId: string, messageId: string, expiresAt: number): Promise<boolean>;
}

/** The stored secret of a connection (base64url, 32 bytes), or null when the connection is unknown. */
export type SecretLookup = (connectionId: string) => Promise<string | null>;

/** An invitation as the initiator keeps it: what the code said, and which hello used it. */
export interface StoredInvitation {
  invitation: Invitation;
  /** The nonce of the hello that used it, or null while it is unused. */
  usedBy: string | null;
}

/** Where the initiator keeps its invitations until they are used (and after, to refuse a second use). */
export interface InvitationStore {
  /** Keeps a new invitation. */
  save(invitation: Invitation): Promise<void>;
  /** The invitation with this id, used or not, or null. */
  find(invitationId: string): Promise<StoredInvitation | null>;
  /**
   * Marks the invitation used by the hello with `nonce`, atomically: 'ok' if it was unused, or
   * already used by this same nonce (a retry of the same hello); 'already-used' if another hello
   * used it; 'unknown' if there is no such invitation.
   */
  consume(invitationId: string, nonce: string): Promise<'ok' | 'already-used' | 'unknown'>;
}
