import { createEnvelope } from './create-envelope';
import { errorResponse } from './error-response';
import { signMessage } from './sign-message';
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
    const forged = await signMessage(createEnvelope('hello-ack', body, stamp), OTHER_SECRET);
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
