import { createEnvelope } from './create-envelope';
import { signMessage } from './sign-message';
import {
  CONNECTION_ID,
  MESSAGE_ID,
  T0,
  TEST_SECRET,
  UNLINK_BODY,
  VECTOR_BODY,
  VECTOR_SIGNATURE,
} from './testing/fixtures';

const envelope = createEnvelope('unlink', UNLINK_BODY, {
  connectionId: CONNECTION_ID,
  messageId: MESSAGE_ID,
  sentAt: T0,
});

describe('signMessage', () => {
  it('sends the envelope as canonical JSON: sorted keys, no white space', async () => {
    expect((await signMessage(envelope, TEST_SECRET)).body).toBe(VECTOR_BODY);
  });

  it('signs the documented test vector to the documented signature (checked with Python hmac)', async () => {
    expect((await signMessage(envelope, TEST_SECRET)).headers['X-Tandem-Signature']).toBe(VECTOR_SIGNATURE);
  });

  it('puts the connection id, message id and timestamp of the envelope in the headers', async () => {
    expect((await signMessage(envelope, TEST_SECRET)).headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'X-Tandem-Connection': CONNECTION_ID,
      'X-Tandem-Message-Id': MESSAGE_ID,
      'X-Tandem-Timestamp': '2026-11-20T10:00:00.000Z',
      'X-Tandem-Signature': VECTOR_SIGNATURE,
    });
  });

  it('throws on a secret that is not 32 bytes of base64url, a bug in the caller', async () => {
    await expect(signMessage(envelope, 'c2hvcnQ')).rejects.toThrow(RangeError);
  });

  it('throws on an envelope whose ids are not in wire format', async () => {
    await expect(signMessage({ ...envelope, connectionId: 'has space' }, TEST_SECRET)).rejects.toThrow(
      /Connection id/,
    );
    await expect(signMessage({ ...envelope, messageId: 'msg-1' }, TEST_SECRET)).rejects.toThrow(/ULID/);
    await expect(signMessage({ ...envelope, sentAt: '2026-11-20' }, TEST_SECRET)).rejects.toThrow(/sentAt/);
  });
});
