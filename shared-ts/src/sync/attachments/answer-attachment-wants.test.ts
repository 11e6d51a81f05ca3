import { pureSha256 } from './attachment-hash';
import { ATTACHMENT_CHUNK_MAX_BYTES } from './attachment-limits';
import { answerAttachmentWants } from './answer-attachment-wants';
import type { SendingAttachmentPorts } from './attachment-ports';
import { InMemoryAttachmentAllowance, InMemoryAttachmentSource } from './testing/in-memory-attachment-ports';

const NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

function portsWith(files: [string, number][], caps: SendingAttachmentPorts['caps'] = {}) {
  const source = new InMemoryAttachmentSource();
  for (const [id, size] of files) {
    source.add(
      `attachment:${id}`,
      {
        id,
        filename: `${id}.bin`,
        size,
        url: 'https://acme.atlassian.net/browse/SUP-42',
        platformName: 'Jira',
      },
      new Uint8Array(size).fill(7),
    );
  }
  const allowance = new InMemoryAttachmentAllowance();
  return { source, allowance, caps, sha256: pureSha256 };
}

const want = (id: string, from = 0) => ({ id, ref: `attachment:${id}`, from });

describe('answerAttachmentWants', () => {
  it('carries at most 8 chunks in the whole answer and leaves out the files that do not fit', async () => {
    const ports = portsWith([
      ['a', 5 * ATTACHMENT_CHUNK_MAX_BYTES],
      ['b', 5 * ATTACHMENT_CHUNK_MAX_BYTES],
      ['c', 10],
    ]);
    const answers = await answerAttachmentWants('conn-1', [want('a'), want('b'), want('c')], ports, NOW);
    expect(
      answers.map((answer) => [
        answer.id,
        answer.outcome === 'chunks' ? answer.chunks.map((c) => c.index) : [],
      ]),
    ).toEqual([
      ['a', [0, 1, 2, 3, 4]],
      ['b', [0, 1, 2]],
    ]);
  });

  it('resumes from the chunk asked for; a file without a known hash is read whole once, to hash it', async () => {
    const ports = portsWith([['a', 3 * ATTACHMENT_CHUNK_MAX_BYTES + 1]]);
    const [answer] = await answerAttachmentWants('conn-1', [want('a', 2)], ports, NOW);
    expect(answer?.outcome === 'chunks' && answer.chunks.map((c) => [c.index, c.count])).toEqual([
      [2, 4],
      [3, 4],
    ]);
    expect(ports.source.reads.filter(([, offset]) => offset < 2 * ATTACHMENT_CHUNK_MAX_BYTES)).toEqual([
      ['attachment:a', 0, 3 * ATTACHMENT_CHUNK_MAX_BYTES + 1],
    ]);
  });

  it('answers a link with the note for a file over the per-file cap', async () => {
    const ports = portsWith([['a', 2000]], { maxFileBytes: 1000 });
    expect(await answerAttachmentWants('conn-1', [want('a')], ports, NOW)).toEqual([
      {
        id: 'a',
        ref: 'attachment:a',
        outcome: 'link',
        url: 'https://acme.atlassian.net/browse/SUP-42',
        note: 'File a.bin (2 KB) is over the 1000 bytes limit; open it in Jira: https://acme.atlassian.net/browse/SUP-42',
      },
    ]);
  });

  it("charges the day's allowance once per file, and answers a link when the day is used up", async () => {
    const ports = portsWith(
      [
        ['a', 600],
        ['b', 600],
      ],
      { maxConnectionBytesPerDay: 1000 },
    );
    const first = await answerAttachmentWants('conn-1', [want('a')], ports, NOW);
    expect(first[0]?.outcome).toBe('chunks');
    expect(await ports.allowance.get('conn-1', '2026-11-20')).toEqual({ bytes: 600, version: 1 });
    const second = await answerAttachmentWants('conn-1', [want('b'), want('a', 0)], ports, NOW);
    expect(second.map((answer) => answer.outcome)).toEqual(['link', 'link']);
    expect(second[0]?.outcome === 'link' && second[0].note).toContain(
      'per-day attachment allowance (600 bytes used today)',
    );
    const nextDay = await answerAttachmentWants('conn-1', [want('b')], ports, NOW + 86_400_000);
    expect(nextDay[0]?.outcome).toBe('chunks');
  });

  it('refuses an unknown ref and a chunk outside the file, not retryable', async () => {
    const ports = portsWith([['a', 10]]);
    const answers = await answerAttachmentWants('conn-1', [want('zz'), want('a', 1)], ports, NOW);
    expect(answers).toMatchObject([
      { id: 'zz', outcome: 'refused', error: { code: 'attachment-unknown', retryable: false } },
      { id: 'a', outcome: 'refused', error: { code: 'attachment-chunk-corrupt', retryable: false } },
    ]);
  });
});
