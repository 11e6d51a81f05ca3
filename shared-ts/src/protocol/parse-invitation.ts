import { toHex } from '../util/digest';
import { decodeBase64Url, encodeBase64Url, findNonBase64UrlChar } from './base64url';
import {
  INVITATION_PREFIX,
  INVITATION_VERSION,
  MAX_INVITATION_CODE_CHARS,
  MAX_INVITATION_NAME_BYTES,
  MAX_INVITATION_TTL_MS,
  MAX_INVITATION_URL_BYTES,
  type Invitation,
} from './invitation';
import {
  CHECKSUM_BYTES,
  FIXED_HEADER_BYTES,
  INVITATION_ID_BYTES,
  invitationChecksum,
} from './invitation-layout';
import { protocolFailure, type InvitationErrorCode, type ProtocolFailure } from './protocol-error';
import { isWebUrl } from './web-url';
import { CONNECTION_ID_PATTERN, DEFAULT_CLOCK_SKEW_MS, SECRET_BYTES } from './wire-format';

/** Why a pasted code was refused. */
export type ParseInvitationErrorCode = Exclude<InvitationErrorCode, 'invitation-input-invalid'>;

/** A code that was read and is valid now. */
export interface ParsedInvitation {
  ok: true;
  invitation: Invitation;
}

/** White space and invisible characters that copying from chat, mail or documents adds. */
const INVISIBLE = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** Quotes and brackets people or editors put around a pasted code. */
const OPENING = new Set(['"', "'", '`', '<', '(', '[', '{']);
const CLOSING = new Set(['"', "'", '`', '>', ')', ']', '}']);
const PREFIX = /^TANDEM(\d+)-/i;
const STRING_FIELDS = ['connectionId', 'connectionName', 'site.name', 'site.url', 'rendezvousUrl'] as const;
const MIN_TOTAL_BYTES = FIXED_HEADER_BYTES + 2 * STRING_FIELDS.length + CHECKSUM_BYTES;

/**
 * Reads a pasted invitation code, tolerating white space, line breaks and invisible characters
 * anywhere (a code wrapped by a mail client still reads) and quotes around it. It is refused,
 * with a message saying what to do, when it is far longer than any code
 * (`invitation-too-long`, checked first), is not a code (`invitation-malformed`, also for a
 * lifetime over 30 days), was cut short (`invitation-truncated`), was altered
 * (`invitation-damaged`), was made by a newer Tandem (`invitation-version-unsupported`), is not
 * valid yet by more than `clockSkewMs` (`invitation-not-yet-valid`) or has expired at `now`
 * (`invitation-expired`). Linear in the length of the text.
 */
export async function parseInvitation(
  code: string,
  now: number,
  options: { clockSkewMs?: number } = {},
): Promise<ParsedInvitation | ProtocolFailure<ParseInvitationErrorCode>> {
  if (code.length > MAX_INVITATION_CODE_CHARS) {
    return protocolFailure(
      'invitation-too-long',
      `This text has ${code.length} characters; an invitation code has fewer than ${MAX_INVITATION_CODE_CHARS}, even wrapped by a mail client. Paste only the code.`,
    );
  }
  const cleaned = unwrap(code.replace(INVISIBLE, ''));
  if (cleaned === '')
    return protocolFailure('invitation-malformed', 'The invitation code is empty: paste the whole code.');
  const prefix = PREFIX.exec(cleaned);
  if (!prefix) {
    if (INVITATION_PREFIX.startsWith(cleaned.toUpperCase())) return truncated(0, null);
    return protocolFailure(
      'invitation-malformed',
      `This is not a Tandem invitation code: a code starts with ${INVITATION_PREFIX}. Copy it again from the other site's Tandem console.`,
    );
  }
  const version = Number(prefix[1]);
  if (version > INVITATION_VERSION) {
    return protocolFailure(
      'invitation-version-unsupported',
      `This code was made by a newer Tandem (invitation format ${version}); this one reads format ${INVITATION_VERSION}. Update Tandem here, then paste the code again.`,
    );
  }
  if (version < 1) {
    return protocolFailure(
      'invitation-malformed',
      `This code names invitation format ${prefix[1]}, which does not exist.`,
    );
  }

  let payload = cleaned.slice(prefix[0].length);
  const pasted = payload.length;
  const bad = findNonBase64UrlChar(payload);
  if (bad >= 0) {
    return protocolFailure(
      'invitation-damaged',
      `The code contains ${JSON.stringify(payload[bad])} (character ${prefix[0].length + bad + 1}), which no invitation code has. Copy the code again, as plain text.`,
    );
  }
  // A length of 4n + 1 only comes from a cut: the last character holds no whole byte.
  if (payload.length % 4 === 1) payload = payload.slice(0, -1);
  const bytes = decodeBase64Url(payload);
  if (bytes === null || bytes.length < 3) return truncated(pasted, null);
  const view = new DataView(bytes.buffer);
  const total = view.getUint16(1);
  if (total < MIN_TOTAL_BYTES) return damaged();
  if (bytes.length < total) return truncated(pasted, Math.ceil((total * 4) / 3));
  if (bytes.length > total) {
    return protocolFailure(
      'invitation-damaged',
      'The code has extra characters at its end. Copy exactly the code, without what follows it.',
    );
  }
  const expected = await invitationChecksum(bytes.slice(0, total - CHECKSUM_BYTES));
  if (toHex(expected) !== toHex(bytes.slice(total - CHECKSUM_BYTES))) return damaged();

  const invitation = readFields(bytes, view, total);
  if (typeof invitation === 'string') return protocolFailure('invitation-malformed', invitation);

  const skewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  const createdAt = Date.parse(invitation.createdAt);
  const expiresAt = Date.parse(invitation.expiresAt);
  if (createdAt > now + skewMs) {
    return protocolFailure(
      'invitation-not-yet-valid',
      `This invitation was created at ${invitation.createdAt}, which is in the future here (${new Date(now).toISOString()}). ` +
        'One of the two clocks is wrong: check the time settings of both sites.',
    );
  }
  if (now >= expiresAt) {
    return protocolFailure(
      'invitation-expired',
      `This invitation expired at ${invitation.expiresAt}. Ask the admin of ${invitation.site.name} for a new one.`,
    );
  }
  return { ok: true, invitation };
}

/**
 * The text without the quotes and brackets around it. A loop from each end: a regular expression
 * anchored only at the end tries every start in a run of brackets, which is quadratic.
 */
function unwrap(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && OPENING.has(text[start] as string)) start++;
  while (end > start && CLOSING.has(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

function truncated(have: number, expected: number | null): ProtocolFailure<ParseInvitationErrorCode> {
  const size = expected === null ? `only ${have}` : `${have} of its ${expected}`;
  return protocolFailure(
    'invitation-truncated',
    `The code is incomplete: it has ${size} characters after ${INVITATION_PREFIX}. Part of it was lost when copying; copy the whole code again.`,
  );
}

function damaged(): ProtocolFailure<ParseInvitationErrorCode> {
  return protocolFailure(
    'invitation-damaged',
    'The code was changed on the way (its checksum does not match): a character was altered, added or removed. Copy it again, as plain text.',
  );
}

/** The fields of a checksummed payload, or what is wrong with them (only a faulty generator gets here). */
function readFields(bytes: Uint8Array<ArrayBuffer>, view: DataView, total: number): Invitation | string {
  const version = view.getUint8(0);
  if (version !== INVITATION_VERSION)
    return `The code says format ${INVITATION_VERSION} outside but ${version} inside.`;
  const strings: string[] = [];
  let offset = FIXED_HEADER_BYTES;
  const end = total - CHECKSUM_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const field of STRING_FIELDS) {
    if (offset + 2 > end) return `The code ends before its ${field}.`;
    const length = view.getUint16(offset);
    if (offset + 2 + length > end) return `The code's ${field} runs past its end.`;
    try {
      strings.push(decoder.decode(bytes.subarray(offset + 2, offset + 2 + length)));
    } catch {
      return `The code's ${field} is not UTF-8 text.`;
    }
    offset += 2 + length;
  }
  if (offset !== end) return 'The code has bytes after its last field.';
  const [connectionId = '', connectionName = '', siteName = '', siteUrl = '', rendezvousUrl = ''] = strings;
  const createdSeconds = view.getUint32(51);
  const expiresSeconds = view.getUint32(55);
  const problem =
    (!CONNECTION_ID_PATTERN.test(connectionId)
      ? `The code's connection id ${JSON.stringify(connectionId)} is not valid.`
      : null) ??
    nameProblem('connection name', connectionName) ??
    nameProblem('site name', siteName) ??
    urlProblem('site URL', siteUrl) ??
    urlProblem('rendezvous URL', rendezvousUrl) ??
    (expiresSeconds <= createdSeconds ? 'The code expires before it was created.' : null) ??
    ((expiresSeconds - createdSeconds) * 1000 > MAX_INVITATION_TTL_MS
      ? `The code says it is valid for ${Math.round((expiresSeconds - createdSeconds) / 86_400)} days; an invitation lasts at most ${MAX_INVITATION_TTL_MS / 86_400_000} days.`
      : null);
  if (problem) return problem;
  return {
    version: INVITATION_VERSION,
    invitationId: toHex(bytes.subarray(3, 3 + INVITATION_ID_BYTES)),
    connectionId,
    connectionName,
    site: { name: siteName, url: siteUrl },
    rendezvousUrl,
    secret: encodeBase64Url(bytes.subarray(3 + INVITATION_ID_BYTES, 3 + INVITATION_ID_BYTES + SECRET_BYTES)),
    createdAt: new Date(createdSeconds * 1000).toISOString(),
    expiresAt: new Date(expiresSeconds * 1000).toISOString(),
  };
}

function nameProblem(what: string, value: string): string | null {
  if (value.trim() === '') return `The code's ${what} is empty.`;
  return new TextEncoder().encode(value).length > MAX_INVITATION_NAME_BYTES
    ? `The code's ${what} is too long.`
    : null;
}

function urlProblem(what: string, value: string): string | null {
  if (!isWebUrl(value)) return `The code's ${what} ${JSON.stringify(value)} is not an https URL.`;
  return new TextEncoder().encode(value).length > MAX_INVITATION_URL_BYTES
    ? `The code's ${what} is too long.`
    : null;
}
