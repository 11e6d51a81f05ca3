import { signForTest } from './testing/signed';
import { createEnvelope } from './create-envelope';
import { errorResponse } from './error-response';
import type { HelloAckBody } from './message-envelope';
import { JIRA_SITE, OTHER_SECRET, pairingSetUp } from './testing/fixtures';
import { verifyHelloAck } from './verify-hello-ack';

async function answered() {
  const pairing = await pairingSetUp();
  const hello = await pairing.hello();
  const accepted = await pairing.accept(hello.request);
  if (!accepted.ok) throw new Error(accepted.error.message);
  return { pairing, hello, response: accepted.response };
}

describe('verifyHelloAck', () => {
  it('accepts the initiator answer to this hello, signed with the derived secret', async () => {
    const { pairing, hello, response } = await answered();
    expect(await verifyHelloAck(response, hello, { clock: pairing.clock })).toMatchObject({
      ok: true,
      envelope: { kind: 'hello-ack', body: { inReplyTo: hello.helloMessageId } },
      peer: { platform: 'jira', site: JIRA_SITE },
    });
  });

  it('takes a hello-ack without speaks as from a v1 node: replica 1, no capabilities', async () => {
    const { pairing, hello, response } = await answered();
    const { speaks: _speaks, ...v1Body } = (JSON.parse(response.body) as { body: HelloAckBody }).body;
    const v1Ack = createEnvelope('hello-ack', v1Body, {
      connectionId: hello.connectionId,
      messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W',
      sentAt: pairing.clock.now(),
    });
    expect(
      await verifyHelloAck(await signForTest(v1Ack, hello.connectionSecret), hello, { clock: pairing.clock }),
    ).toMatchObject({
      ok: true,
      speaks: { protocol: [1], replica: [1], capabilities: [] },
      peerSpeaks: { protocol: [1], replica: [1], capabilities: [] },
    });
  });

  it('says what the peer speaks, beside what both speak, so the connection can store it', async () => {
    const { pairing, hello, response } = await answered();
    const mine = { ...hello, speaks: { protocol: [1], replica: [1], capabilities: [] } };
    const verified = await verifyHelloAck(response, mine, { clock: pairing.clock });
    const told = (JSON.parse(response.body) as { body: HelloAckBody }).body.speaks;
    expect(verified).toMatchObject({ ok: true, speaks: { replica: [1] }, peerSpeaks: told });
  });

  it('refuses a hello-ack sharing no replica format with our hello (version-unsupported)', async () => {
    const { pairing, hello, response } = await answered();
    const mine = { ...hello, speaks: { protocol: [1], replica: [3], capabilities: [] } };
    expect(await verifyHelloAck(response, mine, { clock: pairing.clock })).toMatchObject({
      ok: false,
      error: { code: 'version-unsupported' },
    });
  });

  it('refuses an answer to another hello (reply-mismatch)', async () => {
    const { pairing, hello, response } = await answered();
    const other = { ...hello, helloMessageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W' };
    expect(await verifyHelloAck(response, other, { clock: pairing.clock })).toMatchObject({
      ok: false,
      error: { code: 'reply-mismatch' },
    });
  });

  it('refuses an answer signed with another secret: the initiator does not hold ours (signature-invalid)', async () => {
    const { pairing, hello } = await answered();
    const body = { inReplyTo: hello.helloMessageId, platform: 'jira', site: JIRA_SITE };
    const stamp = {
      connectionId: hello.connectionId,
      messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W',
      sentAt: pairing.clock.now(),
    };
    const forged = await signForTest(createEnvelope('hello-ack', body, stamp), OTHER_SECRET);
    expect(await verifyHelloAck(forged, hello, { clock: pairing.clock })).toMatchObject({
      ok: false,
      error: { code: 'signature-invalid' },
    });
  });

  it('refuses an unsigned error answer, which has no Tandem headers (header-invalid): read it with readErrorResponse', async () => {
    const { pairing, hello } = await answered();
    const error = errorResponse({ code: 'invitation-used', message: 'Each code works once.' });
    expect(
      await verifyHelloAck({ headers: {}, body: error.body }, hello, { clock: pairing.clock }),
    ).toMatchObject({
      ok: false,
      error: { code: 'header-invalid' },
    });
  });
});
