import { sha256HexOfBytes } from '../../util/sha256';
import { attachmentQueueKey } from '../attachments/attachment-transfer';
import { attachmentRules, type ViewAttachment } from '../attachments/testing/attachment-rules';
import { METADATA_ONLY } from '../status/read-link-status';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { seedEntity } from '../testing/test-node';
import { fetchAttachmentsOnce, pullOnce } from './rendezvous-client';
import { rendezvousPair, type RendezvousPair } from './testing/rendezvous-pair';

function bytesOf(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed + (i >> 8)) & 0xff);
}

const issue = { platform: 'jira', type: 'issue', id: '10042' };
const LOG = bytesOf(200_000, 1);
const SHOT = bytesOf(1000, 2);

/** A Jira issue with a comment and three files: log.txt (3 chunks), shot.png, and big.zip over the 300 KB cap. */
function pairWithFiles(options: Parameters<typeof rendezvousPair>[0] = {}): RendezvousPair {
  const pair = rendezvousPair({
    attachments: { caps: { maxFileBytes: 300_000 } },
    jira: { runRules: attachmentRules },
    salesforce: { runRules: attachmentRules },
    ...options,
  });
  const files: [ViewAttachment, Uint8Array | null][] = [
    [
      {
        id: 'a1',
        filename: 'log.txt',
        mimeType: 'text/plain',
        size: LOG.length,
        sha256: sha256HexOfBytes(LOG),
      },
      LOG,
    ],
    [
      {
        id: 'a2',
        filename: 'shot.png',
        mimeType: 'image/png',
        size: SHOT.length,
        sha256: sha256HexOfBytes(SHOT),
      },
      SHOT,
    ],
    [{ id: 'a3', filename: 'big.zip', mimeType: 'application/zip', size: 400_000, sha256: null }, null],
  ];
  for (const [view, bytes] of files) {
    pair.files.source.add(
      `attachment:${view.id}`,
      {
        id: view.id,
        filename: view.filename,
        size: view.size,
        sha256: view.sha256,
        url: 'https://acme.atlassian.net/browse/SUP-42',
        platformName: 'Jira',
      },
      bytes ?? new Uint8Array(view.size),
    );
  }
  seedEntity(pair.jira, issue.id, {
    title: 'Printer on fire',
    state: 'Open',
    comments: [{ id: 'c1', body: 'It smokes.' }],
    attachments: files.map(([view]) => ({ ...view })),
  });
  return pair;
}

/** Jira's replica reaches Salesforce and is applied. */
async function deliverIssue(pair: RendezvousPair): Promise<void> {
  await syncLocalChange(pair.jira.engine.context, issue);
  const pulled = await pullOnce(pair.client);
  // An offered replica a newer one replaced travels again before it (it may have been lost).
  expect(pulled).toMatchObject({ ok: true, rejected: 0 });
  await pair.salesforce.engine.processInbox();
}

/** Fetches until nothing is under way (bounded). */
async function fetchAll(pair: RendezvousPair): Promise<number> {
  let wants = 0;
  for (; wants < 20; wants++) {
    const fetched = await fetchAttachmentsOnce(pair.client);
    if (!fetched.ok || !fetched.more) break;
  }
  return wants + 1;
}

function theCase(pair: RendezvousPair) {
  const entity = [...pair.salesforce.entities.entities.values()][0];
  if (!entity) throw new Error('no Case was created');
  return entity;
}

describe('attachments through the rendezvous', () => {
  it('queues one item per file the apply found missing, beside the applied fields and comments', async () => {
    const pair = pairWithFiles();
    await deliverIssue(pair);
    const view = theCase(pair).view;
    expect(view).toMatchObject({ title: 'Printer on fire', comments: [{ body: 'It smokes.' }] });
    expect([...pair.files.queue.items.keys()].sort()).toEqual(
      ['a1', 'a2', 'a3'].map((id) => attachmentQueueKey('conn-1', issue, id)),
    );
  });

  it('fetches each file in chunks, at most 8 per answer, stores it checked, and posts a note for the file over the cap', async () => {
    const pair = pairWithFiles();
    await deliverIssue(pair);
    await fetchAll(pair);
    const local = theCase(pair).ref;
    const stored = pair.files.store.filesOf(local);
    expect(stored.map((file) => file.filename).sort()).toEqual(['log.txt', 'shot.png']);
    const log = stored.find((file) => file.filename === 'log.txt')?.bytes;
    expect(log && Buffer.from(log).equals(Buffer.from(LOG))).toBe(true);
    expect([...pair.files.store.notes.values()]).toMatchObject([
      {
        local,
        remoteAttachmentId: 'a3',
        text: 'File big.zip (390.6 KB) is over the 293 KB limit; open it in Jira: https://acme.atlassian.net/browse/SUP-42',
      },
    ]);
    expect(pair.files.queue.items.size).toBe(0);
    expect(pair.files.chunks.chunks.size).toBe(0);
    for (const { response } of pair.exchanges) {
      const body = JSON.parse(response.body) as { kind: string; body: { files?: { chunks?: unknown[] }[] } };
      if (body.kind !== 'attachment-chunks') continue;
      const chunks = (body.body.files ?? []).reduce((sum, file) => sum + (file.chunks?.length ?? 0), 0);
      expect(chunks).toBeLessThanOrEqual(8);
    }
    expect(pair.files.source.reads.every(([, , length]) => length <= 92_160)).toBe(true);
  });

  it('books a corrupt file on its own item, with its code, while the record synced; an admin retry later stores it', async () => {
    const pair = pairWithFiles();
    const good = pair.files.source.files.get('attachment:a2');
    if (!good) throw new Error('no a2');
    const corrupt = good.bytes.slice();
    corrupt[10] = (corrupt[10] ?? 0) ^ 0xff;
    pair.files.source.add('attachment:a2', good.meta, corrupt);
    await deliverIssue(pair);
    await fetchAll(pair);
    expect(theCase(pair).view).toMatchObject({
      title: 'Printer on fire',
      comments: [{ body: 'It smokes.' }],
    });
    const errors = await pair.salesforce.engine.errors();
    expect(errors.map((error) => [error.queue, error.item.key, error.item.lastError?.code])).toEqual([
      ['attachments', attachmentQueueKey('conn-1', issue, 'a2'), 'attachment-hash-mismatch'],
    ]);
    expect(pair.files.store.filesOf(theCase(pair).ref).map((file) => file.filename)).toEqual(['log.txt']);

    pair.files.source.add('attachment:a2', good.meta, good.bytes);
    expect(
      await pair.salesforce.engine.retry('attachments', attachmentQueueKey('conn-1', issue, 'a2')),
    ).toEqual({
      kind: 'retrying',
    });
    await fetchAll(pair);
    expect(await pair.salesforce.engine.errors()).toEqual([]);
    expect(
      pair.files.store
        .filesOf(theCase(pair).ref)
        .map((file) => file.filename)
        .sort(),
    ).toEqual(['log.txt', 'shot.png']);
  });

  it('stores a file delivered twice once: the replica again queues nothing, and a transfer repeated after a crash creates nothing', async () => {
    const pair = pairWithFiles();
    await deliverIssue(pair);
    // The process dies after storing log.txt and before its item leaves the queue: it is fetched again.
    const remove = pair.files.queue.remove.bind(pair.files.queue);
    let crashed = false;
    pair.files.queue.remove = async (key, id) => {
      if (!crashed && key === attachmentQueueKey('conn-1', issue, 'a1')) {
        crashed = true;
        return;
      }
      await remove(key, id);
    };
    await fetchAll(pair);
    expect(crashed).toBe(true);
    await fetchAll(pair); // the next run
    expect(pair.files.store.attachCalls).toBe(3);
    expect(pair.files.store.files.size).toBe(2);
    expect(pair.salesforce.log.entries.map((entry) => entry.message)).toContain(
      'log.txt of jira issue 10042 was already stored; the copy delivered again was not stored twice.',
    );

    pair.jira.clock.advance(1000);
    pair.jira.entities.edit(issue, { title: 'Printer still on fire' });
    await deliverIssue(pair);
    expect(theCase(pair).view).toMatchObject({ title: 'Printer still on fire' });
    expect(pair.files.queue.items.size).toBe(0);
    expect(pair.files.store.files.size).toBe(2);
    expect(pair.files.store.notes.size).toBe(1);
  });

  it('books a file the sender no longer knows as final, and one gone while it was read as retried', async () => {
    const pair = pairWithFiles();
    pair.files.source.files.delete('attachment:a1');
    const shot = pair.files.source.files.get('attachment:a2');
    if (!shot) throw new Error('no a2');
    pair.files.source.read = () => Promise.resolve(null);
    await deliverIssue(pair);
    await fetchAttachmentsOnce(pair.client);
    const a1 = pair.files.queue.items.get(attachmentQueueKey('conn-1', issue, 'a1'));
    const a2 = pair.files.queue.items.get(attachmentQueueKey('conn-1', issue, 'a2'));
    expect([a1?.state, a1?.lastError?.code]).toEqual(['error', 'rejected']);
    expect(a1?.lastError?.message).toContain('attachment-unknown');
    expect([a2?.state, a2?.lastError?.code, a2?.attempts]).toEqual(['pending', 'unavailable', 1]);
  });

  it('leaves files metadata-only with a peer that does not speak attachments-v1, and the status says so', async () => {
    const pair = pairWithFiles({
      speaks: { protocol: [1], replica: [1, 2], capabilities: ['batch-push'] },
    });
    await deliverIssue(pair);
    expect(pair.files.queue.items.size).toBe(0);
    expect(await fetchAttachmentsOnce(pair.client)).toMatchObject({ ok: true, stored: 0, more: false });
    const status = await pair.salesforce.engine.status(theCase(pair).ref);
    expect(status.message).toContain(METADATA_ONLY);
  });
});
