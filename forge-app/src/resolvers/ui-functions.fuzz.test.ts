import fc from 'fast-check';
import { fuzzRuns } from '@tandem/shared-ts/testing';
import { testApp } from '../testing/in-memory-app-ports';
import { UI_FUNCTIONS } from './define-ui-resolver';

const KEYS = Object.keys(UI_FUNCTIONS);
const CODES = new Set([
  'issue-missing',
  'unavailable',
  'not-set-up',
  'payload-invalid',
  'not-found',
  'jql-invalid',
  'too-many-triggers',
  'invitation-invalid',
  'accept-unsupported',
]);

/** Payloads near the real ones (the fields each function reads) and anything else JSON. */
const payload = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      connectionName: fc.oneof(fc.string(), fc.jsonValue()),
      ttlHours: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
      code: fc.oneof(fc.string(), fc.constant('TANDEM1-'), fc.jsonValue()),
      connectionId: fc.oneof(fc.constant('conn-1'), fc.string(), fc.jsonValue()),
      active: fc.oneof(fc.boolean(), fc.jsonValue()),
      id: fc.oneof(fc.constant('t1'), fc.string(), fc.jsonValue()),
      jql: fc.oneof(fc.constant('project = SUP'), fc.string(), fc.jsonValue()),
      notes: fc.oneof(fc.string(), fc.jsonValue()),
      queue: fc.oneof(fc.constantFrom('outbox', 'inbox', 'attachments'), fc.jsonValue()),
      key: fc.oneof(fc.string(), fc.jsonValue()),
      issueId: fc.oneof(fc.constant('10042'), fc.string(), fc.jsonValue()),
      reason: fc.oneof(fc.string(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
);

describe('the UI functions on any payload', () => {
  it('answer a value or a known code, never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KEYS), payload, fc.jsonValue(), async (key, body, context) => {
        const app = testApp();
        const run = UI_FUNCTIONS[key];
        if (!run) throw new Error(`no function ${key}`);
        const answer = await run({ payload: body, context }, app.ports);
        expect(typeof answer.ok).toBe('boolean');
        if (!answer.ok) {
          expect(CODES.has(answer.error.code)).toBe(true);
          expect(answer.error.message.length).toBeGreaterThan(0);
        }
        // What crosses the bridge is JSON.
        expect(() => JSON.stringify(answer)).not.toThrow();
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
