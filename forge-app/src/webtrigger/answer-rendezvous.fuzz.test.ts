import fc from 'fast-check';
import { fuzzRuns } from '@tandem/shared-ts/testing';
import { testApp } from '../testing/in-memory-app-ports';
import { answerRendezvous } from './answer-rendezvous';

const header = fc.dictionary(
  fc.constantFrom(
    'x-tandem-connection',
    'x-tandem-signature',
    'x-tandem-timestamp',
    'x-tandem-message-id',
    'content-type',
  ),
  fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.string(), fc.integer()),
);
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.constantFrom('{"kind":"hello"}', '{"kind":"push","body":{"messages":[]}}', ''),
  fc.anything(),
);
const request = fc.oneof(
  fc.record({ method: fc.constantFrom('POST', 'GET', 'post'), headers: header, body, path: fc.string() }),
  fc.anything(),
);

describe('answerRendezvous given junk', () => {
  it('answers every request with an HTTP response, never a throw, and queues nothing for what it refused', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const app = testApp();
        const answer = await answerRendezvous(input, app.ports);
        expect(typeof answer.statusCode).toBe('number');
        expect(typeof answer.body).toBe('string');
        if (answer.statusCode !== 200) expect(app.jobs).toEqual([]);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
