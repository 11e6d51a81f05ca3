import fc from 'fast-check';
import { fuzzRuns } from '../testing/fuzz-runs';
import { HTTP_STATUS_BY_ERROR } from './error-response';
import { verifyHelloAck } from './verify-hello-ack';
import {
  signRaw,
  CONNECTION_ID,
  MESSAGE_ID,
  pairingSetUp,
  T0,
  TEST_SECRET,
  TestClock,
} from './testing/fixtures';
import { anyText, mutatedEnvelopeText, validEnvelope } from './testing/fuzz-arbitraries';
import { canonicalJson } from '../util/canonical-json';
import { verifyMessage, type HeaderBag, type RawMessage } from './verify-message';

/** Every wire error code: each has an HTTP status. */
const WIRE_CODES = new Set(Object.keys(HTTP_STATUS_BY_ERROR));
const HEADER_NAMES = [
  'X-Tandem-Connection',
  'X-Tandem-Message-Id',
  'X-Tandem-Timestamp',
  'X-Tandem-Signature',
];

const headerName = fc.oneof(
  fc.constantFrom(...HEADER_NAMES),
  fc.constantFrom(...HEADER_NAMES).map((name) => name.toLowerCase()),
  fc.constantFrom(...HEADER_NAMES).map((name) => name.toUpperCase()),
  fc.constantFrom('__proto__', 'constructor', 'Content-Type'),
  fc.string({ maxLength: 20 }),
);
const headerValue = fc.oneof(anyText, fc.array(anyText, { maxLength: 3 }), fc.constant(undefined));

/** A signed message, and the same with its headers or body changed. */
const signedThenChanged: fc.Arbitrary<Promise<{ original: unknown; raw: RawMessage }>> = fc
  .tuple(
    fc.constantFrom('unlink', 'replica', 'push', 'batch', 'pull', 'ack'),
    fc.oneof(
      fc.constant<(raw: RawMessage) => RawMessage>((raw) => raw),
      fc.tuple(headerName, headerValue).map(([name, value]) => (raw: RawMessage) => ({
        ...raw,
        headers: { ...raw.headers, [name]: value },
      })),
      mutatedEnvelopeText.map((body) => (raw: RawMessage) => ({ ...raw, body })),
      fc.nat().map((at) => (raw: RawMessage) => {
        const index = at % raw.body.length;
        const flipped = String.fromCharCode(raw.body.charCodeAt(index) ^ 1);
        return { ...raw, body: raw.body.slice(0, index) + flipped + raw.body.slice(index + 1) };
      }),
    ),
  )
  .map(async ([kind, change]) => {
    const original = validEnvelope(kind as 'unlink');
    const signed = await signRaw({
      connectionId: CONNECTION_ID,
      messageId: MESSAGE_ID,
      timestamp: '2026-11-20T10:00:00.000Z',
      body: canonicalJson(original),
    });
    return { original, raw: change(signed) };
  });

function options() {
  const clock = new TestClock();
  return { secretFor: async () => TEST_SECRET, clock, replayCache: { seen: async () => false } };
}

describe('verifyMessage on hostile input', () => {
  it('refuses any headers and body with a wire error code, never throwing', async () => {
    const headers: fc.Arbitrary<HeaderBag> = fc.dictionary(headerName, headerValue, { maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(headers, anyText, async (bag, body) => {
        const result = await verifyMessage({ headers: bag, body }, options());
        expect(result.ok).toBe(false);
        expect(!result.ok && WIRE_CODES.has(result.error.code)).toBe(true);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('accepts a signed message only as it was signed, and refuses every change with a code', async () => {
    await fc.assert(
      fc.asyncProperty(signedThenChanged, async (made) => {
        const { original, raw } = await made;
        const result = await verifyMessage(raw, options());
        if (result.ok) expect(canonicalJson(result.envelope)).toBe(canonicalJson(original));
        else expect(WIRE_CODES.has(result.error.code)).toBe(true);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});

describe('the hello handshake on hostile input', () => {
  it('refuses any request in place of a hello with a code, and leaves the invitation unused', async () => {
    const pairing = await pairingSetUp();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        anyText,
        async (headers, body) => {
          const result = await pairing.accept({ headers, body });
          expect(!result.ok && WIRE_CODES.has(result.error.code)).toBe(true);
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
    expect(await pairing.invitations.find(pairing.invitation.invitationId)).toMatchObject({ usedBy: null });
  });

  it('refuses any answer in place of a hello-ack with a code', async () => {
    const pairing = await pairingSetUp();
    const hello = await pairing.hello();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        anyText,
        async (headers, body) => {
          const result = await verifyHelloAck({ headers, body }, hello, { clock: { now: () => T0 } });
          expect(!result.ok && WIRE_CODES.has(result.error.code)).toBe(true);
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  });
});
