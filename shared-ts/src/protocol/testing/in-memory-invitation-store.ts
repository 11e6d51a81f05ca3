import type { Invitation } from '../invitation';
import type { InvitationStore, StoredInvitation } from '../ports';

/** An invitation store in memory, for tests, the sandbox and the two-node harness. */
export class InMemoryInvitationStore implements InvitationStore {
  private readonly invitations = new Map<string, StoredInvitation>();

  /** Keeps a new, unused invitation. */
  async save(invitation: Invitation): Promise<void> {
    this.invitations.set(invitation.invitationId, { invitation, usedBy: null });
  }

  /** The invitation with this id, used or not, or null. */
  async find(invitationId: string): Promise<StoredInvitation | null> {
    return this.invitations.get(invitationId) ?? null;
  }

  /** Marks it used by `nonce`; 'ok' again for the same nonce, 'already-used' for another. */
  async consume(invitationId: string, nonce: string): Promise<'ok' | 'already-used' | 'unknown'> {
    const stored = this.invitations.get(invitationId);
    if (!stored) return 'unknown';
    if (stored.usedBy !== null) return stored.usedBy === nonce ? 'ok' : 'already-used';
    this.invitations.set(invitationId, { ...stored, usedBy: nonce });
    return 'ok';
  }
}
