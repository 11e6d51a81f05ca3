import { toHex } from '../util/digest';
import { encodeBase64Url } from './base64url';
import { createMessageIdGenerator } from './create-message-id-generator';
import { cryptoRandomBytes } from './crypto-random-bytes';
import {
  DEFAULT_INVITATION_TTL_MS,
  INVITATION_PREFIX,
  INVITATION_VERSION,
  MAX_INVITATION_NAME_BYTES,
  MAX_INVITATION_TTL_MS,
  MAX_INVITATION_URL_BYTES,
  MIN_INVITATION_TTL_MS,
  type Invitation,
} from './invitation';
import {
  CHECKSUM_BYTES,
  FIXED_HEADER_BYTES,
  INVITATION_ID_BYTES,
  invitationChecksum,
} from './invitation-layout';
import type { SiteInfo } from './message-envelope';
import type { EpochClock, RandomBytes } from './ports';
import { protocolFailure, type ProtocolFailure } from './protocol-error';
import { isWebUrl } from './web-url';
import { CONNECTION_ID_PATTERN, SECRET_BYTES } from './wire-format';

/** What the initiator puts in an invitation. */
export interface CreateInvitationInput {
  /** What both admins will see the connection called. */
  connectionName: string;
  /** The initiator's own site. */
  site: SiteInfo;
  /** Where the accepting side will send its messages. */
  rendezvousUrl: string;
  /** Reuse a connection id (pairing an existing connection again); a new ULID by default. */
  connectionId?: string;
  /** Lifetime in ms, 1 minute to 30 days. Default 24 hours. */
  ttlMs?: number;
  clock: EpochClock;
  /** Default: `cryptoRandomBytes`. Only tests pass another. */
  randomBytes?: RandomBytes;
}

/** A new invitation and its code. */
export interface CreatedInvitation {
  ok: true;
  /** The copy-paste form: `TANDEM1-` and base64url. Show it once; it carries the secret. */
  code: string;
  /** What the code says; the initiator saves it in its `InvitationStore` to accept the hello. */
  invitation: Invitation;
}

/**
 * Makes a single-use invitation: a fresh 256-bit secret and invitation id, valid from now (whole
 * seconds) for `ttlMs`, encoded as a code with a checksum. Values that cannot go in a code are
 * refused with `invitation-input-invalid` naming the field.
 */
export async function createInvitation(
  input: CreateInvitationInput,
): Promise<CreatedInvitation | ProtocolFailure<'invitation-input-invalid'>> {
  const ttlMs = input.ttlMs ?? DEFAULT_INVITATION_TTL_MS;
  const problem =
    nameProblem('connectionName', input.connectionName) ??
    nameProblem('site.name', input.site.name) ??
    urlProblem('site.url', input.site.url) ??
    urlProblem('rendezvousUrl', input.rendezvousUrl) ??
    (input.connectionId !== undefined && !CONNECTION_ID_PATTERN.test(input.connectionId)
      ? `connectionId ${JSON.stringify(input.connectionId)} must be 1 to 64 of A-Z a-z 0-9 . _ - (starting with a letter or digit).`
      : null) ??
    (!Number.isSafeInteger(ttlMs) || ttlMs < MIN_INVITATION_TTL_MS || ttlMs > MAX_INVITATION_TTL_MS
      ? `ttlMs must be between ${MIN_INVITATION_TTL_MS} (1 minute) and ${MAX_INVITATION_TTL_MS} (30 days); got ${ttlMs}.`
      : null);
  if (problem) return protocolFailure('invitation-input-invalid', problem);

  const randomBytes = input.randomBytes ?? cryptoRandomBytes;
  const secret = randomBytes(SECRET_BYTES);
  const invitationId = randomBytes(INVITATION_ID_BYTES);
  const connectionId = input.connectionId ?? createMessageIdGenerator({ clock: input.clock, randomBytes })();
  const createdSeconds = Math.floor(input.clock.now() / 1000);
  const expiresSeconds = createdSeconds + Math.ceil(ttlMs / 1000);
  const invitation: Invitation = {
    version: INVITATION_VERSION,
    invitationId: toHex(invitationId),
    connectionId,
    connectionName: input.connectionName,
    site: { name: input.site.name, url: input.site.url },
    rendezvousUrl: input.rendezvousUrl,
    secret: encodeBase64Url(secret),
    createdAt: new Date(createdSeconds * 1000).toISOString(),
    expiresAt: new Date(expiresSeconds * 1000).toISOString(),
  };

  const strings = [
    connectionId,
    input.connectionName,
    input.site.name,
    input.site.url,
    input.rendezvousUrl,
  ].map((text) => new TextEncoder().encode(text));
  const total =
    FIXED_HEADER_BYTES + strings.reduce((sum, bytes) => sum + 2 + bytes.length, 0) + CHECKSUM_BYTES;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, INVITATION_VERSION);
  view.setUint16(1, total);
  bytes.set(invitationId, 3);
  bytes.set(secret, 3 + INVITATION_ID_BYTES);
  view.setUint32(51, createdSeconds);
  view.setUint32(55, expiresSeconds);
  let offset = FIXED_HEADER_BYTES;
  for (const text of strings) {
    view.setUint16(offset, text.length);
    bytes.set(text, offset + 2);
    offset += 2 + text.length;
  }
  bytes.set(await invitationChecksum(bytes.slice(0, offset)), offset);
  return { ok: true, code: `${INVITATION_PREFIX}${encodeBase64Url(bytes)}`, invitation };
}

function nameProblem(field: string, value: string): string | null {
  if (value.trim() === '') return `${field} must not be empty.`;
  const size = new TextEncoder().encode(value).length;
  return size > MAX_INVITATION_NAME_BYTES
    ? `${field} is ${size} bytes of UTF-8; an invitation holds at most ${MAX_INVITATION_NAME_BYTES}.`
    : null;
}

function urlProblem(field: string, value: string): string | null {
  if (!isWebUrl(value))
    return `${field} ${JSON.stringify(value)} must be an https URL (http only on localhost).`;
  const size = new TextEncoder().encode(value).length;
  return size > MAX_INVITATION_URL_BYTES
    ? `${field} is ${size} bytes; an invitation holds at most ${MAX_INVITATION_URL_BYTES}.`
    : null;
}
