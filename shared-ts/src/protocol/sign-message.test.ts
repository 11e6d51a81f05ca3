import { signForTest } from './testing/signed';
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
    expect((await signForTest(envelope, TEST_SECRET)).body).toBe(VECTOR_BODY);
  });

  it('signs the documented test vector to the documented signature (checked with Python hmac)', async () => {
    expect((await signForTest(envelope, TEST_SECRET)).headers['X-Tandem-Signature']).toBe(VECTOR_SIGNATURE);
  });

  it('puts the connection id, message id and timestamp of the envelope in the headers', async () => {
    expect((await signForTest(envelope, TEST_SECRET)).headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'X-Tandem-Connection': CONNECTION_ID,
      'X-Tandem-Message-Id': MESSAGE_ID,
      'X-Tandem-Timestamp': '2026-11-20T10:00:00.000Z',
      'X-Tandem-Signature': VECTOR_SIGNATURE,
    });
  });

  it('answers secret-invalid, never a throw, for a secret that is not 32 bytes of base64url', async () => {
    for (const secret of ['c2hvcnQ', '', 42 as unknown as string, null as unknown as string]) {
      expect(await signMessage(envelope, secret)).toMatchObject({
        ok: false,
        error: { code: 'secret-invalid' },
      });
    }
  });

  it('answers envelope-invalid, naming the member, for an envelope whose ids are not in wire format', async () => {
    const invalid = async (changed: Record<string, unknown>) =>
      signMessage({ ...envelope, ...changed } as typeof envelope, TEST_SECRET);
    expect(await invalid({ connectionId: 'has space' })).toMatchObject({
      ok: false,
      error: { code: 'envelope-invalid', message: expect.stringMatching(/Connection id/) },
    });
    expect(await invalid({ messageId: 'msg-1' })).toMatchObject({
      error: { message: expect.stringMatching(/ULID/) },
    });
    expect(await invalid({ sentAt: '2026-11-20' })).toMatchObject({
      error: { message: expect.stringMatching(/sentAt/) },
    });
    expect(await invalid({ sentAt: undefined })).toMatchObject({ error: { code: 'envelope-invalid' } });
    expect(await signMessage(null as unknown as typeof envelope, TEST_SECRET)).toMatchObject({
      error: { code: 'envelope-invalid' },
    });
  });
});
