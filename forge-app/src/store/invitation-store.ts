/**
 * `InvitationStore` on the Custom Entity Store: one `tandem-invitation` entity per invitation
 * (key `i:<invitation id>`) with the invitation (its secret removed: that is kept with
 * `setSecret` under `tandem-invitation-secret:<id>`) and `usedBy`, the nonce of the hello that
 * used it ('' while unused). `consume` is a conditional write on `usedBy = ''`, so of two hellos
 * racing for one invitation exactly one gets it.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { Invitation, InvitationStore, StoredInvitation } from '@tandem/shared-ts/protocol';
import { ENTITY } from './entities';
import { kvsKey } from './kvs-key';

interface InvitationEntity {
  invitation: string;
  usedBy: string;
}

const invitations = () => kvs.entity<InvitationEntity>(ENTITY.invitation);

function secretKey(invitationId: string): string {
  return kvsKey('tandem-invitation-secret', invitationId);
}

/** The initiator's invitations on @forge/kvs. */
export class ForgeInvitationStore implements InvitationStore {
  async save(invitation: Invitation): Promise<void> {
    const { secret, ...rest } = invitation;
    await kvs.setSecret(secretKey(invitation.invitationId), secret);
    await invitations().set(kvsKey('i', invitation.invitationId), {
      invitation: JSON.stringify(rest),
      usedBy: '',
    });
  }

  async find(invitationId: string): Promise<StoredInvitation | null> {
    const stored = await invitations().get(kvsKey('i', invitationId));
    if (!stored) return null;
    const secret = (await kvs.getSecret<string>(secretKey(invitationId))) ?? '';
    const invitation = {
      ...(JSON.parse(stored.invitation) as Omit<Invitation, 'secret'>),
      secret,
    } as Invitation;
    return { invitation, usedBy: stored.usedBy === '' ? null : stored.usedBy };
  }

  async consume(invitationId: string, nonce: string): Promise<'ok' | 'already-used' | 'unknown'> {
    const key = kvsKey('i', invitationId);
    const stored = await invitations().get(key);
    if (!stored) return 'unknown';
    if (stored.usedBy !== '') return stored.usedBy === nonce ? 'ok' : 'already-used';
    try {
      await kvs
        .transact()
        .set(
          key,
          { invitation: stored.invitation, usedBy: nonce },
          {
            entityName: ENTITY.invitation,
            conditions: new Filter<InvitationEntity>().and('usedBy', FilterConditions.equalTo('')),
          },
        )
        .execute();
      return 'ok';
    } catch (error) {
      const now = await invitations().get(key);
      if (now && now.usedBy !== '') return now.usedBy === nonce ? 'ok' : 'already-used';
      throw error;
    }
  }
}
