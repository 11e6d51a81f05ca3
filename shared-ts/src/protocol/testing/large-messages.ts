/**
 * Test support: message bodies of a given size (about `bytes` of JSON), for the linear-time
 * tests of the envelope parser and the verifier: a replica message per way a replica grows, and
 * a batch of many small messages.
 */
import { LARGE_REPLICAS } from '../../replica/testing/large-replicas';
import { canonicalJson } from '../../util/canonical-json';
import type { Envelope } from '../message-envelope';
import { CONNECTION_ID, MESSAGE_ID, UNLINK_BODY } from './fixtures';

const SENT_AT = '2026-11-20T10:00:00.000Z';

/** The body text of a message about `bytes` long. */
export type MessageFamily = (bytes: number) => string;

function envelopeText(envelope: Envelope): string {
  return canonicalJson(envelope);
}

/** A message id for the n-th carried message: ULIDs that differ in their last characters. */
function carriedId(index: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let suffix = '';
  for (let rest = index, i = 0; i < 6; i++, rest = Math.floor(rest / 32))
    suffix = alphabet[rest % 32] + suffix;
  return `01JD7XKQ2M3N4P5Q6R${suffix}AB`.slice(0, 26);
}

/** Replica messages in every shape a replica grows, and a batch of many carried messages. */
export const LARGE_MESSAGES: Record<string, MessageFamily> = {
  ...Object.fromEntries(
    Object.entries(LARGE_REPLICAS).map(([family, make]) => [
      `a replica with ${family}`,
      (bytes: number) =>
        envelopeText({
          v: 1,
          connectionId: CONNECTION_ID,
          messageId: MESSAGE_ID,
          kind: 'replica',
          sentAt: SENT_AT,
          body: { replica: make(bytes), target: null, applied: 0 },
        }),
    ]),
  ),
  'a batch of many messages': (bytes) =>
    envelopeText({
      v: 1,
      connectionId: CONNECTION_ID,
      messageId: MESSAGE_ID,
      kind: 'batch',
      sentAt: SENT_AT,
      body: {
        inReplyTo: MESSAGE_ID,
        more: false,
        messages: Array.from({ length: bytes / 400 }, (_, index) => ({
          v: 1,
          connectionId: CONNECTION_ID,
          messageId: carriedId(index),
          kind: 'unlink',
          sentAt: SENT_AT,
          body: { ...UNLINK_BODY, reason: `Unlinked by person ${index}` },
        })),
      },
    }),
};
