/**
 * Every function of the adapter entries, called with junk: each answers with a value (a success,
 * or `{ ok: false, error: { code, message } }` where it can fail), never a throw. Inputs from
 * outside (text, wire messages, stored records, pasted codes, scripts, mapping tables, ADF) are
 * junk of any shape; inputs the program builds itself (an envelope to sign, a replica already
 * validated) are junk of their declared type. The deeper suites per function are beside each one
 * (parse-envelope.fuzz, verify-message.fuzz, check.fuzz, run-rules.fuzz, rich-text.fuzz,
 * validate-replica.fuzz, storage-codec.fuzz, handle-rendezvous-request.fuzz, ...).
 */
import fc from 'fast-check';
import { TEST_SECRET, TestClock } from '../protocol/testing/fixtures';
import { hostileJson } from '../replica/testing/hostile-json';
import { fuzzRuns } from '../testing/fuzz-runs';
import { InMemoryInvitationStore, InMemoryReplayCache } from '../testing';
import { rendezvousPair } from '../sync/rendezvous/testing/rendezvous-pair';
import { syncLocalChange } from '../sync/outgoing/sync-local-change';
import { seedEntity } from '../sync/testing/test-node';
import * as engine from './engine';
import * as protocol from './protocol';
import * as replica from './replica';
import * as rules from './rules';

const RUNS = fuzzRuns(60);

/** Any JavaScript value an untyped caller could pass, JSON and otherwise. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
  hostileJson,
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '{}', '[]', 'null', '<p>'),
);
const sideOrJunk: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom('jira', 'salesforce'), junk);
const directionOrJunk: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom('outgoing', 'incoming'), junk);
const headers = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom(...Object.values(protocol.HEADERS))),
  fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
  { maxKeys: 6 },
);
const raw = fc.record({ headers, body: text });

/** A failed outcome in the one shape: `ok: false` and an error with a code and a message. */
function expectCodedFailure(result: unknown): void {
  expect(result).toMatchObject({
    ok: false,
    error: { code: expect.any(String), message: expect.any(String) },
  });
}

/** A success (`ok: true`), or a failure in the one shape. */
function expectResult(result: unknown): void {
  expect(result).toHaveProperty('ok');
  if ((result as { ok: unknown }).ok !== true) expectCodedFailure(result);
}

// Each case calls one function with junk; the cast says "whatever an untyped caller passes".
/* eslint-disable @typescript-eslint/no-explicit-any -- junk goes where the types say it cannot */
type Case = [string, fc.Arbitrary<unknown[]>, (...args: any[]) => unknown, (result: unknown) => void];
const isList = (result: unknown): void => expect(Array.isArray(result)).toBe(true);
const isText = (result: unknown): void => expect(typeof result).toBe('string');

const CASES: Case[] = [
  // replica
  ['replica.validateReplica', fc.tuple(junk), replica.validateReplica, expectResult],
  ['replica.convertRichText', fc.tuple(text, junk, junk), replica.convertRichText, expectResult],
  [
    'replica.convertRichText (known formats)',
    fc.tuple(
      text,
      fc.constantFrom(...replica.RICH_TEXT_FORMATS),
      fc.constantFrom(...replica.RICH_TEXT_FORMATS),
    ),
    replica.convertRichText,
    expectResult,
  ],
  ['replica.adfToHtml', fc.tuple(junk), replica.adfToHtml, expectResult],
  [
    'replica.htmlToAdf',
    fc.tuple(text),
    replica.htmlToAdf,
    (doc) => expect(doc).toHaveProperty('type', 'doc'),
  ],
  ['replica.htmlToText', fc.tuple(text), replica.htmlToText, isText],
  ['replica.textToHtml', fc.tuple(text), replica.textToHtml, isText],
  ['replica.sanitizeHtml', fc.tuple(text), replica.sanitizeHtml, isText],
  // rules
  ['rules.check', fc.tuple(text, sideOrJunk, directionOrJunk), rules.check, isList],
  ['rules.compile', fc.tuple(text, sideOrJunk, directionOrJunk), rules.compile, expectResult],
  [
    'rules.runRules',
    fc.tuple(text, sideOrJunk, directionOrJunk, junk, fc.constant({ maxMillis: 60_000 })),
    rules.runRules,
    expectResult,
  ],
  ['rules.runIr', fc.tuple(junk, sideOrJunk, directionOrJunk, junk), rules.runIr, expectResult],
  ['rules.generateRules', fc.tuple(junk, sideOrJunk), rules.generateRules, expectResult],
  ['rules.validateMapping', fc.tuple(junk, sideOrJunk), rules.validateMapping, isList],
  // engine: stored records read back
  ['engine.migrateLink', fc.tuple(junk), engine.migrateLink, expectResult],
  ['engine.migrateQueueItem', fc.tuple(junk), engine.migrateQueueItem, expectResult],
  ['engine.migrateConnection', fc.tuple(junk), engine.migrateConnection, expectResult],
  ['engine.migrateStoredReplica', fc.tuple(junk), engine.migrateStoredReplica, expectResult],
  ['engine.encodeStored', fc.tuple(junk), engine.encodeStored, expectResult],
  ['engine.decodeStored', fc.tuple(fc.array(text, { maxLength: 4 })), engine.decodeStored, expectResult],
  // protocol: what arrives from the other side or from a person
  ['protocol.parseEnvelope', fc.tuple(text), protocol.parseEnvelope, expectResult],
  ['protocol.parseInvitation', fc.tuple(text, fc.integer()), protocol.parseInvitation, expectResult],
  [
    'protocol.readErrorResponse',
    fc.tuple(text),
    protocol.readErrorResponse,
    (result) => {
      if (result !== null)
        expect(result).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    },
  ],
  [
    'protocol.peekMessageKind',
    fc.tuple(raw),
    protocol.peekMessageKind,
    (kind) => expect(kind === null || protocol.MESSAGE_KINDS.includes(kind as never)).toBe(true),
  ],
  [
    'protocol.verifyMessage',
    fc.tuple(raw),
    (message: protocol.RawMessage) => {
      const clock = new TestClock();
      return protocol.verifyMessage(message, {
        secretFor: async () => TEST_SECRET,
        clock,
        replayCache: new InMemoryReplayCache(clock),
      });
    },
    expectResult,
  ],
  [
    'protocol.acceptHello',
    fc.tuple(raw),
    (message: protocol.RawMessage) => {
      const clock = new TestClock();
      return protocol.acceptHello(message, {
        invitations: new InMemoryInvitationStore(),
        replayCache: new InMemoryReplayCache(clock),
        clock,
        messageIds: protocol.createMessageIdGenerator({ clock }),
        platform: 'jira',
        site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
      });
    },
    expectResult,
  ],
  [
    'protocol.verifyHelloAck',
    fc.tuple(raw),
    (message: protocol.RawMessage) =>
      protocol.verifyHelloAck(
        message,
        { connectionId: 'acme', helloMessageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W', connectionSecret: TEST_SECRET },
        { clock: new TestClock() },
      ),
    expectResult,
  ],
  // protocol: what the program builds itself, junk of its declared type (a secret from a store, ids)
  [
    'protocol.signMessage',
    fc.tuple(
      fc.record({
        v: fc.constant(1),
        kind: fc.constant('pull'),
        connectionId: fc.oneof(text, fc.constant('acme')),
        messageId: fc.oneof(text, fc.constant('01JD7XKQ2M3N4P5Q6R7S8T9V0W')),
        sentAt: fc.oneof(text, fc.constant('2026-11-20T10:00:00.000Z')),
        body: fc.constant({ limit: 1, acks: [] }),
      }),
      fc.oneof(text, fc.constant(TEST_SECRET)),
    ),
    protocol.signMessage,
    expectResult,
  ],
  [
    'protocol.createHello',
    fc.tuple(fc.record({ secret: text, connectionId: text, invitationId: text })),
    (invitation: { secret: string; connectionId: string; invitationId: string }) => {
      const clock = new TestClock();
      return protocol.createHello({
        invitation: { ...(invitation as unknown as protocol.Invitation) },
        platform: 'salesforce',
        site: { name: 'Acme', url: 'https://acme.example' },
        clock,
        messageIds: protocol.createMessageIdGenerator({ clock }),
      });
    },
    expectResult,
  ],
  [
    'protocol.createInvitation',
    fc.tuple(
      fc.record({ connectionName: text, rendezvousUrl: text, site: fc.record({ name: text, url: text }) }),
    ),
    (input: Omit<protocol.CreateInvitationInput, 'clock'>) =>
      protocol.createInvitation({ ...input, clock: new TestClock() }),
    expectResult,
  ],
];
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('every function of the adapter entries, given junk', () => {
  it.each(CASES.map(([name, args, call, check]) => ({ name, args, call, check })))(
    '$name answers with a value, never a throw',
    async ({ args, call, check }) => {
      await fc.assert(
        fc.asyncProperty(args, async (values) => {
          check(await call(...values));
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('protocol.pushOutbox answers a run summary, never a throw, when its secret or connection id is junk', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.oneof(text, fc.constant('acme-jira-support')),
        async (secret, connectionId) => {
          const pair = rendezvousPair();
          await syncLocalChange(
            pair.salesforce.engine.context,
            seedEntity(pair.salesforce, '500A', { title: 'A' }),
          );
          const summary = await protocol.pushOutbox({ ...pair.client, secret, connectionId });
          expect(summary).toMatchObject({ done: expect.any(Number), retrying: expect.any(Number) });
        },
      ),
      { numRuns: Math.max(5, Math.floor(RUNS / 4)) },
    );
  });

  it('fails with a coded error where the input cannot be read', async () => {
    expectCodedFailure(replica.validateReplica(42));
    expectCodedFailure(replica.adfToHtml('not adf'));
    expectCodedFailure(rules.compile('entity.x = ;', 'salesforce', 'incoming'));
    expectCodedFailure(rules.generateRules({ rows: 'none' } as never, 'jira'));
    expectCodedFailure(engine.migrateLink(null));
    expectCodedFailure(await engine.decodeStored([]));
    expectCodedFailure(protocol.parseEnvelope('{'));
    expectCodedFailure(await protocol.parseInvitation('not a code', 0));
    expectCodedFailure(rules.runRules('entity.x = 1;', 'nowhere' as never, 'incoming', {}));
    expectCodedFailure(rules.compile('entity.x = 1;', 'salesforce', {} as never));
    expect(rules.check('entity.x = 1;', 'salesforce', 7 as never)).toMatchObject([
      { code: 'invalid-argument' },
    ]);
    expectCodedFailure(replica.convertRichText('x', 'html', 'pdf' as never));
    const stamp = {
      connectionId: 'acme',
      messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W',
      sentAt: 1_795_000_000_000,
    };
    const pull = protocol.createEnvelope('pull', { limit: 1, acks: [] }, stamp);
    expectCodedFailure(await protocol.signMessage(pull, 'short'));
    expectCodedFailure(await protocol.signMessage({ ...pull, messageId: 'msg-1' }, TEST_SECRET));
  });
});
