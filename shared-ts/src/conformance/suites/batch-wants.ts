/**
 * Vectors of `planBatchWants`: which of the rendezvous side's wanted files one `batch` carries
 * (capability `attachments-both-ways`; docs/protocol.md, "Attachments", Direction).
 */
import type { JsonValue } from '../../replica';
import { planBatchWants, type WantCandidate } from '../../sync/rendezvous/batch-wants';
import type { VectorSuite } from '../vector-suite';

/** The input of one vector: the due files, oldest first, and the bytes the batch has left. */
export interface BatchWantsInput {
  candidates: WantCandidate[];
  roomBytes: number;
}

const CHUNK = 92_160;
const file = (id: string, size: number, from = 0): WantCandidate => ({
  id,
  ref: `attachment:${id}`,
  size,
  from,
});

/** The batch-wants vector set: `expected` is the wants, `[{id, ref, from}]`. */
export const batchWantsSuite: VectorSuite<BatchWantsInput> = {
  folder: 'attachments/batch-wants',
  run: (i) => planBatchWants(i.candidates, i.roomBytes) as unknown as JsonValue,
  cases: [
    {
      name: 'small-files-all-fit',
      description: 'Three one-chunk files fit one answer and the room: all are wanted, oldest first.',
      input: { candidates: [file('1', 10), file('2', 0), file('3', CHUNK)], roomBytes: 10_000 },
    },
    {
      name: 'chunks-of-one-answer',
      description:
        'Wants stop before the chunks the files lack would pass 8: 3 + 5 = 8 fit, the next one-chunk file does not.',
      input: {
        candidates: [file('1', 3 * CHUNK), file('2', 5 * CHUNK), file('3', 1)],
        roomBytes: 10_000,
      },
    },
    {
      name: 'first-always-offered',
      description: 'A file lacking more than 8 chunks is still wanted when it comes first, alone.',
      input: { candidates: [file('1', 20 * CHUNK), file('2', 1)], roomBytes: 10_000 },
    },
    {
      name: 'resumes-from-the-first-missing-chunk',
      description: 'A transfer under way counts only the chunks it still lacks: 9 chunks from 6 lack 3.',
      input: { candidates: [file('1', 9 * CHUNK, 6), file('2', 5 * CHUNK)], roomBytes: 10_000 },
    },
    {
      name: 'room-for-one',
      description:
        'The room counts `,"wants":[` and `]`, each want as canonical JSON and a comma between: 11 + 40 bytes fit one want, not two.',
      input: { candidates: [file('1', 1), file('2', 1)], roomBytes: 51 },
    },
    {
      name: 'room-for-none',
      description: 'One byte short of the first want: no want is carried.',
      input: { candidates: [file('1', 1), file('2', 1)], roomBytes: 50 },
    },
    {
      name: 'at-most-eight-files',
      description:
        'Thirty empty files: each lacks one chunk, so eight are wanted (the 8 chunks of one answer cap them before the 20 wants).',
      input: { candidates: Array.from({ length: 30 }, (_, i) => file(String(i), 0)), roomBytes: 100_000 },
    },
  ],
};
