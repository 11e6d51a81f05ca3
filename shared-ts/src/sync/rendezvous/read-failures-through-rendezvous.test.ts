import { sha256HexOfBytes } from '../../util/sha256';
import { attachmentQueueKey } from '../attachments/attachment-transfer';
import type { AttachmentSource } from '../attachments/attachment-ports';
import { attachmentRules } from '../attachments/testing/attachment-rules';
import { syncFailure } from '../model/sync-failure';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { failingReads } from '../testing/failing-reads';
import { seedEntity } from '../testing/test-node';
import { fetchAttachmentsOnce, pullOnce } from './rendezvous-client';
import { rendezvousPair, type RendezvousPair } from './testing/rendezvous-pair';

const issue = { platform: 'jira', type: 'issue', id: '10042' };
const THROTTLED = syncFailure('http', 'Jira answered 429 to read-attachment', {
  status: 429,
  retryAfterSeconds: 120,
});

/** A Jira issue with two small files, a1 and a2, that Salesforce fetches through the rendezvous. */
function pairWithFiles(): RendezvousPair {
  const pair = rendezvousPair({
    attachments: {},
    jira: { runRules: attachmentRules },
    salesforce: { runRules: attachmentRules },
  });
  const views = ['a1', 'a2'].map((id, seed) => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31 + seed) & 0xff);
    const view = {
      id,
      filename: `${id}.bin`,
      mimeType: 'application/octet-stream',
      size: 1000,
      sha256: sha256HexOfBytes(bytes),
    };
    pair.files.source.add(`attachment:${id}`, { ...view, url: null, platformName: 'Jira' }, bytes);
    return view;
  });
  seedEntity(pair.jira, issue.id, { title: 'Printer on fire', state: 'Open', attachments: views });
  return pair;
}

async function deliverIssue(pair: RendezvousPair): Promise<void> {
  await syncLocalChange(pair.jira.engine.context, issue);
  expect(await pullOnce(pair.client)).toMatchObject({ ok: true });
  await pair.salesforce.engine.processInbox();
}

/** The rendezvous serves its files from `source` from now on. */
function serveFrom(pair: RendezvousPair, source: AttachmentSource): void {
  const connection = pair.server.connection.bind(pair.server);
  pair.server.connection = async (connectionId) => {
    const served = await connection(connectionId);
    return served?.attachments ? { ...served, attachments: { ...served.attachments, source } } : served;
  };
}

/** How long the item of a file waits from now, in ms. */
async function waitOf(pair: RendezvousPair, id: string): Promise<number> {
  const item = await pair.files.queue.get(attachmentQueueKey('conn-1', issue, id));
  return Date.parse(item?.nextAttemptAt ?? '') - pair.clock.now();
}

describe('attachment reads the ports answer with a failure', () => {
  it.each(['describe', 'read'] as const)(
    'a source %s throttled with Retry-After 120 holds the wanting item no earlier than 120 s later',
    async (method) => {
      const pair = pairWithFiles();
      await deliverIssue(pair);
      serveFrom(pair, failingReads(pair.files.source, method, [THROTTLED]));
      expect(await fetchAttachmentsOnce(pair.client)).toMatchObject({ ok: true });
      const item = await pair.files.queue.get(attachmentQueueKey('conn-1', issue, 'a1'));
      expect(item).toMatchObject({
        state: 'pending',
        attempts: 1,
        lastError: { code: 'unavailable', retryAfterSeconds: 120 },
      });
      expect(await waitOf(pair, 'a1')).toBeGreaterThanOrEqual(120_000);
      // The other file was answered and stored meanwhile.
      expect(pair.files.store.files.size).toBe(1);

      pair.clock.advance(119_000);
      await fetchAttachmentsOnce(pair.client);
      expect(pair.files.store.files.size).toBe(1);
      pair.clock.advance(1_000);
      await fetchAttachmentsOnce(pair.client);
      expect(pair.files.store.files.size).toBe(2);
    },
  );

  it('a stored hash the store could not tell queues the file as wanted no earlier than the Retry-After', async () => {
    const pair = pairWithFiles();
    const deps = pair.salesforce.engine.context.deps;
    const ports = deps.attachments;
    if (!ports) throw new Error('no attachment ports');
    deps.attachments = { ...ports, store: failingReads(ports.store, 'storedHash', [THROTTLED]) };
    await deliverIssue(pair);
    expect(await pair.files.queue.get(attachmentQueueKey('conn-1', issue, 'a1'))).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: THROTTLED,
    });
    expect(await waitOf(pair, 'a1')).toBeGreaterThanOrEqual(120_000);
    expect(await waitOf(pair, 'a2')).toBe(0);
    await fetchAttachmentsOnce(pair.client);
    expect([...pair.files.store.files.values()].map((file) => file.filename)).toEqual(['a2.bin']);
    pair.clock.advance(120_000);
    await fetchAttachmentsOnce(pair.client);
    expect(pair.files.store.files.size).toBe(2);
  });
});
