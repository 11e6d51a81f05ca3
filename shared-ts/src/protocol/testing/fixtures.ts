/** Shared fixtures of the protocol tests: a settable clock, predictable randomness, fixed values. */
import { helloForTest } from './signed';
import { toHex } from '../../util/digest';
import { acceptHello } from '../accept-hello';
import { decodeBase64Url, encodeBase64Url } from '../base64url';
import { createInvitation } from '../create-invitation';
import { createMessageIdGenerator } from '../create-message-id-generator';
import { hmacSha256 } from '../hmac-sha256';
import { InMemoryInvitationStore } from './in-memory-invitation-store';
import { InMemoryReplayCache } from '../in-memory-replay-cache';
import type { AttachmentChunksBody, AttachmentWantBody, UnlinkBody } from '../message-envelope';
import { parseInvitation } from '../parse-invitation';
import type { EpochClock, RandomBytes } from '../ports';
import { signingInput } from '../signing-input';
import type { Speaks } from '../speaks';
import type { RawMessage } from '../verify-message';

/** 2026-11-20T10:00:00.000Z, the time every test starts at. */
export const T0 = Date.parse('2026-11-20T10:00:00.000Z');

/** A clock the test moves by hand. */
export class TestClock implements EpochClock {
  constructor(private current: number = T0) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock by `ms` (negative goes back). */
  advance(ms: number): void {
    this.current += ms;
  }
}

/** "Random" bytes that count up from `start` (mod 256) across calls: predictable ids and secrets. */
export function countingBytes(start = 0): RandomBytes {
  let next = start;
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = next++ & 0xff;
    return out;
  };
}

/** The secret 00 01 02 ... 1f, base64url. */
export const TEST_SECRET = encodeBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i));

/** Another valid secret (ff fe ... e0), for "wrong secret" cases. */
export const OTHER_SECRET = encodeBase64Url(Uint8Array.from({ length: 32 }, (_, i) => 255 - i));

/** The connection of the tests. */
export const CONNECTION_ID = 'acme-jira-support';

/** A valid message id. */
export const MESSAGE_ID = '01JD7XKQ2M3N4P5Q6R7S8T9V0W';

/** The body of the documented test vector (docs/protocol.md, "Test vector"). */
export const UNLINK_BODY: UnlinkBody = {
  entity: { platform: 'salesforce', type: 'Case', id: '500Hn00001XyZ9QAAA', key: '00001026' },
  target: { platform: 'jira', type: 'issue', id: '10042', key: 'SUP-42' },
  reason: 'Unlinked by ana@acme.example',
};

/** The test vector of docs/protocol.md: the body of the UNLINK_BODY envelope, and its signature under TEST_SECRET. */
export const VECTOR_BODY =
  '{"body":{"entity":{"id":"500Hn00001XyZ9QAAA","key":"00001026","platform":"salesforce","type":"Case"},' +
  '"reason":"Unlinked by ana@acme.example","target":{"id":"10042","key":"SUP-42","platform":"jira","type":"issue"}},' +
  '"connectionId":"acme-jira-support","kind":"unlink","messageId":"01JD7XKQ2M3N4P5Q6R7S8T9V0W",' +
  '"sentAt":"2026-11-20T10:00:00.000Z","v":1}';
export const VECTOR_SIGNATURE = 'v1=2d170a6aac28f73df712feb268c0655d68b86f30177d4c6a7291d51a8cf5f07c';

/** Signs arbitrary text with arbitrary headers, to build messages signMessage would never make. */
export async function signRaw(parts: {
  connectionId: string;
  messageId: string;
  timestamp: string;
  body: string;
  secret?: string;
}): Promise<{ headers: Record<string, string>; body: string }> {
  const key = decodeBase64Url(parts.secret ?? TEST_SECRET);
  if (!key) throw new Error('bad test secret');
  const mac = await hmacSha256(key, new TextEncoder().encode(signingInput(parts)));
  return {
    headers: {
      'X-Tandem-Connection': parts.connectionId,
      'X-Tandem-Message-Id': parts.messageId,
      'X-Tandem-Timestamp': parts.timestamp,
      'X-Tandem-Signature': `v1=${toHex(mac)}`,
    },
    body: parts.body,
  };
}

/** The invitation of the tests and of the documented code vector. */
export const INVITATION_INPUT = {
  connectionId: 'acme-jira-support',
  connectionName: 'Acme support',
  site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
  rendezvousUrl: 'https://5f1c7a2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b.hello.atlassian-dev.net/x1/Zq8sTn3VbWmK',
};

/** INVITATION_INPUT made at T0 with countingBytes(): the code vector of docs/protocol.md (checked with Python). */
export const VECTOR_INVITATION_CODE =
  'TANDEM1-AQDdICEiIyQlJicoKSorLC0uLwABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fawAaIGsBa6AAEWFjbWUtamlyYS1zdXBwb3J0' +
  'AAxBY21lIHN1cHBvcnQACUFjbWUgSmlyYQAaaHR0cHM6Ly9hY21lLmF0bGFzc2lhbi5uZXQAVGh0dHBzOi8vNWYxYzdhMmUtM2I0ZC00ZTZmLThh' +
  'OWItMGMxZDJlM2Y0YTViLmhlbGxvLmF0bGFzc2lhbi1kZXYubmV0L3gxL1pxOHNUbjNWYldtS5RofK8';

/** The two sites of the handshake tests. */
export const JIRA_SITE = { name: 'Acme Jira', url: 'https://acme.atlassian.net' };
export const SALESFORCE_SITE = { name: 'Acme Support org', url: 'https://acme.my.salesforce.com' };

/**
 * An initiator (Jira) that made and saved an invitation, and an acceptor (Salesforce) that read
 * its code; the two share a clock. `hello()` makes the acceptor's hello (with `nonce` to retry);
 * `accept()` hands a request to the initiator.
 */
export async function pairingSetUp(
  options: { ttlMs?: number; acceptorSpeaks?: Speaks; initiatorSpeaks?: Speaks } = {},
) {
  const { acceptorSpeaks, initiatorSpeaks, ...invitationOptions } = options;
  const clock = new TestClock();
  const invitations = new InMemoryInvitationStore();
  const initiatorReplayCache = new InMemoryReplayCache(clock);
  const initiatorIds = createMessageIdGenerator({ clock, randomBytes: countingBytes(50) });
  const acceptorIds = createMessageIdGenerator({ clock, randomBytes: countingBytes(150) });
  const made = await createInvitation({
    ...INVITATION_INPUT,
    ...invitationOptions,
    clock,
    randomBytes: countingBytes(),
  });
  if (!made.ok) throw new Error(made.error.message);
  await invitations.save(made.invitation);
  const parsed = await parseInvitation(made.code, clock.now());
  if (!parsed.ok) throw new Error(parsed.error.message);
  let nonces = 0;
  return {
    clock,
    invitations,
    invitation: parsed.invitation,
    hello: (nonce?: string) =>
      helloForTest({
        invitation: parsed.invitation,
        platform: 'salesforce',
        site: SALESFORCE_SITE,
        clock,
        messageIds: acceptorIds,
        randomBytes: countingBytes(200 + nonces++),
        ...(nonce === undefined ? {} : { nonce }),
        ...(acceptorSpeaks === undefined ? {} : { speaks: acceptorSpeaks }),
      }),
    accept: (request: RawMessage) =>
      acceptHello(request, {
        invitations,
        replayCache: initiatorReplayCache,
        clock,
        messageIds: initiatorIds,
        platform: 'jira',
        site: JIRA_SITE,
        ...(initiatorSpeaks === undefined ? {} : { speaks: initiatorSpeaks }),
      }),
  };
}

/** A valid `attachment-want`: one file from its first chunk. */
export const ATTACHMENT_WANT_BODY: AttachmentWantBody = {
  wants: [{ id: '10200', ref: 'attachment:10200', from: 0 }],
};

/** A valid `attachment-chunks`: a three-byte file in one chunk, and a file over the cap as a link. */
export const ATTACHMENT_CHUNKS_BODY: AttachmentChunksBody = {
  inReplyTo: '01JD7XKQ2M3N4P5Q6R7S8T9V0X',
  files: [
    {
      id: '10200',
      ref: 'attachment:10200',
      outcome: 'chunks',
      size: 3,
      sha256: 'ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc',
      chunks: [
        {
          index: 0,
          count: 1,
          data: 'AAEC',
          sha256: 'ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc',
        },
      ],
    },
    {
      id: '10201',
      ref: 'attachment:10201',
      outcome: 'link',
      url: 'https://acme.atlassian.net/browse/SUP-42',
      note: 'File big.zip (30 MB) is over the 25 MB limit; open it in Jira: https://acme.atlassian.net/browse/SUP-42',
    },
  ],
};
