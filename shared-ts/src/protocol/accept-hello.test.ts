import { helloForTest, signForTest } from './testing/signed';
import { acceptHello } from './accept-hello';
import { createEnvelope } from './create-envelope';
import { InMemoryInvitationStore } from './testing/in-memory-invitation-store';
import { InMemoryReplayCache } from './in-memory-replay-cache';
import type { InvitationStore } from './ports';
import { createMessageIdGenerator } from './create-message-id-generator';
import type { HelloBody } from './message-envelope';
import { THIS_NODE_SPEAKS } from './speaks';
import { JIRA_SITE, OTHER_SECRET, pairingSetUp, SALESFORCE_SITE, UNLINK_BODY } from './testing/fixtures';
import { verifyHelloAck } from './verify-hello-ack';
import { verifyMessage } from './verify-message';

const DAY = 24 * 60 * 60 * 1000;

describe('acceptHello', () => {
  it('pairs the sites: both hold the same connection secret and know each other', async () => {
    const pairing = await pairingSetUp();
    const hello = await pairing.hello();
    const accepted = await pairing.accept(hello.request);
    if (!accepted.ok) throw new Error(accepted.error.message);
    const answer = await verifyHelloAck(accepted.response, hello, { clock: pairing.clock });
    expect(accepted).toMatchObject({
      connectionSecret: hello.connectionSecret,
      connection: {
        connectionId: 'acme-jira-support',
        connectionName: 'Acme support',
        invitationId: pairing.invitation.invitationId,
        peer: { platform: 'salesforce', site: SALESFORCE_SITE },
      },
    });
    expect(answer).toMatchObject({ ok: true, peer: { platform: 'jira', site: JIRA_SITE } });
  });

  it('records what both sides speak, and tells the acceptor what this side speaks', async () => {
    const pairing = await pairingSetUp({
      acceptorSpeaks: { protocol: [1], replica: [1], capabilities: ['batch-push', 'zendesk-macros'] },
    });
    const hello = await pairing.hello();
    const accepted = await pairing.accept(hello.request);
    expect(accepted).toMatchObject({
      ok: true,
      connection: { speaks: { protocol: [1], replica: [1], capabilities: ['batch-push'] } },
    });
    if (!accepted.ok) return;
    const answer = await verifyHelloAck(accepted.response, hello, { clock: pairing.clock });
    expect(answer).toMatchObject({
      ok: true,
      envelope: { body: { speaks: THIS_NODE_SPEAKS } },
      speaks: { protocol: [1], replica: [1], capabilities: ['batch-push'] },
    });
  });

  it('pairs with a v1 node whose hello says nothing of what it speaks: replica 1, no capabilities', async () => {
    const pairing = await pairingSetUp();
    const hello = await pairing.hello();
    const { speaks: _speaks, ...v1Body } = (JSON.parse(hello.request.body) as { body: HelloBody }).body;
    const v1Hello = createEnvelope('hello', v1Body, {
      connectionId: hello.connectionId,
      messageId: createMessageIdGenerator({ clock: pairing.clock })(),
      sentAt: pairing.clock.now(),
    });
    const accepted = await pairing.accept(await signForTest(v1Hello, pairing.invitation.secret));
    expect(accepted).toMatchObject({
      ok: true,
      connection: { speaks: { protocol: [1], replica: [1], capabilities: [] } },
    });
  });

  it('refuses a hello sharing no replica format with this side (version-unsupported), leaving the invitation unused', async () => {
    const pairing = await pairingSetUp({ acceptorSpeaks: { protocol: [1], replica: [3], capabilities: [] } });
    const refused = await pairing.accept((await pairing.hello()).request);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'version-unsupported',
        message: 'No common replica format: this node reads 1, 2, the other 3. Update the older node.',
      },
    });
    expect(await pairing.invitations.find(pairing.invitation.invitationId)).toMatchObject({ usedBy: null });
  });

  it('marks the invitation used by the hello', async () => {
    const pairing = await pairingSetUp();
    const hello = await pairing.hello();
    await pairing.accept(hello.request);
    expect(await pairing.invitations.find(pairing.invitation.invitationId)).toMatchObject({
      usedBy: hello.nonce,
    });
  });

  it('refuses the same code used again by another hello (invitation-used): a replayed code gets nowhere', async () => {
    const pairing = await pairingSetUp();
    await pairing.accept((await pairing.hello()).request);
    const replayed = await pairing.accept((await pairing.hello()).request);
    expect(replayed).toMatchObject({ ok: false, error: { code: 'invitation-used' } });
  });

  it('refuses the very same hello request played again (message-replayed)', async () => {
    const pairing = await pairingSetUp();
    const hello = await pairing.hello();
    await pairing.accept(hello.request);
    expect(await pairing.accept(hello.request)).toMatchObject({
      ok: false,
      error: { code: 'message-replayed' },
    });
  });

  it('answers a retry of the same hello (same nonce, new message) with the same secret, so a lost answer strands nothing', async () => {
    const pairing = await pairingSetUp();
    const first = await pairing.hello();
    const accepted = await pairing.accept(first.request);
    const retried = await pairing.accept((await pairing.hello(first.nonce)).request);
    expect(retried).toMatchObject({ ok: true, connectionSecret: accepted.ok && accepted.connectionSecret });
  });

  it('leaves the code useless once used: its secret does not sign messages of the connection', async () => {
    const pairing = await pairingSetUp();
    const accepted = await pairing.accept((await pairing.hello()).request);
    if (!accepted.ok) throw new Error(accepted.error.message);
    const stamp = {
      connectionId: 'acme-jira-support',
      messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W',
      sentAt: pairing.clock.now(),
    };
    const forged = await signForTest(createEnvelope('unlink', UNLINK_BODY, stamp), pairing.invitation.secret);
    const result = await verifyMessage(forged, {
      secretFor: async () => accepted.connectionSecret,
      clock: pairing.clock,
      replayCache: new InMemoryReplayCache(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'signature-invalid' } });
  });

  it('refuses a hello after the invitation expired (invitation-expired)', async () => {
    const pairing = await pairingSetUp();
    pairing.clock.advance(DAY);
    expect(await pairing.accept((await pairing.hello()).request)).toMatchObject({
      ok: false,
      error: { code: 'invitation-expired' },
    });
  });

  it('still answers a retry of the hello that used the invitation after it expired', async () => {
    const pairing = await pairingSetUp();
    const first = await pairing.hello();
    await pairing.accept(first.request);
    pairing.clock.advance(DAY);
    expect((await pairing.accept((await pairing.hello(first.nonce)).request)).ok).toBe(true);
  });

  it('refuses a hello for an invitation not made here (invitation-unknown)', async () => {
    const pairing = await pairingSetUp();
    const hello = await pairing.hello();
    const elsewhere = await acceptHello(hello.request, {
      invitations: new InMemoryInvitationStore(),
      replayCache: new InMemoryReplayCache(),
      clock: pairing.clock,
      messageIds: createMessageIdGenerator(),
      platform: 'jira',
      site: JIRA_SITE,
    });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'invitation-unknown' } });
  });

  it('refuses a hello not signed with the code secret, without using up the invitation (signature-invalid)', async () => {
    const pairing = await pairingSetUp();
    const forged = await helloForTest({
      invitation: { ...pairing.invitation, secret: OTHER_SECRET },
      platform: 'salesforce',
      site: SALESFORCE_SITE,
      clock: pairing.clock,
      messageIds: createMessageIdGenerator({ clock: pairing.clock }),
    });
    expect(await pairing.accept(forged.request)).toMatchObject({
      ok: false,
      error: { code: 'signature-invalid' },
    });
    expect((await pairing.accept((await pairing.hello()).request)).ok).toBe(true);
  });

  it('refuses another kind of message, even signed with the code secret (kind-unsupported)', async () => {
    const pairing = await pairingSetUp();
    const stamp = {
      connectionId: 'acme-jira-support',
      messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W',
      sentAt: pairing.clock.now(),
    };
    const body = { results: [], invitationId: pairing.invitation.invitationId };
    const ack = await signForTest(createEnvelope('ack', body, stamp), pairing.invitation.secret);
    expect(await pairing.accept(ack)).toMatchObject({ ok: false, error: { code: 'kind-unsupported' } });
  });

  it('refuses a message that names no invitation (invitation-unknown)', async () => {
    const pairing = await pairingSetUp();
    const stamp = {
      connectionId: 'acme-jira-support',
      messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W',
      sentAt: pairing.clock.now(),
    };
    const unlink = await signForTest(createEnvelope('unlink', UNLINK_BODY, stamp), pairing.invitation.secret);
    expect(await pairing.accept(unlink)).toMatchObject({ ok: false, error: { code: 'invitation-unknown' } });
  });

  it('refuses when the invitation is deleted between reading and using it (invitation-unknown)', async () => {
    const pairing = await pairingSetUp();
    const vanishing: InvitationStore = {
      save: (invitation) => pairing.invitations.save(invitation),
      find: (id) => pairing.invitations.find(id),
      consume: async () => 'unknown',
    };
    const result = await acceptHello((await pairing.hello()).request, {
      invitations: vanishing,
      replayCache: new InMemoryReplayCache(),
      clock: pairing.clock,
      messageIds: createMessageIdGenerator(),
      platform: 'jira',
      site: JIRA_SITE,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invitation-unknown' } });
  });
});
