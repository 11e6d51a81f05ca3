import fc from 'fast-check';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { createTwoNodeHarness } from './create-two-node-harness';
import { localFields } from './harness-rules';
import type { Fault } from './network';

/**
 * Files through the rendezvous under faults, both ways: either side attaches files of random
 * sizes (some over the 150,000-byte cap both sides apply, some empty), some corrupted at the
 * sender, while the network drops, delays, duplicates and reorders wants, pulls (whose batches
 * carry Jira's wants) and answers, and Salesforce edits the Case. Once drained, every file is
 * on the other side exactly once with its bytes, or its note is posted once (over the cap), or,
 * when corrupted, its item alone is in the receiver's error list with `attachment-hash-mismatch`;
 * nothing else is in any error list and no chunk is left behind.
 */
const CAP = 150_000;

const fileArb = fc.record({
  size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 90_000, max: 200_000 })),
  seed: fc.integer({ min: 0, max: 255 }),
  corrupt: fc.boolean(),
  side: fc.constantFrom('jira' as const, 'salesforce' as const),
});

const faultArb: fc.Arbitrary<Fault> = fc.record({
  kind: fc.constantFrom('none', 'drop', 'drop-ack', 'delay', 'duplicate', 'reorder', 'crash-receiver'),
});

function bytesOf(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed + (i >> 8)) & 0xff);
}

describe('files through the rendezvous under random faults', () => {
  it('store each file once, note each file over the cap once, and fail only the corrupted ones, alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fileArb, { minLength: 1, maxLength: 4 }),
        fc.array(faultArb, { maxLength: 8 }),
        fc.integer({ min: 1, max: 1000 }),
        async (files, faults, seed) => {
          const harness = await createTwoNodeHarness({
            seed,
            topology: 'rendezvous',
            attachmentCaps: { maxFileBytes: CAP },
            salesforceAttachmentCaps: { maxFileBytes: CAP },
          });
          const issue = await harness.createEntity(
            'jira',
            '10042',
            localFields('jira', {
              summary: 'Printer',
              description: null,
              status: 'New',
              priority: 'High',
              labels: [],
            }),
          );
          await harness.runUntilQuiet();
          const caseRef = await harness.counterpart('jira', issue);
          if (!caseRef) return false;
          const refOn = { jira: issue, salesforce: caseRef };
          for (const [index, file] of files.entries()) {
            const bytes = bytesOf(file.size, file.seed);
            const sender = harness[file.side];
            await harness.addFile(file.side, refOn[file.side], {
              id: `j${index}`,
              filename: `f${index}.bin`,
              bytes,
            });
            if (file.corrupt && file.size > 0 && file.size <= CAP) {
              const sent = bytes.slice();
              sent[file.size - 1] = (sent[file.size - 1] ?? 0) ^ 0x01;
              const source = sender.files.source.files.get(`attachment:j${index}`);
              if (source) sender.files.source.add(`attachment:j${index}`, source.meta, sent);
            }
          }
          harness.network.schedule('jira', ...faults);
          await harness.editLocal(
            'salesforce',
            caseRef,
            localFields('salesforce', { summary: 'Printer on fire' }),
          );
          const quiet = await harness.runUntilQuiet();

          const receiverOf = (side: 'jira' | 'salesforce') => (side === 'jira' ? 'salesforce' : 'jira');
          const failedOn = (side: 'jira' | 'salesforce') =>
            quiet.errors[side].map((error) => [error.queue, error.item.lastError?.code]);
          const expectedFailed: Record<'jira' | 'salesforce', unknown[]> = { jira: [], salesforce: [] };
          for (const [index, file] of files.entries()) {
            const name = `f${index}.bin`;
            const receiver = receiverOf(file.side);
            const stored = harness[receiver].files.store.filesOf(refOn[receiver]);
            const notes = [...harness[receiver].files.store.notes.values()];
            const copies = stored.filter((candidate) => candidate.filename === name);
            const noted = notes.filter((note) => note.remoteAttachmentId === `j${index}`);
            if (file.size > CAP) {
              expect([name, copies.length, noted.length]).toEqual([name, 0, 1]);
            } else if (file.corrupt && file.size > 0) {
              expect([name, copies.length, noted.length]).toEqual([name, 0, 0]);
              expectedFailed[receiver].push(['attachments', 'attachment-hash-mismatch']);
            } else {
              expect([name, copies.length, noted.length]).toEqual([name, 1, 0]);
              const copy = copies[0]?.bytes;
              expect(copy && Buffer.from(copy).equals(Buffer.from(bytesOf(file.size, file.seed)))).toBe(true);
            }
          }
          for (const side of ['jira', 'salesforce'] as const) {
            expect(failedOn(side)).toEqual(expectedFailed[side]);
            expect(harness[side].files.chunks.chunks.size).toBe(0);
          }
          return true;
        },
      ),
      { numRuns: fuzzRuns(25) },
    );
  }, 120_000);
});
