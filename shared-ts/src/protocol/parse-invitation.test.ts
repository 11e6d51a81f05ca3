import { decodeBase64Url, encodeBase64Url } from './base64url';
import { createInvitation } from './create-invitation';
import { MAX_INVITATION_CODE_CHARS } from './invitation';
import { invitationChecksum } from './invitation-layout';
import { parseInvitation } from './parse-invitation';
import {
  countingBytes,
  INVITATION_INPUT,
  T0,
  TEST_SECRET,
  TestClock,
  VECTOR_INVITATION_CODE,
} from './testing/fixtures';

const CODE = VECTOR_INVITATION_CODE;
const EXPIRES = T0 + 24 * 60 * 60 * 1000;

async function outcome(code: string, now = T0): Promise<string> {
  const result = await parseInvitation(code, now);
  return result.ok ? 'ok' : result.error.code;
}

/** The code with its payload bytes changed by `edit`, and a correct checksum: what a faulty generator makes. */
async function recoded(edit: (bytes: Uint8Array) => void): Promise<string> {
  const bytes = decodeBase64Url(CODE.slice('TANDEM1-'.length));
  if (!bytes) throw new Error('bad vector');
  edit(bytes);
  bytes.set(await invitationChecksum(bytes.slice(0, -4)), bytes.length - 4);
  return `TANDEM1-${encodeBase64Url(bytes)}`;
}

describe('parseInvitation', () => {
  it('reads every field of the documented test vector', async () => {
    expect(await parseInvitation(CODE, T0)).toEqual({
      ok: true,
      invitation: {
        version: 1,
        invitationId: '202122232425262728292a2b2c2d2e2f',
        connectionId: 'acme-jira-support',
        connectionName: 'Acme support',
        site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
        rendezvousUrl: INVITATION_INPUT.rendezvousUrl,
        secret: TEST_SECRET,
        createdAt: '2026-11-20T10:00:00.000Z',
        expiresAt: '2026-11-21T10:00:00.000Z',
      },
    });
  });

  it('tolerates white space and line breaks around and inside the code, as mail clients wrap it', async () => {
    const wrapped = `\n  ${CODE.slice(0, 70)}\r\n${CODE.slice(70, 140)} \n\t${CODE.slice(140)}  \n`;
    expect(await outcome(wrapped)).toBe('ok');
  });

  it('tolerates invisible characters and quotes that chat and documents add', async () => {
    expect(await outcome(`"\u200b${CODE.slice(0, 50)}\u00ad${CODE.slice(50)}\ufeff"`)).toBe('ok');
    expect(await outcome(`\`${CODE}\``)).toBe('ok');
  });

  it('refuses a code with one character changed (invitation-damaged)', async () => {
    const at = 120;
    const changed = CODE.slice(0, at) + (CODE[at] === 'A' ? 'B' : 'A') + CODE.slice(at + 1);
    expect(await outcome(changed)).toBe('invitation-damaged');
  });

  it('never accepts a code with any single character changed', async () => {
    for (let at = 'TANDEM1-'.length; at < CODE.length; at++) {
      const changed = CODE.slice(0, at) + (CODE[at] === 'x' ? 'y' : 'x') + CODE.slice(at + 1);
      expect([at, await outcome(changed)]).not.toEqual([at, 'ok']);
    }
  });

  it('refuses a character no code contains, saying which (invitation-damaged)', async () => {
    const result = await parseInvitation(`${CODE.slice(0, 40)}+${CODE.slice(41)}`, T0);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invitation-damaged', message: expect.stringContaining('"+"') },
    });
  });

  it('refuses a code with characters added at its end (invitation-damaged)', async () => {
    expect(await outcome(`${CODE}AAAA`)).toBe('invitation-damaged');
  });

  it('refuses a code cut short, at any length (invitation-truncated)', async () => {
    for (const keep of [CODE.length - 1, CODE.length - 5, 200, 20, 11]) {
      expect([keep, await outcome(CODE.slice(0, keep))]).toEqual([keep, 'invitation-truncated']);
    }
  });

  it('says how much of a cut code arrived', async () => {
    const result = await parseInvitation(CODE.slice(0, 200), T0);
    expect(result).toMatchObject({
      error: { message: expect.stringContaining('192 of its 295 characters') },
    });
  });

  it('refuses only the prefix, or part of it, as truncated', async () => {
    expect(await outcome('TANDEM1-')).toBe('invitation-truncated');
    expect(await outcome('TANDE')).toBe('invitation-truncated');
  });

  it('refuses text that is not an invitation code (invitation-malformed)', async () => {
    expect(await outcome('https://acme.atlassian.net')).toBe('invitation-malformed');
    expect(await outcome('   ')).toBe('invitation-malformed');
  });

  it('refuses a code of a newer format, telling to update (invitation-version-unsupported)', async () => {
    const result = await parseInvitation(`TANDEM2-${CODE.slice(8)}`, T0);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invitation-version-unsupported',
        message: expect.stringContaining('Update Tandem here'),
      },
    });
  });

  it('refuses a code whose checksum is right but whose fields are not (invitation-malformed)', async () => {
    // The connection id starts at byte 61: make its first character a space.
    expect(await outcome(await recoded((bytes) => (bytes[61] = 0x20)))).toBe('invitation-malformed');
  });

  it('refuses a code with a correct checksum that expires in 2106, the furthest a code can say (invitation-malformed)', async () => {
    const code = await recoded((bytes) => new DataView(bytes.buffer).setUint32(55, 0xffffffff));
    expect(await parseInvitation(code, T0)).toEqual({
      ok: false,
      error: {
        code: 'invitation-malformed',
        message: 'The code says it is valid for 28933 days; an invitation lasts at most 30 days.',
      },
    });
  });

  it('accepts a code valid for exactly the longest lifetime, 30 days', async () => {
    const code = await recoded((bytes) => {
      const view = new DataView(bytes.buffer);
      view.setUint32(55, view.getUint32(51) + 30 * 86_400);
    });
    expect(await outcome(code)).toBe('ok');
  });

  it('refuses text far longer than any code before reading it (invitation-too-long)', async () => {
    const result = await parseInvitation(`${CODE}${' '.repeat(MAX_INVITATION_CODE_CHARS)}`, T0);
    expect(result).toMatchObject({ ok: false, error: { code: 'invitation-too-long' } });
  });

  it('still reads a code wrapped in many quotes and brackets, up to the length limit', async () => {
    expect(await outcome(`${'(['.repeat(1000)}${CODE}${'])'.repeat(1000)}`)).toBe('ok');
  });

  it('refuses a code whose inner version disagrees with its prefix (invitation-malformed)', async () => {
    expect(await outcome(await recoded((bytes) => (bytes[0] = 2)))).toBe('invitation-malformed');
  });

  it('accepts a code until 1 ms before it expires', async () => {
    expect(await outcome(CODE, EXPIRES - 1)).toBe('ok');
  });

  it('refuses a code from the instant it expires, naming who to ask (invitation-expired)', async () => {
    const result = await parseInvitation(CODE, EXPIRES);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invitation-expired', message: expect.stringContaining('Acme Jira') },
    });
  });

  it('accepts a code created up to 5 minutes in the future (clock skew)', async () => {
    expect(await outcome(CODE, T0 - 5 * 60_000)).toBe('ok');
  });

  it('refuses a code created further in the future (invitation-not-yet-valid)', async () => {
    expect(await outcome(CODE, T0 - 5 * 60_000 - 1)).toBe('invitation-not-yet-valid');
  });

  it('takes another clock skew', async () => {
    expect((await parseInvitation(CODE, T0 - 60_000, { clockSkewMs: 1000 })).ok).toBe(false);
  });

  it('reads codes with the longest names and URLs', async () => {
    const long = `https://acme.example/${'p'.repeat(1000)}`;
    const made = await createInvitation({
      ...INVITATION_INPUT,
      connectionName: 'n'.repeat(200),
      rendezvousUrl: long,
      site: { name: 's'.repeat(200), url: long },
      clock: new TestClock(),
      randomBytes: countingBytes(),
    });
    if (!made.ok) throw new Error(made.error.message);
    expect(await outcome(made.code)).toBe('ok');
  });
});
