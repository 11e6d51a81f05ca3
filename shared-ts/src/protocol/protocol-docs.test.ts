/** docs/protocol.md is the contract for other nodes: these tests keep it true to the code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deriveConnectionSecret } from './derive-connection-secret';
import { HTTP_STATUS_BY_ERROR } from './error-response';
import { MAX_INVITATION_CODE_CHARS } from './invitation';
import { MESSAGE_KINDS } from './message-envelope';
import { parseEnvelope } from './parse-envelope';
import { readErrorResponse } from './read-error-response';
import {
  INVITATION_INPUT,
  TEST_SECRET,
  VECTOR_BODY,
  VECTOR_INVITATION_CODE,
  VECTOR_SIGNATURE,
} from './testing/fixtures';
import type { WireErrorCode } from './protocol-error';

const doc = readFileSync(path.join(__dirname, '../../../docs/protocol.md'), 'utf8');

function jsonBlocks(): string[] {
  return [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? '');
}

describe('docs/protocol.md', () => {
  it('shows the signature test vector that signMessage produces', () => {
    expect(doc).toContain(TEST_SECRET);
    expect(doc).toContain(`\n${VECTOR_BODY}\n`);
    expect(doc).toContain(`X-Tandem-Signature: ${VECTOR_SIGNATURE}`);
    expect(doc).toContain(`Body (one line, ${new TextEncoder().encode(VECTOR_BODY).length} bytes`);
  });

  it('shows the invitation code test vector that createInvitation produces', () => {
    expect(doc).toContain(`\n${VECTOR_INVITATION_CODE}\n`);
    expect(doc).toContain(INVITATION_INPUT.rendezvousUrl);
  });

  it('shows the connection secret derivation vector', async () => {
    const nonce = 'yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc';
    const derived = await deriveConnectionSecret(TEST_SECRET, '202122232425262728292a2b2c2d2e2f', nonce);
    const secret = derived.ok ? derived.secret : derived.error.message;
    expect(doc).toContain(`nonce \`${nonce}\`, so the\nconnection secret is \`${secret}\``);
  });

  it('lists every error code with the HTTP status it is answered with', () => {
    for (const [code, status] of Object.entries(HTTP_STATUS_BY_ERROR) as [WireErrorCode, number][]) {
      expect(doc).toContain(`| \`${code}\` | ${status} |`);
    }
  });

  it('describes every message kind', () => {
    for (const kind of MESSAGE_KINDS) expect(doc).toContain(`### \`${kind}\``);
  });

  it('shows only examples that the code accepts', () => {
    const blocks = jsonBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const block of blocks) {
      const value = JSON.parse(block) as Record<string, unknown>;
      if ('error' in value) expect(readErrorResponse(block)).not.toBeNull();
      else expect(parseEnvelope(block)).toMatchObject({ ok: true });
    }
  });

  it('lists the limit on pasted invitation text with its code', () => {
    expect(doc).toContain(`Longer than ${MAX_INVITATION_CODE_CHARS.toLocaleString('en-US')} characters`);
    expect(doc).toContain('| `invitation-too-long` |');
  });
});
