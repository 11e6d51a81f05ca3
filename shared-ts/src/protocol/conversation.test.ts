/**
 * A whole conversation through the public API only (index.ts), the way two nodes use it: pair,
 * push a replica and get it acknowledged, pull a batch and acknowledge it in the next pull.
 */
import { helloForTest, signForTest } from './testing/signed';
import { exampleReplica } from '../replica/testing/example-replica';
import {
  acceptHello,
  createEnvelope,
  createInvitation,
  createMessageIdGenerator,
  parseInvitation,
  verifyHelloAck,
  verifyMessage,
  type BatchedMessage,
} from '.';
import { InMemoryInvitationStore, InMemoryReplayCache } from './testing';
import { countingBytes, INVITATION_INPUT, JIRA_SITE, SALESFORCE_SITE, TestClock } from './testing/fixtures';

async function pairedNodes() {
  const clock = new TestClock();
  const jira = {
    ids: createMessageIdGenerator({ clock, randomBytes: countingBytes(1) }),
    replayCache: new InMemoryReplayCache(clock),
    invitations: new InMemoryInvitationStore(),
    secret: '',
  };
  const salesforce = {
    ids: createMessageIdGenerator({ clock, randomBytes: countingBytes(2) }),
    replayCache: new InMemoryReplayCache(clock),
    secret: '',
  };
  const made = await createInvitation({ ...INVITATION_INPUT, clock });
  if (!made.ok) throw new Error(made.error.message);
  await jira.invitations.save(made.invitation);

  const parsed = await parseInvitation(made.code, clock.now());
  if (!parsed.ok) throw new Error(parsed.error.message);
  const hello = await helloForTest({
    invitation: parsed.invitation,
    platform: 'salesforce',
    site: SALESFORCE_SITE,
    clock,
    messageIds: salesforce.ids,
  });
  const accepted = await acceptHello(hello.request, {
    ...jira,
    clock,
    messageIds: jira.ids,
    platform: 'jira',
    site: JIRA_SITE,
  });
  if (!accepted.ok) throw new Error(accepted.error.message);
  const answer = await verifyHelloAck(accepted.response, hello, {
    clock,
    replayCache: salesforce.replayCache,
  });
  if (!answer.ok) throw new Error(answer.error.message);
  jira.secret = accepted.connectionSecret;
  salesforce.secret = hello.connectionSecret;
  return { clock, jira, salesforce, connectionId: hello.connectionId };
}

describe('a conversation between two paired nodes', () => {
  it('pushes a replica and gets a signed ack for it', async () => {
    const { clock, jira, salesforce, connectionId } = await pairedNodes();
    const stamp = () => ({ connectionId, messageId: salesforce.ids(), sentAt: clock.now() });
    const request = await signForTest(
      createEnvelope('replica', { replica: exampleReplica, target: null, applied: 0 }, stamp()),
      salesforce.secret,
    );

    const received = await verifyMessage(request, {
      secretFor: async () => jira.secret,
      clock,
      replayCache: jira.replayCache,
      kinds: ['hello', 'replica', 'unlink', 'pull'],
    });
    if (!received.ok) throw new Error(received.error.message);
    const ack = createEnvelope(
      'ack',
      { results: [{ messageId: received.envelope.messageId, outcome: 'accepted' }] },
      { connectionId, messageId: jira.ids(), sentAt: clock.now() },
    );
    const response = await signForTest(ack, jira.secret);

    const answer = await verifyMessage(response, {
      secretFor: async () => salesforce.secret,
      clock,
      replayCache: salesforce.replayCache,
      kinds: ['ack'],
    });
    expect(answer.ok && answer.envelope.body.results).toEqual([
      { messageId: request.headers['X-Tandem-Message-Id'], outcome: 'accepted' },
    ]);
  });

  it('pulls a batch and acknowledges its messages with the next pull', async () => {
    const { clock, jira, salesforce, connectionId } = await pairedNodes();
    const waiting: BatchedMessage = createEnvelope(
      'replica',
      { replica: exampleReplica, target: null, applied: 0 },
      { connectionId, messageId: jira.ids(), sentAt: clock.now() },
    );
    const pull = await signForTest(
      createEnvelope(
        'pull',
        { limit: 20, acks: [] },
        { connectionId, messageId: salesforce.ids(), sentAt: clock.now() },
      ),
      salesforce.secret,
    );
    const pulled = await verifyMessage(pull, {
      secretFor: async () => jira.secret,
      clock,
      replayCache: jira.replayCache,
      kinds: ['pull'],
    });
    if (!pulled.ok) throw new Error(pulled.error.message);
    const batch = await signForTest(
      createEnvelope(
        'batch',
        { inReplyTo: pulled.envelope.messageId, messages: [waiting], more: false },
        { connectionId, messageId: jira.ids(), sentAt: clock.now() },
      ),
      jira.secret,
    );

    const got = await verifyMessage(batch, {
      secretFor: async () => salesforce.secret,
      clock,
      replayCache: salesforce.replayCache,
      kinds: ['batch'],
    });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.envelope.body.inReplyTo).toBe(pulled.envelope.messageId);
    const acks = got.envelope.body.messages.map((message) => ({
      messageId: message.messageId,
      outcome: 'accepted' as const,
    }));

    clock.advance(60_000);
    const next = await signForTest(
      createEnvelope(
        'pull',
        { limit: 20, acks },
        { connectionId, messageId: salesforce.ids(), sentAt: clock.now() },
      ),
      salesforce.secret,
    );
    const nextPulled = await verifyMessage(next, {
      secretFor: async () => jira.secret,
      clock,
      replayCache: jira.replayCache,
      kinds: ['pull'],
    });
    expect(nextPulled.ok && nextPulled.envelope.body.acks).toEqual([
      { messageId: waiting.messageId, outcome: 'accepted' },
    ]);
  });
});
