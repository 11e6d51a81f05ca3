import { createInvitation } from './create-invitation';
import { parseInvitation } from './parse-invitation';
import {
  countingBytes,
  INVITATION_INPUT,
  T0,
  TEST_SECRET,
  TestClock,
  VECTOR_INVITATION_CODE,
} from './testing/fixtures';
import { MESSAGE_ID_PATTERN } from './wire-format';

const HOUR = 60 * 60 * 1000;

async function create(overrides: Partial<Parameters<typeof createInvitation>[0]> = {}) {
  return createInvitation({
    ...INVITATION_INPUT,
    clock: new TestClock(),
    randomBytes: countingBytes(),
    ...overrides,
  });
}

async function refusal(overrides: Partial<Parameters<typeof createInvitation>[0]>): Promise<string> {
  const result = await create(overrides);
  return result.ok ? 'created' : `${result.error.code}: ${result.error.message}`;
}

describe('createInvitation', () => {
  it('encodes the documented test vector byte for byte', async () => {
    expect(await create()).toMatchObject({ ok: true, code: VECTOR_INVITATION_CODE });
  });

  it('makes a code of TANDEM1- and base64url only, safe to paste anywhere', async () => {
    const result = await createInvitation({ ...INVITATION_INPUT, clock: new TestClock() });
    expect(result.ok && result.code).toMatch(/^TANDEM1-[A-Za-z0-9_-]+$/);
  });

  it('carries a fresh 256-bit secret and a 128-bit invitation id from the random source', async () => {
    expect(await create()).toMatchObject({
      invitation: { secret: TEST_SECRET, invitationId: '202122232425262728292a2b2c2d2e2f' },
    });
  });

  it('is valid for 24 hours from now by default, in whole seconds', async () => {
    const result = await create({ clock: new TestClock(T0 + 999) });
    expect(result).toMatchObject({
      invitation: { createdAt: '2026-11-20T10:00:00.000Z', expiresAt: '2026-11-21T10:00:00.000Z' },
    });
  });

  it('takes another lifetime', async () => {
    expect(await create({ ttlMs: 2 * HOUR })).toMatchObject({
      invitation: { expiresAt: '2026-11-20T12:00:00.000Z' },
    });
  });

  it('names a new connection with a ULID when it is not given one', async () => {
    const { connectionId: _omitted, ...input } = INVITATION_INPUT;
    const result = await createInvitation({ ...input, clock: new TestClock() });
    expect(result.ok && result.invitation.connectionId).toMatch(MESSAGE_ID_PATTERN);
  });

  it('makes a code that parseInvitation reads back to the same invitation', async () => {
    const result = await createInvitation({
      ...INVITATION_INPUT,
      connectionName: 'Støtte · サポート',
      clock: new TestClock(),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(await parseInvitation(result.code, T0)).toEqual({ ok: true, invitation: result.invitation });
  });

  it('refuses an empty connection name', async () => {
    expect(await refusal({ connectionName: '  ' })).toBe(
      'invitation-input-invalid: connectionName must not be empty.',
    );
  });

  it('refuses names longer than 200 bytes of UTF-8', async () => {
    expect(await refusal({ site: { ...INVITATION_INPUT.site, name: 'é'.repeat(101) } })).toMatch(
      /site.name is 202 bytes/,
    );
  });

  it('refuses a rendezvous URL that is not https', async () => {
    expect(await refusal({ rendezvousUrl: 'http://acme.example/hook' })).toMatch(
      /^invitation-input-invalid: rendezvousUrl/,
    );
  });

  it('refuses a connection id with characters unsafe in headers and keys', async () => {
    expect(await refusal({ connectionId: 'acme/jira' })).toMatch(/^invitation-input-invalid: connectionId/);
  });

  it('refuses a lifetime under a minute or over 30 days', async () => {
    expect(await refusal({ ttlMs: 59_000 })).toMatch(/ttlMs/);
    expect(await refusal({ ttlMs: 31 * 24 * HOUR })).toMatch(/ttlMs/);
  });
});
