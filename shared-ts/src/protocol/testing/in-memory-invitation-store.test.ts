import { InMemoryInvitationStore } from './in-memory-invitation-store';
import type { Invitation } from '../invitation';
import { TEST_SECRET } from './fixtures';

const invitation: Invitation = {
  version: 1,
  invitationId: '202122232425262728292a2b2c2d2e2f',
  connectionId: 'c-1',
  connectionName: 'Acme support',
  site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
  rendezvousUrl: 'https://acme.example/hook',
  secret: TEST_SECRET,
  createdAt: '2026-11-20T10:00:00.000Z',
  expiresAt: '2026-11-21T10:00:00.000Z',
};

describe('InMemoryInvitationStore', () => {
  it('finds a saved invitation as unused', async () => {
    const store = new InMemoryInvitationStore();
    await store.save(invitation);
    expect(await store.find(invitation.invitationId)).toEqual({ invitation, usedBy: null });
  });

  it('lets the first hello consume an invitation and refuses another nonce', async () => {
    const store = new InMemoryInvitationStore();
    await store.save(invitation);
    expect(await store.consume(invitation.invitationId, 'nonce-a')).toBe('ok');
    expect(await store.consume(invitation.invitationId, 'nonce-b')).toBe('already-used');
  });

  it('answers a retry with the same nonce as the first time', async () => {
    const store = new InMemoryInvitationStore();
    await store.save(invitation);
    await store.consume(invitation.invitationId, 'nonce-a');
    expect(await store.consume(invitation.invitationId, 'nonce-a')).toBe('ok');
  });

  it('says unknown for an invitation it never saved', async () => {
    expect(await new InMemoryInvitationStore().consume('ffff', 'nonce-a')).toBe('unknown');
  });
});
