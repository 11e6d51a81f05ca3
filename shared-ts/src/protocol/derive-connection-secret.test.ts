import { createHmac } from 'node:crypto';
import { decodeBase64Url } from './base64url';
import { deriveConnectionSecret } from './derive-connection-secret';
import { OTHER_SECRET, TEST_SECRET } from './testing/fixtures';

const INVITATION_ID = '202122232425262728292a2b2c2d2e2f';

describe('deriveConnectionSecret', () => {
  it('is HMAC-SHA256 of the label, invitation id and nonce under the invitation secret', async () => {
    const expected = createHmac('sha256', Buffer.from(bytesOf(TEST_SECRET)))
      .update(`TANDEM-CONNECTION-SECRET-V1\n${INVITATION_ID}\n${OTHER_SECRET}`)
      .digest('base64url');
    expect(await deriveConnectionSecret(TEST_SECRET, INVITATION_ID, OTHER_SECRET)).toEqual({
      ok: true,
      secret: expected,
    });
  });

  it('gives another secret for another nonce', async () => {
    const first = await deriveConnectionSecret(TEST_SECRET, INVITATION_ID, OTHER_SECRET);
    expect(await deriveConnectionSecret(TEST_SECRET, INVITATION_ID, TEST_SECRET)).not.toEqual(first);
  });

  it('makes a secret that signMessage takes (32 bytes of base64url)', async () => {
    const derived = await deriveConnectionSecret(TEST_SECRET, INVITATION_ID, OTHER_SECRET);
    expect(bytesOf(derived.ok ? derived.secret : '')).toHaveLength(32);
  });

  it('answers secret-invalid, never a throw, when the invitation secret is not one', async () => {
    for (const secret of ['short', '', 7 as unknown as string]) {
      expect(await deriveConnectionSecret(secret, INVITATION_ID, OTHER_SECRET)).toMatchObject({
        ok: false,
        error: { code: 'secret-invalid' },
      });
    }
  });
});

function bytesOf(secret: string): Uint8Array {
  const bytes = decodeBase64Url(secret);
  if (!bytes) throw new Error('not base64url');
  return bytes;
}
