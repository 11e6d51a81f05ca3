import { createEnvelope, signMessage, type AttachmentAnswer, type EnvelopeOf } from '../../protocol';
import { sha256HexOfBytes } from '../../util/sha256';
import { attachmentQueueKey } from '../attachments/attachment-transfer';
import { attachmentRules, type ViewAttachment } from '../attachments/testing/attachment-rules';
import { METADATA_ONLY } from '../status/read-link-status';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { seedEntity } from '../testing/test-node';
import { ATTACHMENT_WANT_ANSWER_WAIT_MS, offerBatchWants, takeBatchWantAnswers } from './batch-wants';
import { answerBatchWants, pullOnce, pushOutbox, type BatchWants } from './rendezvous-client';
import { rendezvousPair, type RendezvousPair } from './testing/rendezvous-pair';

function bytesOf(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed + (i >> 8)) & 0xff);
}

const caseRef = { platform: 'salesforce', type: 'Case', id: '500A' };
const NOTE = bytesOf(1000, 1);
const LOG = bytesOf(200_000, 2);

/**
 * A Salesforce Case with three files, synced to Jira (pushed, applied): note.txt (1 chunk),
 * log.txt (3 chunks) and big.zip (400,000 bytes, over Salesforce's 300,000-byte cap). Jira's
 * engine has queued one want per file.
 */
async function caseWithFiles(options: Parameters<typeof rendezvousPair>[0] = {}): Promise<RendezvousPair> {
  const pair = rendezvousPair({
    attachments: { caps: { maxFileBytes: 300_000 } },
    jira: { runRules: attachmentRules },
    salesforce: { runRules: attachmentRules },
    ...options,
  });
  const files: [ViewAttachment, Uint8Array][] = [
    [
      {
        id: 's1',
        filename: 'note.txt',
        mimeType: 'text/plain',
        size: NOTE.length,
        sha256: sha256HexOfBytes(NOTE),
      },
      NOTE,
    ],
    [
      {
        id: 's2',
        filename: 'log.txt',
        mimeType: 'text/plain',
        size: LOG.length,
        sha256: sha256HexOfBytes(LOG),
      },
      LOG,
    ],
    [
      { id: 's3', filename: 'big.zip', mimeType: 'application/zip', size: 400_000, sha256: null },
      new Uint8Array(400_000),
    ],
  ];
  for (const [view, bytes] of files) {
    pair.filesToJira.source.add(
      `attachment:${view.id}`,
      {
        id: view.id,
        filename: view.filename,
        size: view.size,
        sha256: view.sha256,
        url: 'https://acme.my.salesforce.com/500A',
        platformName: 'Salesforce',
      },
      bytes,
    );
  }
  seedEntity(pair.salesforce, caseRef.id, {
    title: 'Printer on fire',
    state: 'Open',
    attachments: files.map(([view]) => ({ ...view })),
  });
  await syncLocalChange(pair.salesforce.engine.context, caseRef);
  expect(await pushOutbox(pair.client)).toMatchObject({ done: 1 });
  await pair.jira.engine.processInbox();
  return pair;
}

function theIssue(pair: RendezvousPair) {
  const entity = [...pair.jira.entities.entities.values()][0];
  if (!entity) throw new Error('no issue was created');
  return entity.ref;
}

async function pullWants(pair: RendezvousPair): Promise<BatchWants | undefined> {
  const pulled = await pullOnce(pair.client);
  if (!pulled.ok) throw new Error(pulled.error.message);
  return pulled.wants;
}

const key = (id: string) => attachmentQueueKey('conn-1', caseRef, id);

describe('files from the acceptor to the initiator (attachments-both-ways)', () => {
  it('carries Jira’s wants in the batch, as many as one answer holds, and takes Salesforce’s answers: files stored, the one over the cap noted', async () => {
    const pair = await caseWithFiles();
    expect([...pair.filesToJira.queue.items.keys()].sort()).toEqual([key('s1'), key('s2'), key('s3')]);

    const first = await pullWants(pair);
    // note.txt (1 chunk) and log.txt (3) fit one answer; big.zip (5 more) waits for the next batch.
    expect(first?.items).toEqual([
      { id: 's1', ref: 'attachment:s1', from: 0 },
      { id: 's2', ref: 'attachment:s2', from: 0 },
    ]);
    const offered = pair.filesToJira.queue.items.get(key('s1'));
    expect(offered).toMatchObject({ offers: 1, attempts: 0 });
    expect(Date.parse(offered?.nextAttemptAt ?? '')).toBe(pair.clock.now() + ATTACHMENT_WANT_ANSWER_WAIT_MS);
    const batch = JSON.parse(pair.exchanges.at(-1)?.response.body ?? '{}') as EnvelopeOf<'batch'>;
    expect(batch.body.wants).toEqual(first?.items);
    expect(first?.inReplyTo).toBe(batch.messageId);

    if (!first) throw new Error('no wants');
    expect(await answerBatchWants(pair.client, first)).toEqual({ ok: true, files: 2, chunks: 4 });
    const answer = JSON.parse(pair.exchanges.at(-1)?.request.body ?? '{}') as EnvelopeOf<'attachment-chunks'>;
    expect([answer.kind, answer.body.inReplyTo]).toEqual(['attachment-chunks', batch.messageId]);

    const second = await pullWants(pair);
    expect(second?.items).toEqual([{ id: 's3', ref: 'attachment:s3', from: 0 }]);
    if (!second) throw new Error('no wants');
    expect(await answerBatchWants(pair.client, second)).toEqual({ ok: true, files: 1, chunks: 0 });
    expect(await pullWants(pair)).toBeUndefined();

    const issue = theIssue(pair);
    const stored = pair.filesToJira.store.filesOf(issue);
    expect(stored.map((file) => file.filename).sort()).toEqual(['log.txt', 'note.txt']);
    const log = stored.find((file) => file.filename === 'log.txt')?.bytes;
    expect(log && Buffer.from(log).equals(Buffer.from(LOG))).toBe(true);
    expect([...pair.filesToJira.store.notes.values()].map((note) => note.text)).toEqual([
      'File big.zip (390.6 KB) is over the 293 KB limit; open it in Salesforce: https://acme.my.salesforce.com/500A',
    ]);
    expect(pair.filesToJira.queue.items.size).toBe(0);
    expect(pair.filesToJira.chunks.chunks.size).toBe(0);
    expect(pair.filesToJira.source.reads.every(([, , length]) => length <= 92_160)).toBe(true);
    expect((await pair.jira.engine.status(issue)).message ?? '').not.toContain(METADATA_ONLY);
  });

  it('offers a want again only after the answer wait, and a repeated or late answer stores nothing twice', async () => {
    const pair = await caseWithFiles();
    const wants = await pullWants(pair);
    if (!wants) throw new Error('no wants');
    // A pull before the answer does not ask again for the files already asked for.
    expect((await pullWants(pair))?.items.map((item) => item.id)).toEqual(['s3']);
    expect(await answerBatchWants(pair.client, wants)).toMatchObject({ ok: true, files: 2 });
    expect(pair.filesToJira.store.attachCalls).toBe(2);
    // The same answer again (a retry after a lost ack): accepted, nothing attached again.
    expect(await answerBatchWants(pair.client, wants)).toMatchObject({ ok: true, files: 2 });
    expect(pair.filesToJira.store.attachCalls).toBe(2);
    expect(pair.filesToJira.store.files.size).toBe(2);

    // big.zip's batch was lost: after the wait it is offered again.
    expect(await pullWants(pair)).toBeUndefined();
    pair.clock.advance(ATTACHMENT_WANT_ANSWER_WAIT_MS);
    expect((await pullWants(pair))?.items).toEqual([{ id: 's3', ref: 'attachment:s3', from: 0 }]);
  });

  it('books a ref Salesforce does not know, and a file corrupted at Salesforce, each on its own item; the other file is stored', async () => {
    const pair = await caseWithFiles();
    pair.filesToJira.source.files.delete('attachment:s1');
    const log = pair.filesToJira.source.files.get('attachment:s2');
    if (!log) throw new Error('no s2');
    const corrupt = log.bytes.slice();
    corrupt[100_000] = (corrupt[100_000] ?? 0) ^ 0x01;
    pair.filesToJira.source.add('attachment:s2', log.meta, corrupt);
    for (let round = 0; round < 4; round++) {
      const wants = await pullWants(pair);
      if (wants) await answerBatchWants(pair.client, wants);
    }
    const s1 = pair.filesToJira.queue.items.get(key('s1'));
    const s2 = pair.filesToJira.queue.items.get(key('s2'));
    expect([s1?.state, s1?.lastError?.code]).toEqual(['error', 'rejected']);
    expect(s1?.lastError?.message).toContain('attachment-unknown');
    expect([s2?.state, s2?.lastError?.code]).toEqual(['error', 'attachment-hash-mismatch']);
    expect(pair.filesToJira.queue.items.get(key('s3'))).toBeUndefined();
    expect(pair.filesToJira.store.notes.size).toBe(1);
    expect(pair.filesToJira.chunks.chunks.size).toBe(0);
    expect((await pair.jira.engine.errors()).map((error) => error.queue)).toEqual([
      'attachments',
      'attachments',
    ]);
  });

  it('refuses a chunk out of its place in the file, and ignores an answer for a file it did not want', async () => {
    const pair = await caseWithFiles();
    const ctx = pair.jira.engine.context;
    const find = async (id: string) =>
      [...pair.filesToJira.queue.items.values()].find((item) => item.attachment?.remote.id === id) ?? null;
    const misplaced: AttachmentAnswer = {
      id: 's1',
      ref: 'attachment:s1',
      outcome: 'chunks',
      size: NOTE.length,
      sha256: sha256HexOfBytes(NOTE),
      chunks: [{ index: 0, count: 2, data: 'AAAA', sha256: 'a'.repeat(64) }],
    };
    const stranger: AttachmentAnswer = { ...misplaced, id: 'zz', ref: 'attachment:zz' };
    const otherRef: AttachmentAnswer = { ...misplaced, id: 's2', ref: 'attachment:elsewhere' };
    const summary = await takeBatchWantAnswers(ctx, find, [stranger, otherRef, misplaced]);
    expect(summary).toMatchObject({ done: 0, failed: 1 });
    expect(pair.filesToJira.queue.items.get(key('s1'))?.lastError?.code).toBe('attachment-chunk-corrupt');
    expect(pair.filesToJira.queue.items.get(key('s2'))?.lastError).toBeNull();
    expect(pair.filesToJira.store.attachCalls).toBe(0);
  });

  it('drops the want of a record no longer linked instead of offering it', async () => {
    const pair = await caseWithFiles();
    pair.jira.links.links.clear();
    expect(await pullWants(pair)).toBeUndefined();
    expect(pair.filesToJira.queue.items.size).toBe(0);
    expect(pair.jira.log.entries.map((entry) => entry.message)).toContain(
      'note.txt of salesforce Case 500A is no longer wanted: the record is not linked any more.',
    );
  });

  it('fits the wants in the room the batch leaves, and offers none when none fits', async () => {
    const pair = await caseWithFiles();
    const ctx = pair.jira.engine.context;
    const one = JSON.stringify({ from: 0, id: 's1', ref: 'attachment:s1' }).length;
    expect(await offerBatchWants(ctx, ',"wants":[]'.length + one)).toEqual([
      { id: 's1', ref: 'attachment:s1', from: 0 },
    ]);
    expect(await offerBatchWants(ctx, 5)).toEqual([]);
    expect(pair.filesToJira.queue.items.get(key('s2'))).toMatchObject({ offers: 0 });
  });

  it('keeps the batch within its byte budget with the wants in it: a batch one byte short carries one want fewer', async () => {
    const roomy = await caseWithFiles();
    await pullWants(roomy);
    const full = new TextEncoder().encode(roomy.exchanges.at(-1)?.response.body ?? '').length;
    const tight = await caseWithFiles({ maxBatchBytes: full - 1 });
    const wants = await pullWants(tight);
    const body = tight.exchanges.at(-1)?.response.body ?? '';
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(full - 1);
    expect(wants?.items.map((item) => item.id)).toEqual(['s1']);
    expect(tight.filesToJira.queue.items.get(key('s2'))).toMatchObject({ offers: 0 });
  });

  it('with a Salesforce that does not speak attachments-both-ways: no wants are queued or carried, an answer is refused, and the status says metadata only', async () => {
    const speaks = { protocol: [1], replica: [1, 2], capabilities: ['attachments-v1', 'batch-push'] };
    const pair = await caseWithFiles({ speaks });
    expect(pair.filesToJira.queue.items.size).toBe(0);
    expect(await pullWants(pair)).toBeUndefined();
    const wants = {
      inReplyTo: '01M7W6C39100000000000000AC',
      items: [{ id: 's1', ref: 'attachment:s1', from: 0 }],
    };
    expect(await answerBatchWants(pair.client, wants)).toEqual({ ok: true, files: 0, chunks: 0 });

    const stamp = { connectionId: 'conn-1', messageId: pair.client.messageIds(), sentAt: pair.clock.now() };
    const unasked = createEnvelope('attachment-chunks', { inReplyTo: wants.inReplyTo, files: [] }, stamp);
    const signed = await signMessage(unasked, pair.client.secret);
    const response = await pair.serve({
      method: 'POST',
      path: '/',
      headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, [value]])),
      body: signed.body,
    });
    const ack = JSON.parse(response.body) as EnvelopeOf<'ack'>;
    expect(ack.body.results).toMatchObject([
      { messageId: unasked.messageId, outcome: 'rejected', error: { code: 'kind-unsupported' } },
    ]);
    expect((await pair.jira.engine.status(theIssue(pair))).message).toContain(METADATA_ONLY);
  });
});
