import { helloForTest } from './testing/signed';
import { createHello } from './create-hello';
import { createMessageIdGenerator } from './create-message-id-generator';
import { deriveConnectionSecret } from './derive-connection-secret';
import { InMemoryReplayCache } from './in-memory-replay-cache';
import { parseInvitation } from './parse-invitation';
import { countingBytes, T0, TestClock, VECTOR_INVITATION_CODE } from './testing/fixtures';
import { verifyMessage } from './verify-message';

const SF_SITE = { name: 'Acme Support org', url: 'https://acme.my.salesforce.com' };

async function invitation() {
  const parsed = await parseInvitation(VECTOR_INVITATION_CODE, T0);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.invitation;
}

async function hello(nonce?: string) {
  const clock = new TestClock();
  return helloForTest({
    invitation: await invitation(),
    platform: 'salesforce',
    site: SF_SITE,
    clock,
    messageIds: createMessageIdGenerator({ clock, randomBytes: countingBytes(100) }),
    randomBytes: countingBytes(7),
    ...(nonce ? { nonce } : {}),
  });
}

describe('createHello', () => {
  it('signs a hello with the invitation secret, quoting the invitation id and a fresh nonce', async () => {
    const { secret, connectionId } = await invitation();
    const created = await hello();
    const verified = await verifyMessage(created.request, {
      secretFor: async (id) => (id === connectionId ? secret : null),
      clock: new TestClock(),
      replayCache: new InMemoryReplayCache(),
    });
    expect(verified).toMatchObject({
      ok: true,
      envelope: {
        kind: 'hello',
        connectionId: 'acme-jira-support',
        messageId: created.helloMessageId,
        body: {
          invitationId: '202122232425262728292a2b2c2d2e2f',
          nonce: created.nonce,
          platform: 'salesforce',
          site: SF_SITE,
        },
      },
    });
  });

  it('derives the connection secret from the invitation secret and the nonce', async () => {
    const { secret, invitationId } = await invitation();
    const created = await hello();
    expect(await deriveConnectionSecret(secret, invitationId, created.nonce)).toEqual({
      ok: true,
      secret: created.connectionSecret,
    });
  });

  it('reuses a given nonce, so a retry derives the same connection secret', async () => {
    const first = await hello();
    const retry = await hello(first.nonce);
    expect(retry.connectionSecret).toBe(first.connectionSecret);
  });

  it('answers secret-invalid, never a throw, for an invitation whose secret is not one', async () => {
    const clock = new TestClock();
    const created = await createHello({
      invitation: { ...(await invitation()), secret: 'short' },
      platform: 'salesforce',
      site: SF_SITE,
      clock,
      messageIds: createMessageIdGenerator({ clock, randomBytes: countingBytes(100) }),
      randomBytes: countingBytes(7),
    });
    expect(created).toMatchObject({ ok: false, error: { code: 'secret-invalid' } });
  });
});
